import { describeMinutes, mergeFieldHint, type Kind } from './kindFields'

/**
 * Every step kind the builder offers, in the order of its "Add step" menu. Adding a kind the server learned (SMS,
 * branch …) is one entry here: its `type` as the API spells it, its fields by their JSON names, and defaults.
 */
export const stepKinds: readonly Kind[] = [
  {
    type: 'email',
    label: 'Send an e-mail',
    help: 'Sent 08:00–21:00 in the lead’s time zone, with your postal address and an unsubscribe link at the foot.',
    fields: [
      { name: 'subject', label: 'Subject', kind: 'text', required: true },
      { name: 'body', label: 'Message', kind: 'textarea', required: true, hint: mergeFieldHint },
    ],
    defaults: { subject: 'Hi {{lead.firstName|there}}', body: 'Hi {{lead.firstName|there}},\n\n\n{{agent.name}}' },
    summary: (v) => `E-mail “${v.subject ?? ''}”`,
  },
  {
    type: 'sms',
    label: 'Send a text (SMS)',
    help: 'Sent 08:00–21:00 in the lead’s time zone to their first phone, with “Reply STOP to opt out.” added; a lead who texted STOP gets nothing.',
    fields: [{ name: 'body', label: 'Text', kind: 'textarea', required: true, hint: mergeFieldHint }],
    defaults: { body: 'Hi {{lead.firstName|there}}, this is {{agent.name}}.' },
    summary: (v) => `Text “${String(v.body ?? '').slice(0, 40)}”`,
  },
  {
    type: 'wait',
    label: 'Wait',
    help: 'Pause this lead’s enrollment before the next step.',
    fields: [{ name: 'delayMinutes', label: 'Wait for', kind: 'minutes', required: true, min: 1 }],
    defaults: { delayMinutes: 1440 },
    summary: (v) => `Wait ${describeMinutes(v.delayMinutes as number)}`,
  },
  {
    type: 'task',
    label: 'Create a task',
    help: 'A task for the lead’s assigned agent (skipped, with a reason, when the lead has none).',
    fields: [
      { name: 'title', label: 'Task', kind: 'text', required: true, hint: 'Merge fields work here too: Call {{lead.firstName}}' },
      { name: 'dueInMinutes', label: 'Due after', kind: 'minutes', min: 0 },
    ],
    defaults: { title: 'Call {{lead.fullName|the lead}}', dueInMinutes: 60 },
    summary: (v) => `Task “${v.title ?? ''}”, due after ${describeMinutes(v.dueInMinutes as number)}`,
  },
  {
    type: 'goal',
    label: 'Goal: lead converted',
    help: 'With a goal anywhere in the workflow, a lead who reaches “Closed” leaves it before their next step.',
    fields: [],
    defaults: {},
    summary: () => 'Goal: exit once the lead converts',
  },
]

export function stepKind(type: string): Kind | undefined {
  return stepKinds.find((k) => k.type === type)
}
