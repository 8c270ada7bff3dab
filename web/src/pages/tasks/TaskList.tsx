import type { Task } from '../../api'
import { Link } from '../../router'
import { formatInZone } from './zonedTime'

interface TaskListProps {
  tasks: Task[]
  zone: string
  /** The viewer's id: their own tasks do not repeat their name. */
  meId: string
  /** Absent for read-only users, who see tasks but change none. */
  onToggle?: (task: Task) => void
  busyId: string | null
  /** Hide the lead's name (the list sits on that lead's page). */
  hideLead?: boolean
}

export function TaskList({ tasks, zone, meId, onToggle, busyId, hideLead }: TaskListProps) {
  return (
    <ul className="task-list">
      {tasks.map((task) => {
        const done = task.completedAt != null
        return (
          <li key={task.id} className={`task-item task-${task.bucket}`}>
            {onToggle && (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={busyId === task.id}
                aria-label={done ? `Reopen “${task.title}”` : `Complete “${task.title}”`}
                onClick={() => onToggle(task)}
              >
                {done ? 'Reopen' : 'Complete'}
              </button>
            )}
            <div className="task-text">
              <p className="task-title">{done ? <s>{task.title}</s> : task.title}</p>
              <p className="muted task-meta">
                {!hideLead && (
                  <>
                    <Link to={`/leads/${task.leadId}`}>{task.leadName ?? 'A lead'}</Link>
                    {' · '}
                  </>
                )}
                {done ? `done ${formatInZone(task.completedAt!, zone)}` : `due ${formatInZone(task.dueAt, zone)}`}
                {task.assigneeId !== meId && ` · for ${task.assigneeName ?? 'another agent'}`}
                {task.enrollmentId && ' · from a workflow'}
              </p>
              {task.notes && <p className="task-notes">{task.notes}</p>}
            </div>
          </li>
        )
      })}
    </ul>
  )
}
