/**
 * Wire shapes of the Beacon API (`/api/v1`), named for the app. They are the server's own, generated from its
 * OpenAPI document (`docs/api/openapi.json` → `./generated/openapi.ts`, ADR 0014): a server change that alters
 * one fails the type check here instead of drifting.
 */
import type { components } from './generated/openapi'

type Schemas = components['schemas']

export type TokenResponse = Schemas['TokenResponse']
export type LoginRequest = Schemas['LoginRequest']
export type SignupRequest = Schemas['SignupRequest']
export type Me = Schemas['MeResponse']

/** Which e-mailed link is being followed: `/signup/confirm` or `/accept-invitation/confirm`. */
export type ConfirmationKind = 'signup' | 'invitation'

export type Lead = Schemas['LeadResponse']
export type Address = Schemas['AddressInput']
export type LeadPage = Schemas['LeadPage']
/** `GET /leads/stats`: counts of the visible leads created in [from, to), per local day of `timeZone`. */
export type LeadStats = Schemas['LeadStats']
/** What create and edit send (a PATCH replaces the fields it names; lists as a whole). */
export type LeadInput = Schemas['CaptureRequest']
export type Activity = Schemas['ActivityResponse']
export type User = Schemas['UserResponse']
export type ImportSummary = Schemas['ImportSummary']
export type ImportStatus = Required<Schemas['ImportStatus']>
/** A visible lead's score answers `status: 'pending'` (score fields null) until scoring reaches it. */
export type LeadScore = Schemas['ScoreResponse']
export type LeadEnrichment = Schemas['LeadEnrichmentView']
export type EnrichedField = Schemas['FieldView']
export type ModelSummary = Schemas['ModelSummary']

export type LeadType = Lead['type']
export type Stage = Lead['stage']
export type Timeline = NonNullable<Lead['timeline']>
export type Financing = NonNullable<Lead['financing']>
export type ActivityType = Activity['type']
/** Timeline entries a user may add (the others are written by Beacon). */
export type UserActivityType = NonNullable<Schemas['AddActivityRequest']['type']>
/** Open leads the caller may see by 10-point band and by grade (`GET /insights/score-distribution`). */
export type ScoreDistribution = Schemas['ScoreDistribution']
/** The signed-in user's leads to call today (`GET /insights/hot-leads`). */
export type HotLeads = Schemas['HotLeads']
export type HotLead = Schemas['HotLead']
/** The A/B control: live versions, challenger share, kill switch (`GET /models/serving`). */
export type ServingView = Schemas['ServingView']
export type WeeklyDrift = Schemas['WeeklyDriftReport']
export type ModelMetrics = Schemas['ModelMetrics']
export type PromotionRecord = Schemas['PromotionRecord']

export type AssistantThreadSummary = Schemas['ThreadSummary']
export type AssistantThread = Schemas['ThreadDetail']
export type AssistantMessage = Schemas['ThreadMessage']
export type AssistantDraft = Schemas['MessageDraft']
