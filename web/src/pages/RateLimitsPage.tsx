import { useCallback, useEffect, useState } from 'react'
import { describeError, rateLimitsApi, type RateLimitCounter, type RateLimitScope } from '../api'
import { describeReset, describeWindow, scopeLabel } from '../api/rateLimits'
import { Alert } from '../components/Alert'
import { PageHeading } from '../components/PageHeading'

function Counter({ counter }: { counter: RateLimitCounter }) {
  const used = counter.quota - counter.remaining
  return (
    <td>
      <div>
        <strong>{counter.remaining.toLocaleString()}</strong> of {counter.quota.toLocaleString()} left {describeWindow(counter.window)}
      </div>
      <meter min={0} max={counter.quota} value={used} aria-label={`${used} of ${counter.quota} used`} />
      <div className="muted">{used === 0 ? 'Nothing used yet' : `Resets ${describeReset(counter.resetAfter)}`}</div>
    </td>
  )
}

/** Settings → Limits: the brokerage's rate-limit policy, what the signed-in person and the brokerage have left. */
export function RateLimitsPage() {
  const [scopes, setScopes] = useState<RateLimitScope[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback((signal?: AbortSignal) => {
    rateLimitsApi.list(signal).then((s) => {
      setScopes(s)
      setError(null)
    }, (e: unknown) => {
      if (!signal?.aborted) setError(describeError(e))
    })
  }, [])

  useEffect(() => {
    const controller = new AbortController()
    load(controller.signal)
    return () => controller.abort()
  }, [load])

  const local = scopes?.some((s) => !s.shared) ?? false
  return (
    <div className="page">
      <PageHeading>Rate limits</PageHeading>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {local && !error && (
          <Alert tone="info">The shared counters are unreachable: each server is counting on its own until they are back.</Alert>
        )}
      </div>
      <section className="card" aria-labelledby="quotas">
        <h2 id="quotas" className="card-title">
          Quotas
        </h2>
        <p className="muted">
          Every request, live-update message, assistant request and import counts against your own quota and your
          brokerage's. API keys have quotas of their own. A refused call answers 429 with <code>Retry-After</code>.
        </p>
        {scopes === null && !error && <p aria-busy="true">Loading…</p>}
        {scopes && (
          <table className="table" data-testid="rate-limits">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">You</th>
              <th scope="col">Your brokerage</th>
            </tr>
          </thead>
          <tbody>
            {scopes.map((s) => (
              <tr key={s.scope} data-scope={s.scope}>
                <th scope="row">{scopeLabel(s.scope)}</th>
                <Counter counter={s.principal} />
                <Counter counter={s.tenant} />
              </tr>
            ))}
          </tbody>
          </table>
        )}
        <button type="button" className="button button-secondary" onClick={() => load()}>
          Refresh
        </button>
      </section>
    </div>
  )
}
