import { useState, type FormEvent } from 'react'
import { ApiError, api, describeError } from '../../api'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { PageHeading } from '../../components/PageHeading'
import { checkNewPassword, hasErrors, minPasswordLength, type PasswordErrors } from './passwordRules'

/** Settings → Password: change it with the current one; every other device is signed out, this one stays. */
export function PasswordPage() {
  const [currentPassword, setCurrent] = useState('')
  const [newPassword, setNew] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<PasswordErrors>({})
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    setNotice(null)
    const found = checkNewPassword({ currentPassword, newPassword, confirm })
    setErrors(found)
    if (hasErrors(found)) return
    setBusy(true)
    try {
      await api.changePassword(currentPassword, newPassword)
      setCurrent('')
      setNew('')
      setConfirm('')
      setNotice('Your password is changed. Every other device was signed out.')
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.problem.errors) setErrors(e.fieldErrors)
      else setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="page">
      <PageHeading>Password</PageHeading>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {notice && <Alert tone="info">{notice}</Alert>}
      </div>
      <section className="card">
        <form className="form" onSubmit={submit} noValidate aria-label="Change password" aria-busy={busy}>
          <Field label="Current password" type="password" revealable autoComplete="current-password" value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)} errors={errors.currentPassword} />
          <Field label="New password" type="password" revealable autoComplete="new-password" value={newPassword}
            onChange={(e) => setNew(e.target.value)} errors={errors.newPassword}
            hint={`At least ${minPasswordLength} characters; a long phrase is best. Common passwords are refused.`} />
          <Field label="Repeat the new password" type="password" autoComplete="new-password" value={confirm}
            onChange={(e) => setConfirm(e.target.value)} errors={errors.confirm} />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </form>
      </section>
    </div>
  )
}
