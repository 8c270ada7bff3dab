import type { ApiClient } from './client'
import type { components } from './generated/openapi'

type Schemas = components['schemas']

export type SsoSettings = Schemas['SsoSettingsResponse']
export type SsoSettingsChanges = Schemas['SsoSettingsRequest']

/** Settings → Single sign-on: the brokerage's identity provider (owners and admins). */
export class SsoApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  settings(signal?: AbortSignal) {
    return this.api.request<SsoSettings>('GET', '/sso', undefined, { signal })
  }

  save(changes: SsoSettingsChanges) {
    return this.api.request<SsoSettings>('PUT', '/sso', changes)
  }
}

/**
 * Where the browser goes to sign in with SSO: a full navigation (not a fetch), because the server
 * answers with a redirect to the brokerage's identity provider and sets the cookies that bind the
 * provider's answer to this browser.
 */
export function ssoStartUrl(email: string): string {
  return `/api/v1/auth/sso/start?email=${encodeURIComponent(email.trim())}`
}

/** The one-time hand-off the server put in the URL fragment (`#handoff=…`), or null. */
export function readHandoff(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('handoff')
  return value && value.length > 0 ? value : null
}

const refusals: Record<string, string> = {
  not_configured:
    'Single sign-on is not set up for this e-mail domain. Check the address, or sign in with your password.',
  state:
    'This sign-in did not start in this browser, or it took too long. Start again with "Sign in with SSO".',
  code_rejected:
    'Your identity provider refused to confirm this sign-in (its code was already used or has expired). Start again.',
  issuer:
    'The answer did not come from the identity provider your brokerage set up (wrong issuer). Ask your Beacon administrator to check the issuer address.',
  audience:
    'The identity provider issued this sign-in for another application (wrong audience). Ask your Beacon administrator to check the client ID.',
  token: 'The identity provider’s answer could not be verified. Start again; if it keeps happening, tell your Beacon administrator.',
  email_missing: 'Your identity provider did not share your e-mail address with Beacon. Ask your administrator to release the "email" claim.',
  email_unverified:
    'Your identity provider has not verified your e-mail address, so Beacon cannot tell it is yours. Verify it with your provider, then sign in again.',
  domain_not_allowed:
    'Your e-mail domain is not one your brokerage allows for single sign-on. Sign in with your work address, or ask your Beacon administrator.',
  provider_error: 'Your identity provider did not let you sign in (you may have cancelled). Start again when you are ready.',
  provider_unreachable: 'Beacon could not reach your identity provider. Try again in a moment; if it keeps happening, tell your Beacon administrator.',
}

/** What the sign-in error page says for a refusal code from the server's callback. */
export function ssoRefusalMessage(reason: string | null): string {
  return (reason && refusals[reason]) || 'Single sign-on did not complete. Start again with "Sign in with SSO".'
}
