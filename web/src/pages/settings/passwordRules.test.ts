import { describe, expect, it } from 'vitest'
import { checkNewPassword, hasErrors } from './passwordRules'

describe('new password form', () => {
  it('accepts a long new password that differs from the current one and is repeated exactly', () => {
    expect(hasErrors(checkNewPassword({ currentPassword: 'old-passphrase-1', newPassword: 'new-passphrase-2', confirm: 'new-passphrase-2' }))).toBe(false)
  })

  it('asks for the current password when changing, not when resetting', () => {
    expect(checkNewPassword({ currentPassword: '', newPassword: 'new-passphrase-2', confirm: 'new-passphrase-2' }).currentPassword).toBeDefined()
    expect(checkNewPassword({ newPassword: 'new-passphrase-2', confirm: 'new-passphrase-2' }).currentPassword).toBeUndefined()
  })

  it('refuses a password shorter than the server allows', () => {
    expect(checkNewPassword({ newPassword: 'short', confirm: 'short' }).newPassword).toEqual(['Use at least 10 characters.'])
  })

  it('refuses the current password as the new one', () => {
    const errors = checkNewPassword({ currentPassword: 'same-passphrase', newPassword: 'same-passphrase', confirm: 'same-passphrase' })
    expect(errors.newPassword?.[0]).toMatch(/differ/)
  })

  it('refuses a repetition that does not match', () => {
    expect(checkNewPassword({ newPassword: 'new-passphrase-2', confirm: 'new-passphrase-3' }).confirm).toBeDefined()
  })
})
