import type { HotLeads } from '../../api'
import { Link } from '../../router'
import { waitingText } from './insightsText'

/** The signed-in user's leads to call today, hottest and longest-waiting first; each row opens the lead. */
export function HotLeadsPanel({ hot, now }: { hot: HotLeads | undefined; now: number }) {
  return (
    <section className="card insights-hot" aria-labelledby="hot-title">
      <h2 id="hot-title" className="card-title">Hot leads to call today</h2>
      <p className="muted">
        Your open A and B leads that nobody has called, texted, e-mailed or met in the last {hot?.quietHours ?? 24} hours.
      </p>
      {!hot && <p role="status">Loading hot leads…</p>}
      {hot?.leads.length === 0 && <p className="muted" data-testid="hot-empty">Nobody is waiting: every hot lead has been reached recently.</p>}
      <ol className="hot-list">
        {hot?.leads.map((lead) => (
          <li key={lead.leadId} className="hot-lead" data-testid="hot-lead">
            <span className={`grade grade-${lead.grade.toLowerCase()}`} aria-label={`Grade ${lead.grade}`}>{lead.grade}</span>
            <div>
              <Link to={`/leads/${lead.leadId}`} className="hot-name">{lead.name}</Link>
              <span className="muted"> · {Math.round(Number(lead.probability) * 100)} % · {waitingText(lead, now)}</span>
              {lead.why.length > 0 && <p className="hot-why">{lead.why.join(' · ')}</p>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  )
}
