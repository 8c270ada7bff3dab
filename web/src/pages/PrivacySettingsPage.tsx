import { useEffect, useState, type FormEvent } from 'react'
import { describeError, privacyApi, type Erasure, type RetentionPolicy } from '../api'
import { Alert } from '../components/Alert'
import { Field } from '../components/Field'
import { PageHeading } from '../components/PageHeading'
import { formatDateTime } from '../lib/format'

/** Settings → Privacy: the retention policy (off by default) and the record of erasures. */
export function PrivacySettingsPage() {
  const [policy, setPolicy] = useState<RetentionPolicy | null>(null)
  const [enabled, setEnabled] = useState(false)
  const [months, setMonths] = useState('24')
  const [erasures, setErasures] = useState<Erasure[]>([])
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const controller = new AbortController()
    privacyApi.retention(controller.signal).then((p) => {
      setPolicy(p)
      setEnabled(p.enabled)
      setMonths(String(p.inactiveMonths))
    }, (e: unknown) => setError(describeError(e)))
    privacyApi.erasures(controller.signal).then(setErasures, () => {})
    return () => controller.abort()
  }, [])

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const n = Number(months)
    if (!Number.isInteger(n) || n < 1 || n > 120) return setError('Months must be a whole number from 1 to 120.')
    setBusy(true)
    try {
      setPolicy(await privacyApi.setRetention(enabled, n))
      setError(null)
      setNotice(enabled ? `Leads never converted are erased after ${n} months without activity.` : 'Retention is off.')
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="page">
      <PageHeading>Privacy</PageHeading>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {notice && !error && <Alert tone="info">{notice}</Alert>}
      </div>
      <section className="card" aria-labelledby="retention">
        <h2 id="retention" className="card-title">
          Retention
        </h2>
        <form onSubmit={save} aria-label="Retention policy">
          <label className="checkbox">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Erase leads that never
            converted after a time without activity
          </label>
          <Field label="Months without activity" type="number" min={1} max={120} value={months}
            onChange={(e) => setMonths(e.target.value)} hint="Erasure is permanent and uses the same path as a person's request." />
          <button type="submit" className="button button-primary" disabled={busy || !policy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </form>
        {policy?.lastRunAt && (
          <p className="muted">
            Last run {formatDateTime(policy.lastRunAt)}: {policy.lastRunErased} erased.
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="erasures">
        <h2 id="erasures" className="card-title">
          Erasures
        </h2>
        {erasures.length === 0 ? (
          <p className="muted">No lead has been erased.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>When</th>
                <th>Lead</th>
                <th>Basis</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {erasures.map((e) => (
                <tr key={e.leadId}>
                  <td>{formatDateTime(e.erasedAt)}</td>
                  <td>
                    <code>{e.leadId}</code>
                  </td>
                  <td>{e.basis === 'request' ? "Person's request" : 'Retention policy'}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
