import type { ModelSummary, PromotionRecord } from '../../api'
import { formatDateTime } from '../../lib/format'

/** Every trained version with its evaluation, and every promotion and rollback with who, when and why. */
export function VersionsPanel({ models, promotions }: { models: ModelSummary[] | undefined; promotions: PromotionRecord[] | undefined }) {
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title" className="card-title">Versions</h2>
      <table className="table versions-table">
        <thead>
          <tr><th>Version</th><th>Status</th><th>Trained</th><th>Rows</th><th>Evaluation</th></tr>
        </thead>
        <tbody>
          {models?.map((m) => (
            <tr key={m.version} data-testid="model-version">
              <td>v{m.version} ({m.method})</td>
              <td>{m.status}</td>
              <td>{formatDateTime(m.createdAt)}</td>
              <td>{m.trainRows} + {m.holdoutRows} hold-out</td>
              <td>{m.gateReason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Promotions and rollbacks</h3>
      {promotions?.length === 0 && <p className="muted">None yet.</p>}
      <ul className="promotion-list">
        {promotions?.map((p) => (
          <li key={p.id}>
            {formatDateTime(p.at)}: {p.action === 'promote' ? `v${p.toVersion} promoted` : `v${p.fromVersion} rolled back to ${p.toVersion == null ? 'the rules' : `v${p.toVersion}`}`}{' '}
            — {p.reason}
          </li>
        ))}
      </ul>
    </section>
  )
}
