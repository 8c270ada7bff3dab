import { useRef, useState, type FormEvent } from 'react'
import { ApiError, describeError } from '../api'
import { useSession } from '../auth/session'
import { Alert } from '../components/Alert'
import { Field } from '../components/Field'
import { Link } from '../router'
import { AuthLayout } from './AuthLayout'

type Errors = Partial<Record<'email' | 'password', string[]>>

export function SignInPage({ notice }: { notice?: string }) {
  const { signIn } = useSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const emailRef = useRef<HTMLInputElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const found: Errors = {}
    if (!email.trim()) found.email = ['Enter your email address.']
    if (!password) found.password = ['Enter your password.']
    setErrors(found)
    setFailure(null)
    if (found.email) return emailRef.current?.focus()
    if (found.password) return passwordRef.current?.focus()

    setBusy(true)
    try {
      await signIn(email.trim(), password)
    } catch (error) {
      setBusy(false)
      if (error instanceof ApiError && error.status === 400 && error.problem.errors) {
        setErrors(error.fieldErrors)
      } else if (error instanceof ApiError && error.status === 403) {
        // The brokerage signs in through its identity provider only (the server says so once the password is right).
        setFailure(error.problem.title ?? 'Your brokerage signs in with single sign-on.')
        setPassword('')
      } else if (error instanceof ApiError && error.status === 401) {
        setFailure('That email and password do not match an account. Check them and try again.')
        setPassword('')
        passwordRef.current?.focus()
      } else {
        setFailure(describeError(error))
      }
    }
  }

  return (
    <AuthLayout>
      <h1 className="auth-title">Sign in</h1>
      <p className="auth-subtitle">Welcome back. Sign in to see your leads.</p>
      {notice && !failure && <Alert tone="info">{notice}</Alert>}
      {failure && <Alert tone="error">{failure}</Alert>}
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={busy}>
        <Field
          ref={emailRef}
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={errors.email}
        />
        <Field
          ref={passwordRef}
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          revealable
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={errors.password}
        />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <Link to="/signin/sso" className="button button-secondary button-block">
        Sign in with SSO
      </Link>
      <p className="auth-switch">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="auth-switch">
        New to Beacon? <Link to="/signup">Create a brokerage account</Link>
      </p>
    </AuthLayout>
  )
}
