import { useState } from 'react'
import { billingApi, describeError, type BillingPlan, type ProrationPreview } from '../../api'
import { formatCount } from '../../lib/format'
import { formatCents, meterName } from './billingFormat'

/** The plans on sale; choosing one shows this month's prorated charges before anything changes. */
export function PlanPicker({ plans, current, onChanged }: { plans: BillingPlan[]; current: string; onChanged: () => void }) {
  const [preview, setPreview] = useState<ProrationPreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const ask = async (code: string) => {
    setError(null)
    try {
      setPreview(await billingApi.preview(code))
    } catch (e) {
      setError(describeError(e))
    }
  }

  const confirm = async () => {
    if (!preview) return
    setBusy(true)
    try {
      await billingApi.changePlan(preview.newPlan)
      setPreview(null)
      onChanged()
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="plan-picker">
      <div className="plan-grid">
        {plans.map((p) => (
          <article key={p.code} className={`plan-card${p.code === current ? ' plan-current' : ''}`} aria-label={`${p.name} plan`}>
            <h3>{p.name}</h3>
            <p className="plan-price">{formatCents(p.monthlyPriceCents, p.currency)} / month</p>
            <ul className="muted small">
              {p.meters.map((m) => (
                <li key={m.meter}>{formatCount(m.included)} {meterName(m.meter).toLowerCase()} included</li>
              ))}
            </ul>
            {p.code === current
              ? <span className="badge">Current plan</span>
              : <button type="button" onClick={() => void ask(p.code)}>Switch to {p.name}</button>}
          </article>
        ))}
      </div>
      {error && <p role="alert" className="error-text">{error}</p>}
      {preview && (
        <div className="proration-preview" role="region" aria-label="Plan change preview">
          <h3>Switching to {plans.find((p) => p.code === preview.newPlan)?.name} now</h3>
          <table>
            <tbody>
              {preview.lines.map((l) => (
                <tr key={l.key}><td>{l.description}</td><td className="num">{formatCents(l.amountCents)}</td></tr>
              ))}
            </tbody>
          </table>
          <p>
            This month&apos;s plan charges: {formatCents(preview.withoutChangeCents)} → <strong>{formatCents(preview.withChangeCents)}</strong>{' '}
            ({preview.differenceCents >= 0 ? '+' : ''}{formatCents(preview.differenceCents)}), prorated by the second. Usage is
            rated on the new plan from now on.
          </p>
          <button type="button" onClick={() => void confirm()} disabled={busy}>Confirm plan change</button>{' '}
          <button type="button" className="secondary" onClick={() => setPreview(null)}>Cancel</button>
        </div>
      )}
    </div>
  )
}
