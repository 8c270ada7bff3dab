import { useEffect, useState, type FormEvent } from 'react'
import { ApiError, describeError, ssoApi, type Me, type SsoSettings } from '../../api'
import { Alert } from '../../components/Alert'
import { Field } from '../../components/Field'
import { PageHeading } from '../../components/PageHeading'
import { grantable, roleLabels } from './roleLabels'
import { formFrom, requestFrom, type SsoForm } from './ssoForm'

/** Settings → Single sign-on: the brokerage's OpenID Connect provider (owners and admins). */
export function SsoSettingsPage({ me }: { me: Me }) {
  const [settings, setSettings] = useState<SsoSettings | null>(null)
  const [form, setForm] = useState<SsoForm | null>(null)
  const [errors, setErrors] = useState<Record<string, string[]>>({})
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const abort = new AbortController()
    ssoApi.settings(abort.signal).then((s) => {
      setSettings(s)
      setForm(formFrom(s))
    }, (e: unknown) => !abort.signal.aborted && setError(describeError(e)))
    return () => abort.abort()
  }, [])

  const change = <K extends keyof SsoForm>(key: K, value: SsoForm[K]) => setForm((f) => (f ? { ...f, [key]: value } : f))

  const save = async (event: FormEvent) => {
    event.preventDefault()
    if (!form) return
    setBusy(true)
    setError(null)
    setNotice(null)
    setErrors({})
    try {
      const saved = await ssoApi.save(requestFrom(form))
      setSettings(saved)
      setForm(formFrom(saved))
      setNotice(saved.enabled ? 'Saved. Colleagues can now sign in with SSO.' : 'Saved. Single sign-on is off.')
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.problem.errors) setErrors(e.fieldErrors)
      else setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  const roles = grantable(me.role).filter((r) => r !== 'owner')
  return (
    <div className="page">
      <PageHeading>Single sign-on</PageHeading>
      <div className="status-slot" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {notice && <Alert tone="info">{notice}</Alert>}
      </div>
      {settings && form && (
        <section className="card">
          <p className="muted">
            Register Beacon at your identity provider (OpenID Connect, authorization code) with this redirect URI:{' '}
            <code data-testid="sso-redirect-uri">{settings.redirectUri}</code>
          </p>
          <form className="form" onSubmit={save} noValidate aria-label="Single sign-on" aria-busy={busy}>
            <label className="checkbox">
              <input type="checkbox" checked={form.enabled} onChange={(e) => change('enabled', e.target.checked)} /> Let
              colleagues sign in with SSO
            </label>
            <Field label="Issuer" value={form.issuer} onChange={(e) => change('issuer', e.target.value)}
              errors={errors.issuer} hint="The provider's issuer address, such as https://login.example.com. Beacon reads its discovery document when you save." />
            <Field label="Client ID" value={form.clientId} onChange={(e) => change('clientId', e.target.value)} errors={errors.clientId} />
            <Field label="Client secret" type="password" revealable autoComplete="off" value={form.clientSecret}
              onChange={(e) => change('clientSecret', e.target.value)} errors={errors.clientSecret}
              hint={settings.clientSecretSet ? 'A secret is stored (never shown). Leave blank to keep it.' : 'As issued by the provider.'} />
            <Field label="Allowed e-mail domains" value={form.domains} onChange={(e) => change('domains', e.target.value)}
              errors={errors.allowedDomains} hint="Separated by commas. People with these addresses sign in through this provider." />
            <div className="field">
              <label htmlFor="sso-default-role">Role of a colleague signing in for the first time</label>
              <select id="sso-default-role" value={form.defaultRole} onChange={(e) => change('defaultRole', e.target.value)}>
                {roles.map((r) => <option key={r} value={r}>{roleLabels[r]}</option>)}
              </select>
              {errors.defaultRole && <ul className="field-errors">{errors.defaultRole.map((m) => <li key={m}>{m}</li>)}</ul>}
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={form.ssoOnly} disabled={!form.enabled}
                onChange={(e) => change('ssoOnly', e.target.checked)} /> SSO only: refuse password sign-in (owners keep
              their password, to switch SSO off if the provider fails)
            </label>
            {errors.ssoOnly && <ul className="field-errors">{errors.ssoOnly.map((m) => <li key={m}>{m}</li>)}</ul>}
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Checking the provider…' : 'Save'}
            </button>
          </form>
        </section>
      )}
    </div>
  )
}
