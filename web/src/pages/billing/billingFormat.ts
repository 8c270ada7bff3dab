import type { BillingInvoice, BillingMeterUsage } from '../../api/billing'

/** Integer cents as money: "$1,234.50", "-$19.50". */
export function formatCents(cents: number, currency = 'usd'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100)
}

const meterNames: Record<string, string> = {
  leads_captured: 'Leads captured',
  leads_imported: 'Leads imported',
  leads_scored: 'Leads scored',
  enrichment_calls: 'Enrichment calls',
  active_seats: 'Active seats',
  assistant_messages: 'Assistant messages',
  assistant_tokens: 'Assistant tokens',
  workflow_sends: 'Workflow sends',
}

export function meterName(meter: string): string {
  return meterNames[meter] ?? meter.replaceAll('_', ' ')
}

/**
 * The bar of one meter: how much of the included units is used (0–100) and how far beyond them the
 * usage went, as a share of the whole bar, so overage shows as a second colour.
 */
export function usageBar(m: Pick<BillingMeterUsage, 'quantity' | 'included'>): { includedPercent: number; overagePercent: number } {
  if (m.quantity <= 0) return { includedPercent: 0, overagePercent: 0 }
  if (m.included <= 0) return { includedPercent: 0, overagePercent: 100 }
  if (m.quantity <= m.included) return { includedPercent: Math.round((m.quantity / m.included) * 100), overagePercent: 0 }
  const inside = Math.round((m.included / m.quantity) * 100)
  return { includedPercent: inside, overagePercent: 100 - inside }
}

/** One phrase for an invoice's state, with the failed collection payments reported. */
export function invoiceState(i: Pick<BillingInvoice, 'status' | 'failedAttempts' | 'nextAttemptAt' | 'lastFailureReason'>): string {
  if (i.status === 'open' && i.failedAttempts > 0) {
    const reason = i.lastFailureReason ? ` (${i.lastFailureReason})` : ''
    const next = i.nextAttemptAt ? `; next try ${new Date(i.nextAttemptAt).toLocaleDateString('en-US')}` : '; no more tries'
    return `Payment failed ${i.failedAttempts}×${reason}${next}`
  }
  return { draft: 'Draft', open: 'Due', paid: 'Paid', void: 'Void' }[i.status] ?? i.status
}

/** The months the usage screen offers: this one and the eleven before it, newest first (`yyyy-MM`). */
export function recentMonths(now: Date, count = 12): string[] {
  const months: string[] = []
  for (let i = 0; i < count; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`)
  }
  return months
}
