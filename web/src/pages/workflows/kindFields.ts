/**
 * The fields a trigger or step kind shows in the builder. `name` is the JSON property the API reads, so a
 * validation error keyed `steps[2].delayMinutes` lands on the field named `delayMinutes` of step 3.
 */
export interface KindField {
  name: string
  label: string
  /** text: one line; textarea: a body; number: a plain integer; minutes: an amount with a minutes/hours/days unit; select: options;
   * agent: one of the brokerage's agents and team leads (their id), or empty. */
  kind: 'text' | 'textarea' | 'number' | 'minutes' | 'select' | 'agent'
  hint?: string
  /** Refused empty before asking the server (the server checks again). */
  required?: boolean
  options?: readonly { value: string; label: string }[]
  min?: number
  max?: number
}

/** A draft's values: what the API's step or trigger JSON holds besides `type`. */
export type KindValues = Record<string, string | number | null | undefined>

/** One kind of step or trigger: its label, its fields, the values a new one starts with, and a one-line summary. */
export interface Kind {
  type: string
  label: string
  /** A sentence under the picker: what this kind does. */
  help: string
  fields: readonly KindField[]
  defaults: KindValues
  summary: (values: KindValues) => string
}

export const mergeFieldHint =
  'Merge fields: {{lead.firstName}}, {{lead.lastName}}, {{lead.fullName}}, {{lead.email}}, {{agent.name}}, {{agent.email}}, ' +
  '{{brokerage.postalAddress}}; a fallback after a bar: {{lead.firstName|there}}.'

/** "1 day", "3 hours", "45 minutes". */
export function describeMinutes(minutes: number | null | undefined): string {
  const m = Number(minutes ?? 0)
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (m > 0 && m % 1440 === 0) return plural(m / 1440, 'day')
  if (m > 0 && m % 60 === 0) return plural(m / 60, 'hour')
  return plural(m, 'minute')
}
