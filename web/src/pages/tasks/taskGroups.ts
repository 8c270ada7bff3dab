import type { Task, TaskBucket } from '../../api'
import { instantToLocal } from './zonedTime'

/** The groups of "My tasks", in the order a person works through them. */
export const taskGroups: readonly { bucket: TaskBucket; title: string; empty: string }[] = [
  { bucket: 'overdue', title: 'Overdue', empty: 'Nothing overdue. Nice.' },
  { bucket: 'today', title: 'Today', empty: 'Nothing else due today.' },
  { bucket: 'upcoming', title: 'Upcoming', empty: 'Nothing scheduled after today.' },
  { bucket: 'done', title: 'Done', empty: 'No completed tasks yet.' },
]

/** Tasks per group: open ones soonest first (the most overdue on top), done ones most recently finished first. */
export function groupTasks(tasks: readonly Task[]): Record<TaskBucket, Task[]> {
  const groups: Record<TaskBucket, Task[]> = { overdue: [], today: [], upcoming: [], done: [] }
  for (const task of tasks) (groups[task.bucket as TaskBucket] ?? groups.upcoming).push(task)
  const byDue = (a: Task, b: Task) => a.dueAt.localeCompare(b.dueAt)
  groups.overdue.sort(byDue)
  groups.today.sort(byDue)
  groups.upcoming.sort(byDue)
  groups.done.sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''))
  return groups
}

/** A default due time for a new task: tomorrow 09:00 on the viewer's wall clock. */
export function defaultDueLocal(now: Date, zone: string): string {
  const today = instantToLocal(now, zone).slice(0, 10)
  const [y, m, d] = today.split('-').map(Number)
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1))
  return `${tomorrow.toISOString().slice(0, 10)}T09:00`
}

/** Validation the form can do before asking: the same fields the API names. */
export function taskFormErrors(input: { leadId: string; title: string; dueLocal: string }): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  if (!input.leadId) errors.leadId = ['Choose the lead this task is about.']
  if (!input.title.trim()) errors.title = ['Say what to do.']
  else if (input.title.trim().length > 200) errors.title = ['At most 200 characters.']
  if (!input.dueLocal) errors.dueAt = ['Pick when it is due.']
  return errors
}
