/** Wire shapes of the Beacon API (`/api/v1`). Keep in step with the server's contracts. */

export interface TokenResponse {
  accessToken: string
  refreshToken: string
  /** Lifetime of the access token in seconds. */
  expiresIn: number
}

export interface LoginRequest {
  email: string
  password: string
}

/** Which e-mailed link is being followed: `/signup/confirm` or `/accept-invitation/confirm`. */
export type ConfirmationKind = 'signup' | 'invitation'

export interface SignupRequest {
  brokerageName: string
  displayName: string
  email: string
  password: string
}

export interface Me {
  id: string
  email: string
  displayName: string
  role: string
  teamId?: string | null
  tenant: { id: string; name: string; isDemo?: boolean }
}
