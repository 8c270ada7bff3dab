import { useEffect, useState } from 'react'
import { conversionsApi, describeError, type DrillPage, type ReportFilters } from '../../api'
import { Alert } from '../../components/Alert'
import { StageBadge } from '../../components/StageBadge'
import { formatDateTime } from '../../lib/format'
import { Link } from '../../router'

/** Which bar was opened: a stage reached, optionally within one cohort week. */
export interface Drill {
  title: string
  stage?: string
  week?: string
}

/** The leads behind a bar, a page at a time, each linking to its detail page. */
export function DrillPanel({ filters, drill, onClose }: { filters: ReportFilters; drill: Drill; onClose: () => void }) {
  const [offset, setOffset] = useState(0)
  const [page, setPage] = useState<DrillPage | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    conversionsApi
      .leads(filters, { stage: drill.stage, week: drill.week, offset }, controller.signal)
      .then(setPage)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(describeError(e))
      })
    return () => controller.abort()
  }, [filters, drill, offset])

  return (
    <section className="card drill-panel" aria-label="Leads behind the figure">
      <div className="card-title-row">
        <h2 className="card-title">{drill.title}</h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {page && page.items.length === 0 && <p className="muted">No leads.</p>}
      {page && page.items.length > 0 && (
        <>
          <ul className="drill-leads">
            {page.items.map((l) => (
              <li key={l.leadId}>
                <Link to={`/leads/${l.leadId}`}>{l.name}</Link> <StageBadge stage={l.stage} />{' '}
                <span className="muted">
                  {l.source} · {formatDateTime(l.createdAt)}
                </span>
              </li>
            ))}
          </ul>
          <p className="muted">
            {offset + 1}–{offset + page.items.length} of {page.total}{' '}
            {offset > 0 && (
              <button type="button" className="link-button" onClick={() => setOffset(Math.max(0, offset - page.limit))}>
                Previous
              </button>
            )}{' '}
            {offset + page.items.length < page.total && (
              <button type="button" className="link-button" onClick={() => setOffset(offset + page.limit)}>
                Next
              </button>
            )}
          </p>
        </>
      )}
    </section>
  )
}
