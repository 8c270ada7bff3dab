import type { ApiClient } from './client'
import type { components } from './generated/openapi'

type Schemas = components['schemas']

export type Card = Schemas['CardView']
export type PaymentMethod = Schemas['PaymentMethodResponse']
export type CollectedInvoice = Schemas['InvoiceView']
export type PaymentAttempt = Schemas['AttemptView']
export type AttemptResult = Schemas['AttemptResult']
export type Standing = Schemas['StandingView']

/**
 * The cards the sandbox gateway knows (Stripe's test tokens). With Stripe itself, its card form hands the app such a
 * token; the sandbox has no form, so the screen offers these.
 */
export const testCards = [
  { token: 'pm_card_visa', label: 'Visa ending 4242 (pays)' },
  { token: 'pm_card_mastercard', label: 'Mastercard ending 4444 (pays)' },
  { token: 'pm_card_chargeDeclined', label: 'Visa ending 0002 (declined)' },
  { token: 'pm_card_chargeDeclinedInsufficientFunds', label: 'Visa ending 9995 (insufficient funds)' },
  { token: 'pm_card_sandbox_declineOnce', label: 'Visa ending 0341 (declined once, then pays)' },
] as const

/** An amount in cents as money: `formatMoney(14900, 'usd')` → `$149.00`. */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100)
}

/** A card as people read it: `Visa •••• 4242, expires 12/2034`. */
export function describeCard(card: Card): string {
  const brand = card.brand.charAt(0).toUpperCase() + card.brand.slice(1)
  return `${brand} •••• ${card.last4}, expires ${String(card.expMonth).padStart(2, '0')}/${card.expYear}`
}

/** What an attempt's outcome says to an owner. */
export function describeAttempt(attempt: Pick<PaymentAttempt, 'outcome' | 'failureCode' | 'failureMessage'>): string {
  if (attempt.outcome === 'succeeded') return 'Paid'
  if (attempt.failureCode === 'no_payment_method') return 'No card on file'
  return attempt.failureMessage ?? attempt.failureCode ?? 'Declined'
}

/** The Payments module's calls: card on file, invoices in collection, "pay now", attempts, the brokerage's standing. */
export class PaymentsApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  standing(signal?: AbortSignal): Promise<Standing> {
    return this.api.request<Standing>('GET', '/payments/standing', undefined, { signal })
  }

  method(signal?: AbortSignal): Promise<PaymentMethod> {
    return this.api.request<PaymentMethod>('GET', '/payments/method', undefined, { signal })
  }

  setMethod(token: string): Promise<Card> {
    return this.api.request<Card>('PUT', '/payments/method', { token })
  }

  invoices(signal?: AbortSignal): Promise<CollectedInvoice[]> {
    return this.api.request<CollectedInvoice[]>('GET', '/payments/invoices', undefined, { signal })
  }

  payNow(invoiceId: string): Promise<AttemptResult> {
    return this.api.request<AttemptResult>('POST', `/payments/invoices/${invoiceId}/pay`)
  }

  attempts(signal?: AbortSignal): Promise<PaymentAttempt[]> {
    return this.api.request<PaymentAttempt[]>('GET', '/payments/attempts', undefined, { signal })
  }
}
