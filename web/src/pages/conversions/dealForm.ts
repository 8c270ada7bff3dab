import type { RecordDealRequest } from '../../api/conversions'

/** Dollars typed by a person as integer cents; null when blank, undefined when not a non-negative amount. */
export function toCents(text: FormDataEntryValue | null): number | null | undefined {
  const value = String(text ?? '').trim()
  if (value === '') return null
  const n = Number(value)
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : undefined
}

/** The deal a "Record deal" form describes, or what is wrong with it (the server checks again and names the field). */
export function dealFromForm(leadId: string, form: FormData): { deal: RecordDealRequest } | { error: string } {
  const price = toCents(form.get('price'))
  const commission = toCents(form.get('commission'))
  if (price === undefined) return { error: 'The price is a positive amount.' }
  if (commission === undefined) return { error: 'The commission is a positive amount.' }
  if (price !== null && commission !== null && commission > price) return { error: 'The commission cannot exceed the price.' }
  const closeDate = String(form.get('closeDate') ?? '')
  return {
    deal: {
      leadId,
      agentId: null,
      stage: String(form.get('stage') ?? 'closed'),
      closeDate: closeDate === '' ? null : closeDate,
      priceCents: price,
      commissionCents: commission,
      currency: 'USD',
    },
  }
}
