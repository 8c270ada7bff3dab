import { useEffect, useState } from 'react'
import { describeError, workflowsApi, type LeadEnrollment, type Me } from '../../api'
import { canAssign } from '../../lib/useUsers'
import { Link } from '../../router'
import { formatInZone, viewerZone } from '../tasks/zonedTime'
import { nextStepLabel, statusLabels } from './enrollmentView'
import { useEnrollmentUpdates } from './useEnrollmentUpdates'
import './workflows.css'

/** On a lead's page: the workflows the lead is or was in, the next step and when it fires. */
export function LeadEnrollmentsPanel({ leadId, me }: { leadId: string; me: Me }) {
  const zone = viewerZone(me.timeZone)
  const [enrollments, setEnrollments] = useState<LeadEnrollment[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const updates = useEnrollmentUpdates({ leadId })

  useEffect(() => {
    const abort = new AbortController()
    workflowsApi.leadEnrollments(leadId, abort.signal).then((list) => {
      setEnrollments(list)
      setError(null)
    }, (e) => abort.signal.aborted || setError(describeError(e)))
    return () => abort.abort()
  }, [leadId, updates])

  return (
    <section className="card" aria-labelledby="lead-workflows">
      <h2 id="lead-workflows" className="card-title">Workflows</h2>
      {error && <p className="muted">{error}</p>}
      {enrollments === null && !error && <div className="skeleton-block" />}
      {enrollments?.length === 0 && <p className="muted">Not in any workflow.</p>}
      <ul className="lead-enrollments">
        {enrollments?.map((e) => (
          <li key={e.id}>
            <p>
              <strong>
                {canAssign(me.role) ? <Link to={`/workflows/${e.workflowId}/enrollments`}>{e.workflowName}</Link> : e.workflowName}
              </strong>{' '}
              <span className={`badge badge-${e.status === 'active' ? 'success' : 'muted'}`}>{statusLabels[e.status] ?? e.status}</span>
              {e.status === 'active' && !e.workflowActive && <span className="badge badge-warning">Paused</span>}
            </p>
            <p className="muted">
              {nextStepLabel(e)}
              {e.status === 'active' && e.nextFireAt && ` · ${formatInZone(e.nextFireAt, zone)}`}
            </p>
            {e.status === 'active' && e.lastEvent && <p className="muted">Last: {e.lastEvent}</p>}
          </li>
        ))}
      </ul>
    </section>
  )
}
