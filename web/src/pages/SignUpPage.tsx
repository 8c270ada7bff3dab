import { useRef, useState, type ChangeEvent, type FormEvent } from 'react'
import { ApiError, describeError, type SignupRequest } from '../api'
import { useSession } from '../auth/session'
import { Alert } from '../components/Alert'
import { Field } from '../components/Field'
import { Link } from '../router'
import { AuthLayout } from './AuthLayout'

type FieldName = keyof SignupRequest
type Errors = Partial<Record<FieldName, string[]>>

const fieldOrder: FieldName[] = ['brokerageName', 'displayName', 'email', 'password']
const empty: SignupRequest = { brokerageName: '', displayName: '', email: '', password: '' }

/** Client-side checks catch the obvious; the server's answer is the authority on the rest. */
function check(form: SignupRequest): Errors {
  const errors: Errors = {}
  if (!form.brokerageName.trim()) errors.brokerageName = ['Enter the name of your brokerage or team.']
  if (!form.displayName.trim()) errors.displayName = ['Enter your name.']
  if (!form.email.trim()) errors.email = ['Enter your email address.']
  else if (!/^[^\s@]+@[^\s@]+$/.test(form.email.trim())) errors.email = ['Enter an email address like name@brokerage.com.']
  if (!form.password) errors.password = ['Choose a password.']
  return errors
}

export function SignUpPage() {
  const { signUp } = useSession()
  const [form, setForm] = useState<SignupRequest>(empty)
  const [errors, setErrors] = useState<Errors>({})
  const [failure, setFailure] = useState<{ message: string } | null>(null)
  const [sentTo, setSentTo] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const refs = useRef<Partial<Record<FieldName, HTMLInputElement | null>>>({})

  const focusFirstError = (found: Errors) => {
    const first = fieldOrder.find((name) => found[name]?.length)
    if (first) refs.current[first]?.focus()
  }

  const update = (name: FieldName) => (event: ChangeEvent<HTMLInputElement>) =>
    setForm((current) => ({ ...current, [name]: event.target.value }))

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setFailure(null)
    const found = check(form)
    setErrors(found)
    if (Object.keys(found).length > 0) return focusFirstError(found)

    setBusy(true)
    try {
      await signUp({ ...form, brokerageName: form.brokerageName.trim(), displayName: form.displayName.trim(), email: form.email.trim() })
      setSentTo(form.email.trim())
    } catch (error) {
      setBusy(false)
      if (error instanceof ApiError && error.status === 400 && error.problem.errors) {
        const byField: Errors = {}
        const other: string[] = []
        for (const [name, messages] of Object.entries(error.fieldErrors)) {
          if ((fieldOrder as string[]).includes(name)) byField[name as FieldName] = messages
          else other.push(...messages)
        }
        setErrors(byField)
        if (other.length > 0) setFailure({ message: other.join(' ') })
        focusFirstError(byField)
      } else {
        setFailure({ message: describeError(error) })
      }
    }
  }

  // The server answers alike whether or not the address has an account (ADR 0009): the e-mail says which.
  if (sentTo) {
    return (
      <AuthLayout>
        <h1 className="auth-title">Check your e-mail</h1>
        <p className="auth-subtitle" role="status">
          We sent a message to <strong>{sentTo}</strong>. Follow its link to finish creating your account. If this
          address already has an account, the message says so.
        </p>
        <p className="auth-switch">
          Already have an account? <Link to="/signin">Sign in</Link>
        </p>
      </AuthLayout>
    )
  }

  return (
    <AuthLayout>
      <h1 className="auth-title">Create your account</h1>
      <p className="auth-subtitle">Set up Beacon for your brokerage. You will be its owner.</p>
      {failure && (
        <Alert tone="error">
          {failure.message}
        </Alert>
      )}
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={busy}>
        <Field
          ref={(el) => void (refs.current.brokerageName = el)}
          label="Brokerage or team name"
          name="brokerageName"
          autoComplete="organization"
          autoFocus
          value={form.brokerageName}
          onChange={update('brokerageName')}
          errors={errors.brokerageName}
        />
        <Field
          ref={(el) => void (refs.current.displayName = el)}
          label="Your name"
          name="displayName"
          autoComplete="name"
          value={form.displayName}
          onChange={update('displayName')}
          errors={errors.displayName}
        />
        <Field
          ref={(el) => void (refs.current.email = el)}
          label="Work email"
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          value={form.email}
          onChange={update('email')}
          errors={errors.email}
        />
        <Field
          ref={(el) => void (refs.current.password = el)}
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint="Use a long passphrase you don't use anywhere else."
          revealable
          value={form.password}
          onChange={update('password')}
          errors={errors.password}
        />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p className="auth-switch">
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </AuthLayout>
  )
}
