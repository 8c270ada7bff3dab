import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { BillingInvoice, BillingSubscription } from '../../api/billing'
import { formatCents, invoiceState, recentMonths, usageBar } from './billingFormat'
import { InvoiceList } from './InvoiceList'
import { StandingBanner } from './StandingBanner'

const invoice = (over: Partial<BillingInvoice>): BillingInvoice => ({
  id: 'i1', month: '2026-11', number: 'INV-2026-000001', status: 'open', currency: 'usd', planCode: 'team',
  subtotalCents: 19_900, taxRateBasisPoints: 0, taxCents: 0, totalCents: 19_900, amountDueCents: 19_900,
  ratedAt: '2026-12-01T00:10:00Z', issuedAt: '2026-12-01T00:10:00Z', dueAt: '2026-12-15T00:10:00Z', paidAt: null,
  paymentReference: null, failedAttempts: 0, lastFailureReason: null, nextAttemptAt: null, ...over,
})

const subscription = (over: Partial<BillingSubscription>): BillingSubscription => ({
  plan: { code: 'team', name: 'Team', monthlyPriceCents: 19_900, currency: 'usd', trialDays: 14, meters: [] },
  trialEndsAt: null, inTrial: false, taxRateBasisPoints: 0, standing: 'good', standingReason: null, standingInvoiceId: null,
  standingChangedAt: null, since: '2026-11-01T00:00:00Z', ...over,
})

describe('usage bars', () => {
  it('fill the included share, then show overage as its own part of the bar', () => {
    expect(usageBar({ quantity: 0, included: 500 })).toEqual({ includedPercent: 0, overagePercent: 0 })
    expect(usageBar({ quantity: 250, included: 500 })).toEqual({ includedPercent: 50, overagePercent: 0 })
    expect(usageBar({ quantity: 1000, included: 500 })).toEqual({ includedPercent: 50, overagePercent: 50 })
    expect(usageBar({ quantity: 7, included: 0 })).toEqual({ includedPercent: 0, overagePercent: 100 })
  })
})

describe('money and months', () => {
  it('shows integer cents as money, credits negative', () => {
    expect(formatCents(123_450)).toBe('$1,234.50')
    expect(formatCents(-1_950)).toBe('-$19.50')
  })

  it('offers this month and the eleven before it, across a year boundary', () => {
    const months = recentMonths(new Date(Date.UTC(2026, 1, 15)))
    expect(months).toHaveLength(12)
    expect(months.slice(0, 3)).toEqual(['2026-02', '2026-01', '2025-12'])
  })
})

describe('invoices', () => {
  it('say when a payment failed and when it is tried again', () => {
    expect(invoiceState(invoice({}))).toBe('Due')
    expect(invoiceState(invoice({ status: 'paid' }))).toBe('Paid')
    expect(invoiceState(invoice({ failedAttempts: 2, lastFailureReason: 'card_declined', nextAttemptAt: '2026-12-20T00:00:00Z' })))
      .toMatch(/^Payment failed 2× \(card_declined\); next try /)
    expect(invoiceState(invoice({ failedAttempts: 4, nextAttemptAt: null }))).toBe('Payment failed 4×; no more tries')
  })

  it('list with their number, total and a PDF download', () => {
    const html = renderToStaticMarkup(<InvoiceList invoices={[invoice({})]} />)
    expect(html).toContain('INV-2026-000001')
    expect(html).toContain('$199.00')
    expect(html).toContain('PDF')
  })
})

describe('the standing banner', () => {
  it('tells a restricted account that nothing is deleted and how to lift it', () => {
    const html = renderToStaticMarkup(<StandingBanner subscription={subscription({ standing: 'restricted', standingReason: 'card declined 4 times' })} />)
    expect(html).toContain('restricted')
    expect(html).toContain('card declined 4 times')
    expect(html).toContain('Your data is kept')
  })

  it('is absent for an account in good standing after its trial', () => {
    expect(renderToStaticMarkup(<StandingBanner subscription={subscription({})} />)).toBe('')
  })
})
