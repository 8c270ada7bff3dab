import type { SsoSettings, SsoSettingsChanges } from '../../api'

/** The Single sign-on form's values: domains as typed (one line, commas or spaces), secret blank = keep the stored one. */
export interface SsoForm {
  enabled: boolean
  issuer: string
  clientId: string
  clientSecret: string
  domains: string
  defaultRole: string
  ssoOnly: boolean
}

export function formFrom(settings: SsoSettings): SsoForm {
  return {
    enabled: settings.enabled,
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: '',
    domains: settings.allowedDomains.join(', '),
    defaultRole: settings.defaultRole,
    ssoOnly: settings.ssoOnly,
  }
}

/** Splits the typed domains; a leading "@" (as in "@example.com") is dropped, case does not matter. */
export function parseDomains(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((d) => d.trim().replace(/^@/, '').toLowerCase()).filter(Boolean))]
}

export function requestFrom(form: SsoForm): SsoSettingsChanges {
  return {
    enabled: form.enabled,
    issuer: form.issuer.trim(),
    clientId: form.clientId.trim(),
    clientSecret: form.clientSecret === '' ? null : form.clientSecret,
    allowedDomains: parseDomains(form.domains),
    defaultRole: form.defaultRole,
    ssoOnly: form.enabled && form.ssoOnly,
  }
}
