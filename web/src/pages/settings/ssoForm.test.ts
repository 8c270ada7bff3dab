import { describe, expect, it } from 'vitest'
import { parseDomains, requestFrom, type SsoForm } from './ssoForm'

const form: SsoForm = {
  enabled: true,
  issuer: ' https://login.example.com ',
  clientId: ' beacon ',
  clientSecret: '',
  domains: '@Example.com, agents.example.com;example.com',
  defaultRole: 'agent',
  ssoOnly: true,
}

describe('single sign-on form', () => {
  it('reads domains however they are separated, without @ or duplicates', () => {
    expect(parseDomains('@Example.com, agents.example.com;example.com\nother.example')).toEqual([
      'example.com',
      'agents.example.com',
      'other.example',
    ])
    expect(parseDomains('  ')).toEqual([])
  })

  it('sends no secret when the field is left blank, so the stored one is kept', () => {
    const request = requestFrom(form)
    expect(request.clientSecret).toBeNull()
    expect(request.issuer).toBe('https://login.example.com')
    expect(request.clientId).toBe('beacon')
    expect(requestFrom({ ...form, clientSecret: 's3cret' }).clientSecret).toBe('s3cret')
  })

  it('never asks for SSO-only while single sign-on is off', () => {
    expect(requestFrom({ ...form, enabled: false }).ssoOnly).toBe(false)
  })
})
