import { useCallback, useEffect, useState } from 'react'
import { describeError, tasksApi, type Me, type Task } from '../../api'
import { Alert } from '../../components/Alert'
import { PageHeading } from '../../components/PageHeading'
import { SelectField } from '../../components/SelectField'
import { assignable, canAssign, canEdit, useUsers } from '../../lib/useUsers'
import { TaskForm } from './TaskForm'
import { TaskList } from './TaskList'
import { groupTasks, taskGroups } from './taskGroups'
import { viewerZone } from './zonedTime'
import '../workflows/workflows.css'

const everyone = '*'

/** "My tasks": overdue, today (the viewer's day), upcoming and recently done; managers may look at anyone's. */
export function TasksPage({ me }: { me: Me }) {
  const zone = viewerZone(me.timeZone)
  const users = useUsers()
  const manager = canAssign(me.role)
  // Managers start on their own tasks; read-only users hold none, so they start on everyone's.
  const [who, setWho] = useState(me.role === 'read_only' ? everyone : me.id)
  const [tasks, setTasks] = useState<Task[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busyId, setBusyId] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)

  const fetchTasks = useCallback(
    async (signal?: AbortSignal): Promise<Task[]> => {
      const assigneeId = who === everyone ? undefined : who
      const [open, done] = await Promise.all([
        tasksApi.list({ view: 'open', assigneeId, timeZone: zone }, signal),
        tasksApi.list({ view: 'done', assigneeId, timeZone: zone }, signal),
      ])
      return [...open, ...done.slice(0, 20)]
    },
    [who, zone],
  )

  useEffect(() => {
    const abort = new AbortController()
    fetchTasks(abort.signal).then(setTasks, (e) => abort.signal.aborted || setError(describeError(e)))
    return () => abort.abort()
  }, [fetchTasks])

  const load = async () => setTasks(await fetchTasks())

  // The answer of complete/reopen buckets against UTC, so the list is read again in the viewer's zone.
  const toggle = async (task: Task) => {
    setError(null)
    setBusyId(task.id)
    try {
      await (task.completedAt ? tasksApi.reopen(task.id) : tasksApi.complete(task.id))
      await load()
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusyId(null)
    }
  }

  const groups = tasks ? groupTasks(tasks) : null
  const openCount = groups ? groups.overdue.length + groups.today.length + groups.upcoming.length : 0
  return (
    <section className="page tasks-page" aria-labelledby="tasks-heading">
      <div className="page-title-row">
        <PageHeading id="tasks-heading">{who === me.id ? 'My tasks' : 'Tasks'}</PageHeading>
        {canEdit(me.role) && (
          <div className="page-actions">
            <button type="button" className="button button-primary" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
              {adding ? 'Close' : 'New task'}
            </button>
          </div>
        )}
      </div>
      {manager && (
        <SelectField
          label="Whose tasks"
          options={[
            { value: me.id, label: 'Mine' },
            { value: everyone, label: 'Everyone' },
            ...assignable(users).filter((u) => u.id !== me.id).map((u) => ({ value: u.id, label: u.displayName })),
          ]}
          value={who}
          onChange={(e) => setWho(e.target.value)}
        />
      )}
      {adding && (
        <TaskForm
          me={me}
          onCreated={() => {
            setAdding(false)
            void load()
          }}
        />
      )}
      {error && <Alert tone="error">{error}</Alert>}
      {groups === null && !error && <p role="status">Loading tasks…</p>}
      {groups && openCount === 0 && groups.done.length === 0 && (
        <section className="card empty-state">
          <p className="empty-state-title">No tasks yet</p>
          <p>Follow-ups you or a workflow create for a lead appear here, grouped by when they are due.</p>
        </section>
      )}
      {groups &&
        (openCount > 0 || groups.done.length > 0) &&
        taskGroups.map((group) => (
          <section key={group.bucket} className="card" aria-labelledby={`tasks-${group.bucket}`}>
            <h2 id={`tasks-${group.bucket}`} className="card-title">
              {group.title} <span className="muted">({groups[group.bucket].length})</span>
            </h2>
            {groups[group.bucket].length === 0 ? (
              <p className="muted">{group.empty}</p>
            ) : (
              <TaskList
                tasks={groups[group.bucket]}
                zone={zone}
                meId={me.id}
                busyId={busyId}
                onToggle={canEdit(me.role) ? (t) => void toggle(t) : undefined}
              />
            )}
          </section>
        ))}
    </section>
  )
}
