import { useState, type FormEvent } from 'react'
import { ApiError, api, describeError } from '../api'
import { Alert } from '../components/Alert'
import { Field } from '../components/Field'
import { Link } from '../router'
import { AuthLayout } from './AuthLayout'
import { checkNewPassword, hasErrors, minPasswordLength, type PasswordErrors } from './settings/passwordRules'

/**
 * Where an invitation e-mail's link lands (`/accept-invitation?token=…`): name and password, then Beacon e-mails a
 * confirmation link whose opening creates the account (ADR 0009), so the page says to check the mailbox.
 */
export function AcceptInvitationPage() {
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token'))
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<PasswordErrors & { displayName?: string[] }>({})
  const [failure, setFailure] = useState<string | null>(token ? null : 'This link has no token. Open the link from the e-mail again.')
  const [sent, setSent] = useState(false)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!token) return
    setFailure(null)
    const found: PasswordErrors & { displayName?: string[] } = checkNewPassword({ newPassword: password, confirm })
    if (!displayName.trim()) found.displayName = ['Enter your name.']
    setErrors(found)
    if (hasErrors(found)) return
    setBusy(true)
    try {
      await api.acceptInvitation(token, displayName.trim(), password)
      setSent(true)
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.fieldErrors.token) setFailure('This invitation is unknown, expired, withdrawn or already used. Ask for a new one.')
      else if (e instanceof ApiError && e.status === 400) setErrors({ newPassword: e.fieldErrors.password, displayName: e.fieldErrors.displayName })
      else setFailure(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthLayout>
      <h1 className="auth-title">Join your brokerage</h1>
      {sent ? (
        <Alert tone="info">Almost there: we sent you an e-mail. Open its link to confirm your address and sign in.</Alert>
      ) : (
        <>
          {failure && <Alert tone="error">{failure}</Alert>}
          {token && (
            <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
              <Field label="Your name" autoComplete="name" autoFocus value={displayName} onChange={(e) => setDisplayName(e.target.value)}
                errors={errors.displayName} />
              <Field label="Password" type="password" revealable autoComplete="new-password" value={password}
                onChange={(e) => setPassword(e.target.value)} errors={errors.newPassword} hint={`At least ${minPasswordLength} characters.`} />
              <Field label="Repeat the password" type="password" autoComplete="new-password" value={confirm}
                onChange={(e) => setConfirm(e.target.value)} errors={errors.confirm} />
              <button type="submit" className="button button-primary button-block" disabled={busy}>
                {busy ? 'Joining…' : 'Accept invitation'}
              </button>
            </form>
          )}
        </>
      )}
      <p className="auth-switch">Already have an account? <Link to="/signin">Sign in</Link></p>
    </AuthLayout>
  )
}
