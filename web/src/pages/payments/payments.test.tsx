import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { describeAttempt, describeCard, formatMoney, type Standing } from '../../api/payments'
import { RestrictedNotice } from './StandingBanner'

const standing: Standing = {
  restricted: true,
  reason: 'Invoice INV-0042 is unpaid after every scheduled payment attempt.',
  invoiceId: '0192f7a0-0000-7000-8000-000000000042',
  invoiceNumber: 'INV-0042',
  restrictedAt: '2026-12-06T10:00:00Z',
  payUrl: '/settings/payment',
}

describe('payments', () => {
  it('shows money and cards as people read them', () => {
    expect(formatMoney(14_900, 'usd')).toBe('$149.00')
    expect(describeCard({ brand: 'visa', last4: '4242', expMonth: 3, expYear: 2034, updatedAt: '2026-12-06T10:00:00Z' }))
      .toBe('Visa •••• 4242, expires 03/2034')
  })

  it('says why an attempt failed', () => {
    expect(describeAttempt({ outcome: 'succeeded', failureCode: null, failureMessage: null })).toBe('Paid')
    expect(describeAttempt({ outcome: 'failed', failureCode: 'no_payment_method', failureMessage: 'There is no card on file.' }))
      .toBe('No card on file')
    expect(describeAttempt({ outcome: 'failed', failureCode: 'insufficient_funds', failureMessage: 'Your card has insufficient funds.' }))
      .toBe('Your card has insufficient funds.')
  })

  it('tells payers where to pay and everyone else whom to ask, and that nothing was deleted', () => {
    const payer = renderToStaticMarkup(<RestrictedNotice standing={standing} canPay onPaymentPage={false} />)
    const agent = renderToStaticMarkup(<RestrictedNotice standing={standing} canPay={false} onPaymentPage={false} />)

    expect(payer).toContain('href="/settings/payment"')
    expect(payer).toContain('INV-0042')
    expect(payer).toContain('nothing has been deleted')
    expect(agent).not.toContain('href="/settings/payment"')
    expect(agent).toContain('Ask an owner or admin')
  })
})
