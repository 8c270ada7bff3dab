import { useState, type FormEvent } from 'react'
import { ApiError, api, describeError } from '../api'
import { Alert } from '../components/Alert'
import { Field } from '../components/Field'
import { Link } from '../router'
import { AuthLayout } from './AuthLayout'
import { checkNewPassword, hasErrors, minPasswordLength, type PasswordErrors } from './settings/passwordRules'

/** Where a reset e-mail's link lands (`/reset-password?token=…`): choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token'))
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<PasswordErrors>({})
  const [failure, setFailure] = useState<string | null>(token ? null : 'This link has no token. Open the link from the e-mail again.')
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!token) return
    setFailure(null)
    const found = checkNewPassword({ newPassword: password, confirm })
    setErrors(found)
    if (hasErrors(found)) return
    setBusy(true)
    try {
      await api.resetPassword(token, password)
      setDone(true)
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.fieldErrors.token) setFailure('This link is unknown, expired or already used. Ask for a new one.')
      else if (e instanceof ApiError && e.status === 400 && e.fieldErrors.password) setErrors({ newPassword: e.fieldErrors.password })
      else setFailure(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthLayout>
      <h1 className="auth-title">Choose a new password</h1>
      {done ? (
        <>
          <Alert tone="info">Your password is changed, and every device was signed out. Sign in with the new password.</Alert>
          <p className="auth-switch"><Link to="/signin">Sign in</Link></p>
        </>
      ) : (
        <>
          {failure && <Alert tone="error">{failure}</Alert>}
          {token && (
            <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
              <Field label="New password" type="password" revealable autoComplete="new-password" autoFocus value={password}
                onChange={(e) => setPassword(e.target.value)} errors={errors.newPassword}
                hint={`At least ${minPasswordLength} characters; a long phrase is best.`} />
              <Field label="Repeat the new password" type="password" autoComplete="new-password" value={confirm}
                onChange={(e) => setConfirm(e.target.value)} errors={errors.confirm} />
              <button type="submit" className="button button-primary button-block" disabled={busy}>
                {busy ? 'Saving…' : 'Set new password'}
              </button>
            </form>
          )}
          <p className="auth-switch"><Link to="/forgot-password">Ask for a new link</Link></p>
        </>
      )}
    </AuthLayout>
  )
}
