import { useState, type FormEvent } from 'react'
import { ApiError, describeError, settingsApi, type Me } from '../../api'
import { useSession } from '../../auth/session'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { PageHeading } from '../../components/PageHeading'
import { SelectField } from '../../components/SelectField'
import { TextAreaField } from '../../components/TextAreaField'

/** The browser's own zone first, then every IANA zone it knows (so the list matches what dates can be shown in). */
function timeZones(): string[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return [...new Set([own, 'UTC', ...all])]
}

/**
 * Settings → Profile: the name colleagues see, a phone number, the time zone, and the e-mail signature workflow
 * messages end with ({{agent.signature}}); the e-mail address is shown.
 */
export function ProfilePage({ me }: { me: Me }) {
  const { refreshMe } = useSession()
  const [displayName, setDisplayName] = useState(me.displayName)
  const [phone, setPhone] = useState(me.phone ?? '')
  const [timeZone, setTimeZone] = useState(me.timeZone ?? '')
  const [signature, setSignature] = useState(me.signature ?? '')
  const [errors, setErrors] = useState<Record<string, string[]>>({})
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    setNotice(null)
    if (!displayName.trim()) return setErrors({ displayName: ['Enter your name.'] })
    setErrors({})
    setBusy(true)
    try {
      await settingsApi.updateProfile({ displayName: displayName.trim(), phone: phone.trim(), timeZone, signature })
      await refreshMe()
      setNotice('Your profile is saved.')
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.problem.errors) setErrors(e.fieldErrors)
      else setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="page">
      <PageHeading>Profile</PageHeading>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {notice && <Alert tone="info">{notice}</Alert>}
      </div>
      <section className="card">
        <form className="form" onSubmit={save} noValidate aria-label="Profile" aria-busy={busy}>
          <Field label="Name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} errors={errors.displayName}
            autoComplete="name" maxLength={120} />
          <Field label="Email" value={me.email} readOnly hint="Your sign-in address. Ask an owner or admin to change it." />
          <Field label="Phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} errors={errors.phone}
            autoComplete="tel" placeholder="+1 312 555 0142" maxLength={30} />
          <SelectField label="Time zone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} errors={errors.timeZone}
            placeholder="Not set (your browser's)" options={timeZones().map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))} />
          <TextAreaField label="E-mail signature" value={signature} onChange={(e) => setSignature(e.target.value)}
            errors={errors.signature} rows={4} maxLength={1000}
            placeholder={[me.displayName, me.phone, me.email].filter(Boolean).join('\n')}
            hint="Ends workflow messages that say {{agent.signature}} (leave it empty to sign with your name, phone and e-mail)." />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save profile'}
          </button>
        </form>
      </section>
    </div>
  )
}
