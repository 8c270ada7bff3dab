import { useEffect, useState } from 'react'
import { describeError, workflowsApi, type Enrollment, type Me, type Workflow } from '../../api'
import { Alert } from '../../components/Alert'
import { PageHeading } from '../../components/PageHeading'
import { Link } from '../../router'
import { formatInZone, viewerZone } from '../tasks/zonedTime'
import { statusLabels, stepLabel } from './enrollmentView'
import { useEnrollmentUpdates } from './useEnrollmentUpdates'
import './workflows.css'

/** A workflow's enrollments: each lead, where it stands, when its next step fires (the viewer's zone), and its history. */
export function EnrollmentsPage({ id, me }: { id: string; me: Me }) {
  const zone = viewerZone(me.timeZone)
  const [workflow, setWorkflow] = useState<Workflow | null>(null)
  const [enrollments, setEnrollments] = useState<Enrollment[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const updates = useEnrollmentUpdates({ workflowId: id })

  useEffect(() => {
    const abort = new AbortController()
    Promise.all([workflowsApi.get(id, abort.signal), workflowsApi.enrollments(id, abort.signal)]).then(([w, list]) => {
      setWorkflow(w)
      setEnrollments(list)
      setError(null)
    }, (e) => abort.signal.aborted || setError(describeError(e)))
    return () => abort.abort()
  }, [id, updates])

  return (
    <section className="page enrollments-page" aria-labelledby="enrollments-heading">
      <Link to="/workflows" className="back-link">← Workflows</Link>
      <PageHeading id="enrollments-heading">{workflow ? `Enrollments: ${workflow.name}` : 'Enrollments'}</PageHeading>
      {workflow && !workflow.active && <Alert tone="info">This workflow is paused: due steps wait until it is resumed.</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      {enrollments === null && !error && <p role="status">Loading enrollments…</p>}
      {enrollments?.length === 0 && (
        <section className="card empty-state">
          <p className="empty-state-title">No one is enrolled yet</p>
          <p>Leads appear here as the trigger enrolls them.</p>
        </section>
      )}
      <ul className="enrollment-list">
        {enrollments?.map((e) => (
          <li key={e.id} className="card enrollment" aria-label={e.leadName ?? 'A lead'}>
            <div className="enrollment-head">
              <h2 className="card-title">
                {e.leadName ? <Link to={`/leads/${e.leadId}`}>{e.leadName}</Link> : 'A lead you cannot open'}
              </h2>
              <span className={`badge badge-${e.status === 'active' ? 'success' : 'muted'}`}>{statusLabels[e.status] ?? e.status}</span>
            </div>
            <dl className="enrollment-facts">
              <div><dt>Current step</dt><dd>{stepLabel(e, workflow)}</dd></div>
              <div><dt>Next step at</dt><dd>{e.status === 'active' && e.nextFireAt ? formatInZone(e.nextFireAt, zone) : '—'}</dd></div>
              <div><dt>Enrolled</dt><dd>{formatInZone(e.enrolledAt, zone)} (version {e.version})</dd></div>
            </dl>
            {e.reason && e.status !== 'active' && <p className="muted">{e.reason}</p>}
            <details open>
              <summary>History ({e.history.length})</summary>
              <ol className="enrollment-history">
                {e.history.map((h, i) => (
                  <li key={i} className={`history-${h.status}`}>
                    <time dateTime={h.at}>{formatInZone(h.at, zone)}</time> {h.reason}
                  </li>
                ))}
              </ol>
            </details>
          </li>
        ))}
      </ul>
    </section>
  )
}
