import { useCallback, useEffect, useState } from 'react'
import {
  describeAttempt, describeCard, describeError, formatMoney, paymentsApi, testCards,
  type Card, type CollectedInvoice, type PaymentAttempt,
} from '../../api'
import { Alert } from '../../components/Alert'
import { PageHeading } from '../../components/PageHeading'
import { formatDateTime } from '../../lib/format'
import { announceStandingChange } from './StandingBanner'

/** Settings → Payment (owners and admins): the card on file, invoices to pay now, and every collection attempt. */
export function PaymentPage() {
  const [card, setCard] = useState<Card | null | undefined>(undefined)
  const [token, setToken] = useState<string>(testCards[0].token)
  const [invoices, setInvoices] = useState<CollectedInvoice[]>([])
  const [attempts, setAttempts] = useState<PaymentAttempt[]>([])
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback((signal?: AbortSignal) => {
    paymentsApi.method(signal).then((m) => setCard(m.card), (e: unknown) => setError(describeError(e)))
    paymentsApi.invoices(signal).then(setInvoices, () => {})
    paymentsApi.attempts(signal).then(setAttempts, () => {})
  }, [])

  useEffect(() => {
    const controller = new AbortController()
    load(controller.signal)
    return () => controller.abort()
  }, [load])

  const run = async (action: () => Promise<string>) => {
    setBusy(true)
    try {
      setNotice(await action())
      setError(null)
    } catch (e) {
      setError(describeError(e))
      setNotice(null)
    } finally {
      setBusy(false)
      load()
    }
  }

  const saveCard = () => run(async () => {
    const saved = await paymentsApi.setMethod(token)
    return `Card saved: ${describeCard(saved)}.`
  })

  const payNow = (invoice: CollectedInvoice) => run(async () => {
    const result = await paymentsApi.payNow(invoice.invoiceId)
    announceStandingChange()
    if (result.outcome === 'succeeded') return `Invoice ${invoice.number} is paid. Thank you!`
    throw new Error(`The payment for ${invoice.number} failed: ${describeAttempt(result)}`)
  })

  const open = invoices.filter((i) => i.status === 'open')
  return (
    <div className="page">
      <PageHeading>Payment</PageHeading>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {notice && !error && <Alert tone="info">{notice}</Alert>}
      </div>
      <section className="card" aria-labelledby="card-on-file">
        <h2 id="card-on-file" className="card-title">Card on file</h2>
        <p data-testid="card-on-file">{card === undefined ? 'Loading…' : card ? describeCard(card) : 'No card on file yet.'}</p>
        <form aria-label="Card" onSubmit={(e) => { e.preventDefault(); void saveCard() }}>
          <label className="field">
            <span className="field-label">{card ? 'Replace with' : 'Add'} a test card (sandbox gateway)</span>
            <select value={token} onChange={(e) => setToken(e.target.value)}>
              {testCards.map((c) => <option key={c.token} value={c.token}>{c.label}</option>)}
            </select>
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>{card ? 'Replace card' : 'Add card'}</button>
        </form>
      </section>
      <section className="card" aria-labelledby="open-invoices">
        <h2 id="open-invoices" className="card-title">Invoices to pay</h2>
        {open.length === 0 ? <p className="muted">Nothing is due.</p> : (
          <table className="table">
            <thead><tr><th>Invoice</th><th>Amount</th><th>Attempts</th><th>Next attempt</th><th /></tr></thead>
            <tbody>
              {open.map((i) => (
                <tr key={i.invoiceId}>
                  <td>{i.number}{i.overdue && <span className="badge badge-warning"> overdue</span>}</td>
                  <td>{formatMoney(i.amountCents, i.currency)}</td>
                  <td>{i.attempts}</td>
                  <td>{i.nextAttemptAt ? formatDateTime(i.nextAttemptAt) : '—'}</td>
                  <td>
                    <button type="button" className="button button-primary" disabled={busy || !card} onClick={() => void payNow(i)}>
                      Pay {i.number} now
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="attempts">
        <h2 id="attempts" className="card-title">Payment attempts</h2>
        {attempts.length === 0 ? <p className="muted">No payment attempted yet.</p> : (
          <table className="table">
            <thead><tr><th>When</th><th>Invoice</th><th>How</th><th>Card</th><th>Outcome</th></tr></thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={`${a.invoiceId}-${a.number}`}>
                  <td>{formatDateTime(a.attemptedAt)}</td>
                  <td>{a.invoiceNumber}</td>
                  <td>{a.trigger === 'manual' ? 'Pay now' : 'Scheduled'}</td>
                  <td>{a.cardLast4 ? `•••• ${a.cardLast4}` : '—'}</td>
                  <td>{describeAttempt(a)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
