import { useState } from 'react'
import { ApiError, describeError, workflowsApi } from '../api'
import { Alert } from '../components/Alert'
import { unsubscribeLink } from './workflows/unsubscribeLink'

type State = 'asking' | 'sending' | 'done' | { failed: string }

/**
 * Where the link at the foot of a workflow e-mail lands (`/unsubscribe?tenant=…&enrollment=…`), for the person who
 * got the e-mail, signed in or not. It asks first (mail scanners open links; only a click unsubscribes). The API
 * answers an unknown or used link like a valid one, so the page says what happens in both cases.
 */
export function UnsubscribePage() {
  const [link] = useState(() => unsubscribeLink(window.location.search))
  const [state, setState] = useState<State>(link ? 'asking' : { failed: 'This link is incomplete. Open it again from the e-mail, whole.' })

  const confirm = async () => {
    if (!link) return
    setState('sending')
    try {
      await workflowsApi.unsubscribe(link.tenant, link.enrollment)
      setState('done')
    } catch (e) {
      setState({
        failed: e instanceof ApiError && e.status === 400 ? 'This link is incomplete. Open it again from the e-mail, whole.' : describeError(e),
      })
    }
  }

  return (
    <main className="auth-main unsubscribe-page">
      <div className="auth-card">
        <h1 className="auth-title">Unsubscribe</h1>
        {state === 'done' ? (
          <Alert tone="info">
            You are unsubscribed: this address gets no more automated follow-up e-mails from the brokerage. If the link was
            old or already used, nothing else is needed. Messages a person sends you by hand are not affected.
          </Alert>
        ) : typeof state === 'object' ? (
          <Alert tone="error">{state.failed}</Alert>
        ) : (
          <>
            <p>Stop the automated follow-up e-mails this brokerage sends you?</p>
            <button type="button" className="button button-primary" disabled={state === 'sending'} onClick={() => void confirm()}>
              {state === 'sending' ? 'Unsubscribing…' : 'Yes, unsubscribe me'}
            </button>
          </>
        )}
      </div>
    </main>
  )
}
