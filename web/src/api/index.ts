import { AuditApi } from './audit'
import { BillingApi } from './billing'
import { ApiClient } from './client'
import { LeadsApi } from './leads'
import { PrivacyApi } from './privacy'
import { ScoringApi } from './scoring'
import { WebhooksApi } from './webhooks'

export { ApiClient, type ApiResponse, type SessionEndReason } from './client'
export { ApiError, describeError, type ProblemDetails } from './problem'
export type * from './types'
export * from './leads'
export * from './webhooks'
export { ScoringApi, scoringSource, type ScoringSource } from './scoring'
export * from './privacy'
export * from './audit'
export * from './billing'

/** The app's one client; tests build their own with fakes. */
export const api = new ApiClient()
export const leadsApi = new LeadsApi(api)
export const scoringApi = new ScoringApi(api)
export const webhooksApi = new WebhooksApi(api)
export const privacyApi = new PrivacyApi(api)
export const auditApi = new AuditApi(api)
export const billingApi = new BillingApi(api)
