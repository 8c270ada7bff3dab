/** The server's rule (PasswordService.MinLength); it also refuses common and guessable passwords. */
export const minPasswordLength = 10

export type PasswordErrors = Partial<Record<'currentPassword' | 'newPassword' | 'confirm', string[]>>

/**
 * What can be told before asking the server: a missing current password, a too-short new one, one unchanged, or a
 * confirmation that does not match. The server still judges guessability and the current password itself.
 */
export function checkNewPassword(input: { currentPassword?: string; newPassword: string; confirm: string }): PasswordErrors {
  const errors: PasswordErrors = {}
  if (input.currentPassword !== undefined && !input.currentPassword) errors.currentPassword = ['Enter your current password.']
  if (input.newPassword.length < minPasswordLength) {
    errors.newPassword = [`Use at least ${minPasswordLength} characters.`]
  } else if (input.currentPassword && input.newPassword === input.currentPassword) {
    errors.newPassword = ['The new password must differ from the current one.']
  }
  if (input.confirm !== input.newPassword) errors.confirm = ['The two new passwords do not match.']
  return errors
}

export function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0
}
