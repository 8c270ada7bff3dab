import { useState } from 'react'
import type { Me } from '../../api'
import { Alert } from '../../components/Alert'
import { Link } from '../../router'
import { TaskForm } from './TaskForm'

/** On a lead's page: add a follow-up task for this lead without leaving it. */
export function LeadTasksPanel({ lead, me }: { lead: { id: string; name: string }; me: Me }) {
  const [open, setOpen] = useState(false)
  const [added, setAdded] = useState<string | null>(null)
  return (
    <section className="card" aria-labelledby="lead-tasks">
      <h2 id="lead-tasks" className="card-title">Tasks</h2>
      {added && (
        <Alert tone="info">
          Task “{added}” added. <Link to="/tasks">Open My tasks</Link>
        </Alert>
      )}
      {open ? (
        <TaskForm me={me} lead={lead} onCreated={(t) => {
          setAdded(t.title)
          setOpen(false)
        }} />
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          New task for this lead
        </button>
      )}
    </section>
  )
}
