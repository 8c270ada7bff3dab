import { describe, expect, it } from 'vitest'
import { readHandoff, ssoRefusalMessage, ssoStartUrl } from './sso'

describe('single sign-on helpers', () => {
  it('starts at the server with the address escaped, so a plus or an ampersand survives', () => {
    expect(ssoStartUrl(' pat+sso@brokerage.example ')).toBe('/api/v1/auth/sso/start?email=pat%2Bsso%40brokerage.example')
    expect(ssoStartUrl('a&b@x.example')).toContain('a%26b%40x.example')
  })

  it('reads the hand-off from the fragment and nothing else', () => {
    expect(readHandoff('#handoff=bsso_abc')).toBe('bsso_abc')
    expect(readHandoff('#other=1')).toBeNull()
    expect(readHandoff('')).toBeNull()
  })

  it('explains each refusal the callback names, and something sensible for an unknown one', () => {
    expect(ssoRefusalMessage('email_unverified')).toMatch(/not verified your e-mail/)
    expect(ssoRefusalMessage('issuer')).toMatch(/wrong issuer/)
    expect(ssoRefusalMessage('audience')).toMatch(/wrong audience/)
    expect(ssoRefusalMessage('state')).toMatch(/did not start in this browser/)
    expect(ssoRefusalMessage('code_rejected')).toMatch(/already used/)
    expect(ssoRefusalMessage('domain_not_allowed')).toMatch(/domain is not one your brokerage allows/)
    expect(ssoRefusalMessage('<script>')).toMatch(/did not complete/)
    expect(ssoRefusalMessage(null)).toMatch(/did not complete/)
  })
})
