import { useEffect, useState } from 'react'
import { billingApi, describeError, type BillingUsage } from '../../api'
import { Alert } from '../../components/Alert'
import { PageHeading } from '../../components/PageHeading'
import { formatCount } from '../../lib/format'
import { formatCents, meterName, recentMonths, usageBar } from './billingFormat'

/** Settings → Usage (owners and admins): the month so far per meter, included units against overage, as bars. */
export function UsagePage() {
  const [months] = useState(() => recentMonths(new Date()))
  const [month, setMonth] = useState(months[0])
  const [usage, setUsage] = useState<BillingUsage | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const abort = new AbortController()
    billingApi.usage(month, abort.signal)
      .then((u) => {
        setUsage(u)
        setError(null)
      })
      .catch((e) => abort.signal.aborted || setError(describeError(e)))
    return () => abort.abort()
  }, [month])

  return (
    <section className="page usage-page" aria-labelledby="usage-heading">
      <PageHeading id="usage-heading">Usage</PageHeading>
      <p className="muted">
        What your brokerage used, per meter, against what your plan includes. Each event counts once, however often it
        is retried. Anything beyond the included units is billed at the plan&apos;s overage price on the month&apos;s invoice.
      </p>
      <label className="field usage-month">
        <span>Month</span>
        <select value={month} onChange={(e) => setMonth(e.target.value)}>
          {months.map((m, i) => (
            <option key={m} value={m}>{i === 0 ? `${m} (so far)` : m}</option>
          ))}
        </select>
      </label>
      {error && <Alert tone="error">{error}</Alert>}
      {!usage && !error && <p role="status">Loading usage…</p>}
      {usage && (
        <>
          <p>
            Plan <strong>{usage.planName}</strong> · overage so far <strong data-testid="overage-total">{formatCents(usage.overageCents)}</strong>
          </p>
          <table className="usage-table">
            <thead>
              <tr><th scope="col">Meter</th><th scope="col">Used</th><th scope="col">Included</th><th scope="col" className="bar-col">Of included</th><th scope="col">Overage</th></tr>
            </thead>
            <tbody>
              {usage.meters.map((m) => {
                const bar = usageBar(m)
                return (
                  <tr key={m.meter} data-meter={m.meter}>
                    <th scope="row">
                      {meterName(m.meter)}
                      {m.dimensions.length > 1 && (
                        <div className="muted small">
                          {m.dimensions.map((d) => `${d.dimension || 'other'} ${formatCount(d.quantity)}`).join(' · ')}
                        </div>
                      )}
                    </th>
                    <td className="num">{formatCount(m.quantity)}</td>
                    <td className="num">{formatCount(m.included)}</td>
                    <td>
                      <div className="usage-bar" role="img" aria-label={`${formatCount(m.quantity)} of ${formatCount(m.included)} included`}>
                        <span className="usage-bar-included" style={{ width: `${bar.includedPercent}%` }} />
                        <span className="usage-bar-overage" style={{ width: `${bar.overagePercent}%` }} />
                      </div>
                    </td>
                    <td className="num">{m.overage > 0 ? `${formatCount(m.overage)} · ${formatCents(m.overageCents)}` : '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
