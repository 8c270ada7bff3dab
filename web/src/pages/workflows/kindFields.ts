/**
 * The fields a trigger or step kind shows in the builder. `name` is the JSON property the API reads, so a
 * validation error keyed `steps[2].delayMinutes` lands on the field named `delayMinutes` of step 3.
 */
export interface KindField {
  name: string
  label: string
  /**
   * text: one line; textarea: a body; number: a plain integer; minutes: an amount with a minutes/hours/days unit; select:
   * options; datetime: a moment picked in the viewer's zone, sent as ISO 8601; step: a later step of this workflow (its
   * 0-based index, or none for the next); agent: an agent or team lead who can hold leads (the hint names what none
   * means: any agent for a trigger, round robin for a step).
   */
  kind: 'text' | 'textarea' | 'number' | 'minutes' | 'select' | 'datetime' | 'step' | 'agent'
  hint?: string
  /** Refused empty before asking the server (the server checks again). */
  required?: boolean
  options?: readonly { value: string; label: string }[]
  /** Options that depend on the other values (a branch's operators depend on its field). */
  optionsFor?: (values: KindValues) => readonly { value: string; label: string }[]
  /** Shown (and sent) only when this holds: a wait's moment only in "until" mode. */
  shownWhen?: (values: KindValues) => boolean
  /** Adjusts the other values once this one changed: a branch's new field takes that field's first operator. */
  afterChange?: (values: KindValues) => KindValues
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
  '{{agent.phone}}, {{agent.signature}} (set under Settings → Profile), {{brokerage.postalAddress}}; a fallback after a bar: {{lead.firstName|there}}.'

/** "1 day", "3 hours", "45 minutes". */
export function describeMinutes(minutes: number | null | undefined): string {
  const m = Number(minutes ?? 0)
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (m > 0 && m % 1440 === 0) return plural(m / 1440, 'day')
  if (m > 0 && m % 60 === 0) return plural(m / 60, 'hour')
  return plural(m, 'minute')
}

/** The fields of a kind that apply to these values (the others are neither shown, checked nor sent). */
export function shownFields(kind: Kind | undefined, values: KindValues): readonly KindField[] {
  return (kind?.fields ?? []).filter((f) => !f.shownWhen || f.shownWhen(values))
}
