import { ApiClient } from './client'
import { LeadsApi } from './leads'

export { ApiClient, type ApiResponse, type SessionEndReason } from './client'
export { ApiError, describeError, type ProblemDetails } from './problem'
export type { LoginRequest, Me, SignupRequest, TokenResponse } from './types'
export * from './leads'

/** The app's one client; tests build their own with fakes. */
export const api = new ApiClient()
export const leadsApi = new LeadsApi(api)
