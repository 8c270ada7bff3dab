import { ApiClient } from './client'

export { ApiClient, type SessionEndReason } from './client'
export { ApiError, describeError, type ProblemDetails } from './problem'
export type { LoginRequest, Me, SignupRequest, TokenResponse } from './types'

/** The app's one client; tests build their own with fakes. */
export const api = new ApiClient()
