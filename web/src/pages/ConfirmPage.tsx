import { useEffect, useRef, useState } from 'react'
import { ApiError, describeError, type ConfirmationKind } from '../api'
import { useSession } from '../auth/session'
import { Alert } from '../components/Alert'
import { Link } from '../router'
import { AuthLayout } from './AuthLayout'

/** Where an e-mailed link lands (`/signup/confirm?token=…`, `/accept-invitation/confirm?token=…`): confirms, signs in. */
export function ConfirmPage({ kind }: { kind: ConfirmationKind }) {
  const { confirm } = useSession()
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token'))
  const [refusal, setRefusal] = useState<string | null>(null)
  const failure = token ? refusal : 'This link has no token. Open the link from the e-mail again.'
  const started = useRef(false)

  useEffect(() => {
    // Once only: a token works once, and React's development double effects would spend it on the first run.
    if (started.current || !token) return
    started.current = true
    confirm(kind, token).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 400) {
        setRefusal('This link is unknown, expired or already used.')
      } else if (error instanceof ApiError && error.status === 409) {
        setRefusal('This address already has an account. Sign in instead.')
      } else {
        setRefusal(describeError(error))
      }
    })
  }, [confirm, kind, token])

  return (
    <AuthLayout>
      <h1 className="auth-title">{kind === 'signup' ? 'Confirming your account' : 'Joining your brokerage'}</h1>
      {failure ? (
        <>
          <Alert tone="error">{failure}</Alert>
          <p className="auth-switch">
            <Link to="/signin">Sign in</Link>
            {kind === 'signup' && (
              <>
                {' or '}
                <Link to="/signup">sign up again</Link>
              </>
            )}
          </p>
        </>
      ) : (
        <p className="auth-subtitle" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> Confirming…
        </p>
      )}
    </AuthLayout>
  )
}
