import { useEffect, useRef, useState } from 'react'
import { ApiError, describeError, readHandoff } from '../api'
import { useSession } from '../auth/session'
import { Alert } from '../components/Alert'
import { Link } from '../router'
import { AuthLayout } from './AuthLayout'

/** Where the server's SSO callback sends the browser (`/sso/complete#handoff=…`): collects the sign-in. */
export function SsoCompletePage() {
  const { completeSso } = useSession()
  const [handoff] = useState(() => readHandoff(window.location.hash))
  const [refusal, setRefusal] = useState<string | null>(null)
  const failure = handoff ? refusal : 'This sign-in link is incomplete. Start again with "Sign in with SSO".'
  const started = useRef(false)

  useEffect(() => {
    // Once only: a hand-off works once. The fragment leaves the address bar and history at once.
    if (started.current || !handoff) return
    started.current = true
    window.history.replaceState(null, '', window.location.pathname)
    completeSso(handoff).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 400) {
        setRefusal('This sign-in link has expired or was already used. Start again with "Sign in with SSO".')
      } else if (error instanceof ApiError && (error.status === 403 || error.status === 409)) {
        setRefusal([error.problem.title, error.problem.detail].filter(Boolean).join(' '))
      } else {
        setRefusal(describeError(error))
      }
    })
  }, [completeSso, handoff])

  return (
    <AuthLayout>
      <h1 className="auth-title">Signing you in</h1>
      {failure ? (
        <>
          <Alert tone="error">{failure}</Alert>
          <p className="auth-switch">
            <Link to="/signin/sso">Sign in with SSO</Link>
          </p>
        </>
      ) : (
        <p className="auth-subtitle" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> Signing you in…
        </p>
      )}
    </AuthLayout>
  )
}
