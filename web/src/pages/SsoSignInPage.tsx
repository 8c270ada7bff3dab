import { useRef, useState, type FormEvent } from 'react'
import { ssoStartUrl } from '../api'
import { Field } from '../components/Field'
import { Link } from '../router'
import { AuthLayout } from './AuthLayout'

/** "Sign in with SSO": the work address names the brokerage; its identity provider does the rest. */
export function SsoSignInPage() {
  const [email, setEmail] = useState('')
  const [errors, setErrors] = useState<string[] | undefined>()
  const [busy, setBusy] = useState(false)
  const emailRef = useRef<HTMLInputElement>(null)

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const address = email.trim()
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
      setErrors(['Enter your work e-mail address, such as you@yourbrokerage.com.'])
      emailRef.current?.focus()
      return
    }
    setBusy(true)
    window.location.assign(ssoStartUrl(address))
  }

  return (
    <AuthLayout>
      <h1 className="auth-title">Sign in with SSO</h1>
      <p className="auth-subtitle">Use your work e-mail address; your brokerage’s identity provider signs you in.</p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <Field ref={emailRef} label="Work email" type="email" name="email" autoComplete="username" inputMode="email"
          autoFocus value={email} onChange={(e) => setEmail(e.target.value)} errors={errors} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Going to your identity provider…' : 'Continue'}
        </button>
      </form>
      <p className="auth-switch">
        <Link to="/signin">Sign in with a password instead</Link>
      </p>
    </AuthLayout>
  )
}
