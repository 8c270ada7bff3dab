import { useState, type FormEvent } from 'react'
import { ApiError, describeError, eventTypeHelp, type SubscriptionInput } from '../../api'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'

/** New subscription: the receiver's URL, what it is for, and the events it wants (at least one). */
export function SubscriptionForm({ eventTypes, onCreate }: { eventTypes: string[]; onCreate: (input: SubscriptionInput) => Promise<void> }) {
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string[]>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const toggle = (type: string) => setChosen((c) => (c.includes(type) ? c.filter((t) => t !== type) : [...c, type]))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (chosen.length === 0) {
      setErrors({ eventTypes: ['Choose at least one event.'] })
      return
    }
    setSaving(true)
    setErrors({})
    setFailure(null)
    try {
      await onCreate({ url: url.trim(), eventTypes: chosen, description: description.trim() || undefined })
      setUrl('')
      setDescription('')
      setChosen([])
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) setErrors(error.fieldErrors)
      else setFailure(describeError(error))
    } finally {
      setSaving(false)
    }
  }

  const typeErrors = Object.entries(errors).filter(([k]) => k.startsWith('eventTypes')).flatMap(([, v]) => v)
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-webhook" noValidate>
      <h2 id="new-webhook" className="card-title">
        Add a webhook
      </h2>
      {failure && <Alert tone="error">{failure}</Alert>}
      <Field label="Endpoint URL" type="url" required value={url} onChange={(e) => setUrl(e.target.value)}
        placeholder="https://crm.example.com/beacon" errors={errors.url} hint="Beacon POSTs signed JSON here." />
      <Field label="Description" value={description} onChange={(e) => setDescription(e.target.value)} errors={errors.description} />
      <fieldset className="event-picker" aria-invalid={typeErrors.length > 0 || undefined}>
        <legend>Events to send</legend>
        {eventTypes.map((type) => (
          <label key={type} className="event-choice">
            <input type="checkbox" checked={chosen.includes(type)} onChange={() => toggle(type)} />
            <code>{type}</code> <span className="muted">{eventTypeHelp[type] ?? ''}</span>
          </label>
        ))}
        {typeErrors.map((m) => (
          <p key={m} className="field-error">
            {m}
          </p>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Adding…' : 'Add webhook'}
        </button>
      </div>
    </form>
  )
}
