import { AuditApi } from './audit'
import { ApiClient } from './client'
import { LeadsApi } from './leads'
import { ScoringApi } from './scoring'

export { ApiClient, type ApiResponse, type SessionEndReason } from './client'
export { ApiError, describeError, type ProblemDetails } from './problem'
export type { ConfirmationKind, LoginRequest, Me, SignupRequest, TokenResponse } from './types'
export * from './leads'
export * from './audit'
export { ScoringApi, scoringSource, type ModelSummary, type ScoringSource } from './scoring'

/** The app's one client; tests build their own with fakes. */
export const api = new ApiClient()
export const leadsApi = new LeadsApi(api)
export const scoringApi = new ScoringApi(api)
export const auditApi = new AuditApi(api)
