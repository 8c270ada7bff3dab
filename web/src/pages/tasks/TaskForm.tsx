import { useEffect, useState, type FormEvent } from 'react'
import { ApiError, describeError, leadName, leadsApi, tasksApi, type Me, type Task } from '../../api'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { SelectField } from '../../components/SelectField'
import { assignable, canAssign, useUsers } from '../../lib/useUsers'
import { defaultDueLocal, taskFormErrors } from './taskGroups'
import { localToInstant, viewerZone } from './zonedTime'

interface TaskFormProps {
  me: Me
  /** Fixed when the form sits on a lead's page; otherwise the form offers a lead search. */
  lead?: { id: string; name: string }
  onCreated: (task: Task) => void
}

/** "New task": what, on which lead, when (in the viewer's zone), and for whom (managers pick; agents: themselves). */
export function TaskForm({ me, lead, onCreated }: TaskFormProps) {
  const zone = viewerZone(me.timeZone)
  const users = useUsers()
  const [leadId, setLeadId] = useState(lead?.id ?? '')
  const [search, setSearch] = useState('')
  const [matches, setMatches] = useState<{ value: string; label: string }[]>([])
  const [title, setTitle] = useState('')
  const [dueLocal, setDueLocal] = useState(() => defaultDueLocal(new Date(), zone))
  const [assigneeId, setAssigneeId] = useState(me.id)
  const [notes, setNotes] = useState('')
  const [errors, setErrors] = useState<Record<string, string[]>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (lead || search.trim().length < 2) return
    const abort = new AbortController()
    const timer = setTimeout(() => {
      leadsApi
        .list({ q: search.trim() }, null, 10, abort.signal)
        .then((page) => setMatches(page.items.map((l) => ({ value: l.id, label: leadName(l) }))))
        .catch(() => abort.signal.aborted || setMatches([]))
    }, 250)
    return () => {
      clearTimeout(timer)
      abort.abort()
    }
  }, [lead, search])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFailure(null)
    const local = taskFormErrors({ leadId, title, dueLocal })
    setErrors(local)
    if (Object.keys(local).length > 0) return
    setBusy(true)
    try {
      const created = await tasksApi.create({
        leadId,
        title: title.trim(),
        dueAt: localToInstant(dueLocal, zone),
        assigneeId: canAssign(me.role) ? assigneeId : undefined,
        notes: notes.trim() || undefined,
      })
      setTitle('')
      setNotes('')
      onCreated(created)
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) setErrors(e.fieldErrors)
      else setFailure(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  const members = assignable(users)
  return (
    <form className="card task-form" onSubmit={submit} noValidate aria-labelledby="new-task">
      <h2 id="new-task" className="card-title">
        New task{lead ? ` for ${lead.name}` : ''}
      </h2>
      {failure && <Alert tone="error">{failure}</Alert>}
      {!lead && (
        <>
          <Field label="Find the lead" hint="Name, e-mail or phone" value={search} onChange={(e) => setSearch(e.target.value)} />
          <SelectField
            label="Lead"
            placeholder={matches.length ? 'Choose a lead' : 'Type above to find a lead'}
            options={matches}
            value={leadId}
            errors={errors.leadId}
            onChange={(e) => setLeadId(e.target.value)}
          />
        </>
      )}
      {lead && errors.leadId && <Alert tone="error">{errors.leadId.join(' ')}</Alert>}
      <Field label="What to do" value={title} maxLength={200} errors={errors.title} onChange={(e) => setTitle(e.target.value)} />
      <Field
        label="Due"
        type="datetime-local"
        hint={`Your time zone: ${zone}`}
        value={dueLocal}
        errors={errors.dueAt}
        onChange={(e) => setDueLocal(e.target.value)}
      />
      {canAssign(me.role) && members.length > 0 && (
        <SelectField
          label="For"
          options={[{ value: me.id, label: 'Me' }, ...members.filter((u) => u.id !== me.id).map((u) => ({ value: u.id, label: u.displayName }))]}
          value={assigneeId}
          errors={errors.assigneeId}
          onChange={(e) => setAssigneeId(e.target.value)}
        />
      )}
      {!canAssign(me.role) && errors.assigneeId && <Alert tone="error">{errors.assigneeId.join(' ')}</Alert>}
      <Field label="Notes (optional)" value={notes} maxLength={2000} errors={errors.notes} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add task'}
      </button>
    </form>
  )
}
