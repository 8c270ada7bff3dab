import { useState } from 'react'
import { billingApi, describeError, type BillingInvoice, type BillingInvoiceDetail } from '../../api'
import { formatDateTime } from '../../lib/format'
import { formatCents, invoiceState } from './billingFormat'

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  URL.revokeObjectURL(url)
}

/** The invoices, newest first; one opens to its lines and downloads as PDF. */
export function InvoiceList({ invoices }: { invoices: BillingInvoice[] }) {
  const [open, setOpen] = useState<BillingInvoiceDetail | null>(null)
  const [error, setError] = useState<string | null>(null)

  const act = (task: () => Promise<void>) => () => {
    setError(null)
    task().catch((e) => setError(describeError(e)))
  }

  if (invoices.length === 0) return <p className="muted">No invoices yet: the first is issued after your first month ends.</p>
  return (
    <>
      {error && <p role="alert" className="error-text">{error}</p>}
      <table className="invoice-table">
        <thead>
          <tr><th scope="col">Invoice</th><th scope="col">Month</th><th scope="col">Total</th><th scope="col">Status</th><th scope="col" /></tr>
        </thead>
        <tbody>
          {invoices.map((i) => (
            <tr key={i.id} data-invoice={i.number ?? i.id}>
              <td>{i.number ?? 'Draft'}</td>
              <td>{i.month}</td>
              <td className="num">{formatCents(i.totalCents, i.currency)}</td>
              <td>{invoiceState(i)}</td>
              <td>
                <button type="button" className="link" onClick={act(async () => setOpen(await billingApi.invoice(i.id)))}>Details</button>{' '}
                <button type="button" className="link" onClick={act(async () => save(await billingApi.pdf(i.id), `${i.number ?? i.month}.pdf`))}>PDF</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <div className="invoice-detail" role="region" aria-label={`Invoice ${open.invoice.number ?? 'draft'}`}>
          <h3>{open.invoice.number ?? 'Draft invoice'} · {open.invoice.month}</h3>
          <p className="muted small">
            Issued {formatDateTime(open.invoice.issuedAt)} · due {formatDateTime(open.invoice.dueAt)}
            {open.invoice.paymentReference ? ` · paid (${open.invoice.paymentReference})` : ''}
          </p>
          <table>
            <tbody>
              {open.lines.map((l) => (
                <tr key={l.key} className={`line-${l.kind}`}><td>{l.description}</td><td className="num">{formatCents(l.amountCents, open.invoice.currency)}</td></tr>
              ))}
              <tr><td>Subtotal</td><td className="num">{formatCents(open.invoice.subtotalCents, open.invoice.currency)}</td></tr>
              <tr><td>Tax ({open.invoice.taxRateBasisPoints / 100} %)</td><td className="num">{formatCents(open.invoice.taxCents, open.invoice.currency)}</td></tr>
              <tr><th scope="row">Total</th><th className="num">{formatCents(open.invoice.totalCents, open.invoice.currency)}</th></tr>
            </tbody>
          </table>
          <button type="button" className="secondary" onClick={() => setOpen(null)}>Close</button>
        </div>
      )}
    </>
  )
}
