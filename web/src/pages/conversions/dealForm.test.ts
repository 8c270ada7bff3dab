import { describe, expect, it } from 'vitest'
import { dealFromForm, toCents } from './dealForm'

function form(values: Record<string, string>): FormData {
  const f = new FormData()
  for (const [k, v] of Object.entries(values)) f.set(k, v)
  return f
}

describe('record deal form', () => {
  it('turns dollars into integer cents', () => {
    expect(toCents('450000')).toBe(45_000_000)
    expect(toCents('13500.5')).toBe(1_350_050)
    expect(toCents('')).toBeNull()
    expect(toCents('-1')).toBeUndefined()
  })

  it('builds the request with blanks as null', () => {
    const result = dealFromForm('lead-1', form({ stage: 'closed', closeDate: '', price: '300000', commission: '' }))
    expect(result).toEqual({
      deal: { leadId: 'lead-1', agentId: null, stage: 'closed', closeDate: null, priceCents: 30_000_000, commissionCents: null, currency: 'USD' },
    })
  })

  it('refuses a commission above the price', () => {
    expect(dealFromForm('lead-1', form({ stage: 'closed', price: '100', commission: '101' }))).toEqual({ error: 'The commission cannot exceed the price.' })
  })
})
