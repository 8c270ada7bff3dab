import { useState, type FormEvent } from 'react'
import { confirmsErasure, describeError, eraseWord, leadName, privacyApi, type Lead } from '../api'
import { navigate } from '../router'
import { Alert } from './Alert'
import { Field } from './Field'

/** Erasure (GDPR Art. 17): irreversible, so it asks for a reason and for the lead's name (or ERASE) to be typed. */
export function EraseLead({ lead }: { lead: Lead }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [typed, setTyped] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const hasName = Boolean(lead.firstName || lead.lastName)
  const confirmed = confirmsErasure(typed, lead) && reason.trim().length >= 3

  const erase = async (event: FormEvent) => {
    event.preventDefault()
    if (!confirmed) return
    setBusy(true)
    try {
      await privacyApi.erase(lead.id, reason.trim())
      navigate('/leads')
    } catch (e) {
      setError(describeError(e))
      setBusy(false)
    }
  }

  if (!open) {
    return (
      <button type="button" className="button button-danger" onClick={() => setOpen(true)}>
        Erase lead…
      </button>
    )
  }

  return (
    <form onSubmit={erase} aria-label="Erase this lead" className="erase-lead">
      <p>
        Erasing removes everything about {leadName(lead)} from Beacon for good: details, timeline, score, enrichment and
        consents. Only a record that an erasure happened remains.
      </p>
      {error && <Alert tone="error">{error}</Alert>}
      <Field label="Reason" hint="A category or ticket number — no personal data, it is kept" value={reason}
        onChange={(e) => setReason(e.target.value)} />
      <Field label={hasName ? `Type "${[lead.firstName, lead.lastName].filter(Boolean).join(' ')}" or ${eraseWord} to confirm` : `Type ${eraseWord} to confirm`}
        value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      <button type="submit" className="button button-danger" disabled={!confirmed || busy}>
        {busy ? 'Erasing…' : 'Erase permanently'}
      </button>
      <button type="button" className="button button-secondary" onClick={() => setOpen(false)} disabled={busy}>
        Cancel
      </button>
    </form>
  )
}
