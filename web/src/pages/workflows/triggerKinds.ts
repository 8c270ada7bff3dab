import type { Kind } from './kindFields'

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
]

export function triggerKind(type: string): Kind | undefined {
  return triggerKinds.find((k) => k.type === type)
}
