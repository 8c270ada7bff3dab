import { humanize, stages } from '../../api/leads'
import type { Kind } from './kindFields'

const grades = ['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))

/** The pipeline's stages, in its order (the Leads API's own list). */
const stageOptions = stages.map((value) => ({ value, label: humanize(value) }))

/** Every trigger the builder offers; a new one is one entry (its `type` as the API spells it, fields by JSON name). */
export const triggerKinds: readonly Kind[] = [
  {
    type: 'lead_created',
    label: 'A lead is created',
    help: 'Captured by a form, an integration or the API, or created by an import.',
    fields: [],
    defaults: {},
    summary: () => 'When a lead is created',
  },
  {
    type: 'score_crossed',
    label: 'The score crosses a threshold',
    help: 'The served score (0–100) moves across the threshold; a first score counts as coming from below.',
    fields: [
      { name: 'threshold', label: 'Threshold', kind: 'number', required: true, min: 1, max: 99 },
      {
        name: 'direction',
        label: 'Direction',
        kind: 'select',
        required: true,
        options: [
          { value: 'up', label: 'Rises past it' },
          { value: 'down', label: 'Falls past it' },
        ],
      },
    ],
    defaults: { threshold: 70, direction: 'up' },
    summary: (v) => `When the score ${v.direction === 'down' ? 'falls' : 'rises'} past ${v.threshold}`,
  },
  {
    type: 'grade_changed',
    label: 'The grade changes',
    help: 'The served grade (A–D) changes; a first grade counts as a change from none.',
    fields: [{ name: 'grade', label: 'To grade', kind: 'select', options: [{ value: '', label: 'Any grade' }, ...grades] }],
    defaults: { grade: 'A' },
    summary: (v) => (v.grade ? `When the lead becomes a grade ${v.grade} lead` : 'When the grade changes'),
  },
  {
    type: 'stage_changed',
    label: 'The stage changes',
    help: 'Someone moves the lead to another pipeline stage (a recorded deal moves it to Closed).',
    fields: [{ name: 'stage', label: 'To stage', kind: 'select', options: [{ value: '', label: 'Any stage' }, ...stageOptions] }],
    defaults: { stage: '' },
    summary: (v) => (v.stage ? `When the lead moves to ${humanize(String(v.stage))}` : 'When the stage changes'),
  },
  {
    type: 'tag_added',
    label: 'A tag is added',
    help: 'The tag is added to the lead by an edit or by a capture merged into it (any letter case).',
    fields: [{ name: 'tag', label: 'Tag', kind: 'text', required: true, hint: 'For example: hot, open-house, relocation.' }],
    defaults: { tag: '' },
    summary: (v) => `When the tag “${v.tag}” is added`,
  },
  {
    type: 'enrichment_completed',
    label: 'Enrichment finds data',
    help: 'A data provider (property, person, credit) matched the lead and added what it found.',
    fields: [],
    defaults: {},
    summary: () => 'When enrichment finds data',
  },
  {
    type: 'lead_assigned',
    label: 'The lead is assigned',
    help: 'The lead is assigned to an agent, by the routing rules or by hand.',
    fields: [{ name: 'agentId', label: 'To agent', kind: 'agent', hint: 'Any agent' }],
    defaults: { agentId: '' },
    summary: (v) => (v.agentId ? 'When the lead is assigned to the chosen agent' : 'When the lead is assigned'),
  },
  {
    type: 'no_activity',
    label: 'No activity for a while',
    help: 'Nothing happened on the lead (no call, note, e-mail, visit…) for this many days; checked every hour. Closed leads are left alone, and a lead enters once per quiet spell.',
    fields: [{ name: 'days', label: 'Days without activity', kind: 'number', required: true, min: 1, max: 365 }],
    defaults: { days: 30 },
    summary: (v) => `When a lead has had no activity for ${v.days} day${Number(v.days) === 1 ? '' : 's'}`,
  },
]

/** Whether a lead may go through the workflow again, as the API spells it. */
export const reenrollmentOptions = [
  { value: 'never', label: 'Once per lead, ever' },
  { value: 'after_exit', label: 'Again, once the previous enrollment has ended' },
] as const

export function triggerKind(type: string): Kind | undefined {
  return triggerKinds.find((k) => k.type === type)
}
