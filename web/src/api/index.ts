import { AuditApi } from './audit'
import { BillingApi } from './billing'
import { InsightsApi } from './insights'
import { ApiClient } from './client'
import { ConversionsApi } from './conversions'
import { LeadsApi } from './leads'
import { PaymentsApi } from './payments'
import { PrivacyApi } from './privacy'
import { RateLimitsApi } from './rateLimits'
import { ScoringApi } from './scoring'
import { SettingsApi } from './settings'
import { SsoApi } from './sso'
import { TasksApi } from './tasks'
import { WebhooksApi } from './webhooks'
import { WorkflowsApi } from './workflows'

export { ApiClient, type ApiResponse, type SessionEndReason } from './client'
export { ApiError, describeError, type ProblemDetails } from './problem'
export type * from './types'
export * from './leads'
export * from './webhooks'
export { ScoringApi, scoringSource, type ScoringSource } from './scoring'
export * from './privacy'
export * from './audit'
export type { RateLimitCounter, RateLimitScope } from './rateLimits'
export { InsightsApi, type CalibrationBand, type ModelCalibration } from './insights'
export * from './settings'
export * from './conversions'
export * from './payments'
export * from './billing'
export * from './sso'
export * from './tasks'
export * from './workflows'

/** The app's one client; tests build their own with fakes. */
export const api = new ApiClient()
export const leadsApi = new LeadsApi(api)
export const scoringApi = new ScoringApi(api)
export const webhooksApi = new WebhooksApi(api)
export const privacyApi = new PrivacyApi(api)
export const auditApi = new AuditApi(api)
export const rateLimitsApi = new RateLimitsApi(api)
export const insightsApi = new InsightsApi(api)
export const settingsApi = new SettingsApi(api)
export const conversionsApi = new ConversionsApi(api)
export const paymentsApi = new PaymentsApi(api)
export const billingApi = new BillingApi(api)
export const ssoApi = new SsoApi(api)
export const tasksApi = new TasksApi(api)
export const workflowsApi = new WorkflowsApi(api)
