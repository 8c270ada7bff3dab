import { useEffect, useState, type FormEvent } from 'react'
import { ApiError, describeError, workflowsApi } from '../../api'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { PageHeading } from '../../components/PageHeading'

/** Settings → Workflows (admins): the postal address every workflow e-mail carries and the brokerage's time zone. */
export function WorkflowSettingsPage() {
  const [postalAddress, setPostalAddress] = useState('')
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
  const [maxMessagesPerDay, setMaxMessagesPerDay] = useState('3')
  const [loaded, setLoaded] = useState(false)
  const [unset, setUnset] = useState(false)
  const [errors, setErrors] = useState<Record<string, string[]>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const abort = new AbortController()
    workflowsApi.settings(abort.signal).then((s) => {
      if (s) {
        setPostalAddress(s.postalAddress)
        setTimeZone(s.timeZone)
        if (s.maxMessagesPerDay != null) setMaxMessagesPerDay(String(s.maxMessagesPerDay))
      }
      setUnset(s === null)
      setLoaded(true)
    }, (e) => abort.signal.aborted || setFailure(describeError(e)))
    return () => abort.abort()
  }, [])

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setFailure(null)
    setSaved(false)
    setErrors({})
    setBusy(true)
    try {
      await workflowsApi.saveSettings({
        postalAddress: postalAddress.trim(),
        timeZone: timeZone.trim(),
        maxMessagesPerDay: maxMessagesPerDay.trim() === '' ? null : Number(maxMessagesPerDay),
      })
      setSaved(true)
      setUnset(false)
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) setErrors(e.fieldErrors)
      else setFailure(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="page" onSubmit={save} noValidate aria-labelledby="workflow-settings-heading">
      <PageHeading id="workflow-settings-heading">Workflows</PageHeading>
      <p className="muted">
        The law (CAN-SPAM) wants your postal address in every marketing e-mail; workflow e-mails are not sent without it.
        The time zone is used for quiet hours (08:00–21:00) when a lead’s own zone is unknown; the cap keeps any one
        lead from getting too many messages a day.
      </p>
      {unset && loaded && <Alert tone="info">Not set yet: workflow e-mail steps stop until you save an address.</Alert>}
      {failure && <Alert tone="error">{failure}</Alert>}
      {saved && <Alert tone="info">Saved.</Alert>}
      <Field label="Postal address" value={postalAddress} maxLength={300} errors={errors.postalAddress} disabled={!loaded}
        hint="As it should appear at the foot of e-mails, e.g. Acme Realty, 1 Main St, Springfield, IL 62701"
        onChange={(e) => setPostalAddress(e.target.value)} />
      <Field label="Brokerage time zone" value={timeZone} errors={errors.timeZone} disabled={!loaded}
        hint="An IANA name such as America/Chicago" list="workflow-zones" onChange={(e) => setTimeZone(e.target.value)} />
      <datalist id="workflow-zones">
        {['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage',
          'Pacific/Honolulu', 'Europe/London', 'UTC'].map((z) => <option key={z} value={z} />)}
      </datalist>
      <Field label="Messages per lead per 24 hours" type="number" min={1} max={50} value={maxMessagesPerDay}
        errors={errors.maxMessagesPerDay} disabled={!loaded}
        hint="E-mails and texts together; a message over the cap waits, with the reason on the enrollment, until the lead is under it again."
        onChange={(e) => setMaxMessagesPerDay(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !loaded}>{busy ? 'Saving…' : 'Save'}</button>
      </div>
    </form>
  )
}
