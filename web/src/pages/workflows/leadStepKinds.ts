import { humanize, stages } from '../../api/leads'
import type { Kind, KindValues } from './kindFields'

const stageOptions = stages.map((s) => ({ value: s, label: humanize(s) }))

/** What a branch may test, as the API spells it, with the operators each takes and whether it needs a value. */
export const branchFields: Record<string, { label: string; operators: { value: string; label: string }[]; value?: string }> = {
  stage: { label: 'Stage', operators: [{ value: 'is', label: 'is' }, { value: 'is_not', label: 'is not' }], value: 'a stage (qualified)' },
  type: { label: 'Type', operators: [{ value: 'is', label: 'is' }, { value: 'is_not', label: 'is not' }], value: 'buyer, seller, renter or investor' },
  source: { label: 'Source', operators: [{ value: 'is', label: 'is' }, { value: 'is_not', label: 'is not' }], value: 'a lead source' },
  city: { label: 'Property city', operators: [{ value: 'is', label: 'is' }, { value: 'is_not', label: 'is not' }], value: 'a city' },
  state: { label: 'Property state', operators: [{ value: 'is', label: 'is' }, { value: 'is_not', label: 'is not' }], value: 'IL' },
  tag: { label: 'Tag', operators: [{ value: 'present', label: 'is present' }, { value: 'absent', label: 'is absent' }], value: 'the tag' },
  score: { label: 'Score (0–100)', operators: [{ value: 'gte', label: '≥' }, { value: 'lt', label: '<' }], value: 'a score, 0–100' },
  grade: { label: 'Grade', operators: [{ value: 'is', label: 'is' }, { value: 'is_not', label: 'is not' }], value: 'A, B, C or D' },
  enriched: { label: 'Enrichment', operators: [{ value: 'yes', label: 'has enriched data' }, { value: 'no', label: 'has no enriched data' }] },
  activity: {
    label: 'Activity',
    operators: [{ value: 'within_days', label: 'some in the last N days' }, { value: 'none_within_days', label: 'none in the last N days' }],
    value: 'days, 1–365',
  },
}

const operatorLabel = (v: KindValues) =>
  branchFields[String(v.field)]?.operators.find((o) => o.value === v.operator)?.label ?? String(v.operator ?? '')

const target = (step: unknown) => (step == null || step === '' ? 'next step' : `step ${Number(step) + 1}`)

/** The steps that branch and change the lead (beside e-mail, text, wait, task and goal in stepKinds.ts). */
export const leadStepKinds: readonly Kind[] = [
  {
    type: 'branch',
    label: 'Branch (if / else)',
    help: 'Tests the lead when the step runs and goes on at one of the LATER steps: jumps go forward only, so a lead never loops.',
    fields: [
      {
        name: 'field', label: 'If', kind: 'select', required: true,
        options: Object.entries(branchFields).map(([value, f]) => ({ value, label: f.label })),
        afterChange: (v) => ({ ...v, operator: branchFields[String(v.field)]?.operators[0].value ?? '' }),
      },
      { name: 'operator', label: 'Condition', kind: 'select', required: true, optionsFor: (v) => branchFields[String(v.field)]?.operators ?? [] },
      {
        name: 'value', label: 'Value', kind: 'text', required: true, shownWhen: (v) => v.field !== 'enriched',
        hint: 'Stage, type and source as the lead list spells them (qualified, buyer); tags without the #.',
      },
      { name: 'thenStep', label: 'Then go to', kind: 'step' },
      { name: 'elseStep', label: 'Otherwise go to', kind: 'step' },
    ],
    defaults: { field: 'score', operator: 'gte', value: '60' },
    summary: (v) => `If ${branchFields[String(v.field)]?.label.toLowerCase() ?? v.field} ${operatorLabel(v)}${v.field === 'enriched' ? '' : ` ${v.value ?? ''}`} → ${target(v.thenStep)}, else ${target(v.elseStep)}`,
  },
  {
    type: 'set_stage',
    label: 'Move to a stage',
    help: 'Changes the lead’s stage as a person would; the timeline says it was this workflow.',
    fields: [{ name: 'stage', label: 'Stage', kind: 'select', required: true, options: stageOptions }],
    defaults: { stage: 'nurture' },
    summary: (v) => `Move to ${humanize(String(v.stage ?? ''))}`,
  },
  {
    type: 'add_tag',
    label: 'Add a tag',
    help: 'Adds the tag (stored in lower case); nothing happens when the lead already has it.',
    fields: [{ name: 'tag', label: 'Tag', kind: 'text', required: true }],
    defaults: { tag: '' },
    summary: (v) => `Add tag “${v.tag ?? ''}”`,
  },
  {
    type: 'remove_tag',
    label: 'Remove a tag',
    help: 'Removes the tag; nothing happens when the lead does not have it.',
    fields: [{ name: 'tag', label: 'Tag', kind: 'text', required: true }],
    defaults: { tag: '' },
    summary: (v) => `Remove tag “${v.tag ?? ''}”`,
  },
  {
    type: 'assign',
    label: 'Assign the lead',
    help: 'To the agent chosen here, or to the next agent in the brokerage’s round robin. An agent who has left is skipped, with the reason in the history.',
    fields: [{ name: 'agentId', label: 'Assign to', kind: 'agent', hint: 'Round robin (the next agent in turn)' }],
    defaults: {},
    summary: (v) => (v.agentId ? 'Assign to the chosen agent' : 'Assign by round robin'),
  },
]
