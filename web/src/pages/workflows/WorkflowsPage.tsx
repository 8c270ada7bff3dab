import { useEffect, useState } from 'react'
import { describeError, workflowsApi, type Workflow } from '../../api'
import { Alert } from '../../components/Alert'
import { PageHeading } from '../../components/PageHeading'
import { formatCount } from '../../lib/format'
import { Link } from '../../router'
import { stepKind } from './stepKinds'
import { triggerKind } from './triggerKinds'
import type { KindValues } from './kindFields'
import './workflows.css'

function triggerSummary(w: Workflow): string {
  const trigger = w.trigger as unknown as KindValues & { type: string }
  return triggerKind(trigger.type)?.summary(trigger) ?? trigger.type
}

function stepsSummary(w: Workflow): string {
  return w.steps.map((s) => stepKind(s.type ?? '')?.summary(s as unknown as KindValues) ?? s.type).join(' → ')
}

/** Workflows (team leads and above): each with its trigger, steps and how many leads are in it, done or stopped. */
export function WorkflowsPage() {
  const [workflows, setWorkflows] = useState<Workflow[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  useEffect(() => {
    const abort = new AbortController()
    workflowsApi.list(abort.signal).then(setWorkflows, (e) => abort.signal.aborted || setError(describeError(e)))
    return () => abort.abort()
  }, [])

  const act = async (w: Workflow, action: 'pause' | 'resume' | 'test') => {
    setError(null)
    setNotice(null)
    setBusy(w.id)
    try {
      if (action === 'test') {
        const sent = await workflowsApi.testSend(w.id)
        setNotice(`Sent ${sent.emails} test e-mail${sent.emails === 1 ? '' : 's'} to ${sent.sentTo}, marked [TEST].`)
      } else {
        const changed = action === 'pause' ? await workflowsApi.pause(w.id) : await workflowsApi.resume(w.id)
        setWorkflows((list) => list?.map((x) => (x.id === changed.id ? changed : x)) ?? null)
        setNotice(action === 'pause'
          ? `“${w.name}” is paused: no one new is enrolled, and due steps wait until you resume it.`
          : `“${w.name}” is running again; steps that waited are sent now.`)
      }
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="page workflows-page" aria-labelledby="workflows-heading">
      <div className="page-title-row">
        <PageHeading id="workflows-heading">Workflows</PageHeading>
        <div className="page-actions">
          <Link to="/workflows/new" className="button button-primary">New workflow</Link>
        </div>
      </div>
      <p className="muted">
        Automatic follow-up: a trigger enrolls a lead, and its steps run in order — e-mails only 08:00–21:00 in the lead’s time
        zone, stopping when the lead replies or unsubscribes. E-mails need your postal address under Settings → Workflows.
      </p>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {notice && !error && <Alert tone="info">{notice}</Alert>}
      </div>
      {workflows === null && !error && <p role="status">Loading workflows…</p>}
      {workflows?.length === 0 && (
        <section className="card empty-state">
          <p className="empty-state-title">No workflows yet</p>
          <p>Create one to welcome every new lead, or to call a lead the moment their score gets hot.</p>
        </section>
      )}
      {workflows && workflows.length > 0 && (
        <table className="table workflows-table">
          <thead>
            <tr>
              <th scope="col">Workflow</th>
              <th scope="col">Active</th>
              <th scope="col">Completed</th>
              <th scope="col">Stopped</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {workflows.map((w) => (
              <tr key={w.id} aria-label={w.name}>
                <td>
                  <strong>{w.name}</strong> {!w.active && <span className="badge badge-warning">Paused</span>}
                  <span className="muted"> · version {w.version}</span>
                  <p className="muted">{triggerSummary(w)}: {stepsSummary(w)}</p>
                </td>
                <td>{formatCount(w.enrollments.active)}</td>
                <td>{formatCount(w.enrollments.completed)}</td>
                <td>{formatCount(w.enrollments.stopped)}</td>
                <td className="row-actions">
                  <Link to={`/workflows/${w.id}/enrollments`} className="button button-secondary button-small">Enrollments</Link>
                  <Link to={`/workflows/${w.id}/edit`} className="button button-secondary button-small">Edit</Link>
                  <button type="button" className="button button-secondary button-small" disabled={busy === w.id}
                    onClick={() => void act(w, w.active ? 'pause' : 'resume')}>
                    {w.active ? 'Pause' : 'Resume'}
                  </button>
                  {w.steps.some((s) => s.type === 'email') && (
                    <button type="button" className="button button-secondary button-small" disabled={busy === w.id}
                      onClick={() => void act(w, 'test')}>
                      Send test to me
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
