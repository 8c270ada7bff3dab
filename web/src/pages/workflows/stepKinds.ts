import { describeMinutes, mergeFieldHint, type Kind, type KindValues } from './kindFields'
import { leadStepKinds } from './leadStepKinds'

/**
 * Every step kind the builder offers, in the order of its "Add step" menu. Adding a kind the server learned (SMS,
 * branch …) is one entry here: its `type` as the API spells it, its fields by their JSON names, and defaults.
 */
// "For a while" is the API's default (no mode sent), so workflows saved before modes existed read back unchanged.
const waitModes = [
  { value: '', label: 'for a while' },
  { value: 'until', label: 'until a date and time' },
  { value: 'until_business_hours', label: 'until business hours in the lead’s time zone' },
]

function waitSummary(v: KindValues): string {
  if (v.mode === 'until') return `Wait until ${v.until ? new Date(String(v.until)).toLocaleString() : '…'}`
  if (v.mode === 'until_business_hours') return 'Wait until business hours (08:00–21:00, lead’s zone)'
  return `Wait ${describeMinutes(v.delayMinutes as number)}`
}

export const stepKinds: readonly Kind[] = [
  {
    type: 'email',
    label: 'Send an e-mail',
    help: 'Sent 08:00–21:00 in the lead’s time zone, with your postal address and an unsubscribe link at the foot.',
    fields: [
      { name: 'subject', label: 'Subject', kind: 'text', required: true },
      { name: 'body', label: 'Message', kind: 'textarea', required: true, hint: mergeFieldHint },
    ],
    defaults: { subject: 'Hi {{lead.firstName|there}}', body: 'Hi {{lead.firstName|there}},\n\n\n{{agent.signature}}' },
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
    help: 'Pause this lead’s enrollment before the next step: for a while, until a moment (one already past goes on at once), or until business hours (08:00–21:00 in the lead’s time zone).',
    fields: [
      { name: 'mode', label: 'Wait', kind: 'select', options: waitModes },
      { name: 'delayMinutes', label: 'Wait for', kind: 'minutes', required: true, min: 1, shownWhen: (v) => !v.mode || v.mode === 'delay' },
      { name: 'until', label: 'Until', kind: 'datetime', required: true, shownWhen: (v) => v.mode === 'until' },
    ],
    defaults: { mode: '', delayMinutes: 1440 },
    summary: waitSummary,
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
  ...leadStepKinds,
  {
    type: 'webhook',
    label: 'Call a webhook',
    help: 'POSTs the lead (id, names, e-mails, phones, stage, type, source, tags) as JSON, signed with your secret like Beacon’s webhooks (Beacon-Webhook-Signature). The lead goes on at once; failed calls are retried, then shown as failed in the history.',
    fields: [
      { name: 'url', label: 'URL (https)', kind: 'text', required: true },
      { name: 'secret', label: 'Signing secret', kind: 'text', required: true, hint: 'At least 16 characters; your receiver checks the signature with it. Team leads who open this workflow can read it.' },
    ],
    defaults: { url: '', secret: '' },
    summary: (v) => `Webhook to ${v.url ? String(v.url).replace(/^https?:\/\//, '').split('/')[0] : '…'}`,
  },
]

export function stepKind(type: string): Kind | undefined {
  return stepKinds.find((k) => k.type === type)
}
