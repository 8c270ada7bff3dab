import { useState, type FormEvent } from 'react'
import { ApiError, api, describeError } from '../api'
import { Alert } from '../components/Alert'
import { Field } from '../components/Field'
import { Link } from '../router'
import { AuthLayout } from './AuthLayout'

/** Forgot password: asks for a reset link. The answer is the same for any address (ADR 0009), and so is this page's. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('')
  const [errors, setErrors] = useState<string[] | undefined>()
  const [failure, setFailure] = useState<string | null>(null)
  const [sent, setSent] = useState(false)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFailure(null)
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) return setErrors(['Enter the e-mail address you sign in with.'])
    setErrors(undefined)
    setBusy(true)
    try {
      await api.forgotPassword(email.trim())
      setSent(true)
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.problem.errors) setErrors(e.fieldErrors.email)
      else setFailure(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthLayout>
      <h1 className="auth-title">Reset your password</h1>
      {sent ? (
        <Alert tone="info">
          If {email.trim()} has a Beacon account, a link to choose a new password is on its way. It works once, for an hour.
        </Alert>
      ) : (
        <>
          <p className="auth-subtitle">Enter your e-mail address and we will send you a link to choose a new password.</p>
          {failure && <Alert tone="error">{failure}</Alert>}
          <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
            <Field label="Email" type="email" autoComplete="username" autoFocus value={email}
              onChange={(e) => setEmail(e.target.value)} errors={errors} />
            <button type="submit" className="button button-primary button-block" disabled={busy}>
              {busy ? 'Sending…' : 'Send reset link'}
            </button>
          </form>
        </>
      )}
      <p className="auth-switch"><Link to="/signin">Back to sign in</Link></p>
    </AuthLayout>
  )
}
