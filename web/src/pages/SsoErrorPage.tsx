import { ssoRefusalMessage } from '../api'
import { Alert } from '../components/Alert'
import { Link } from '../router'
import { AuthLayout } from './AuthLayout'

/** Where the server sends a refused single sign-on (`/sso/error?reason=…`): says why, in words. */
export function SsoErrorPage() {
  const reason = new URLSearchParams(window.location.search).get('reason')
  return (
    <AuthLayout>
      <h1 className="auth-title">Single sign-on did not work</h1>
      <Alert tone="error">{ssoRefusalMessage(reason)}</Alert>
      <p className="auth-switch">
        <Link to="/signin/sso">Sign in with SSO</Link> or <Link to="/signin">sign in with a password</Link>
      </p>
    </AuthLayout>
  )
}
