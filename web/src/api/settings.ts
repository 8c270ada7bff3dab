import type { ApiClient } from './client'
import type { components } from './generated/openapi'

type Schemas = components['schemas']

export type Invitation = Schemas['InvitationResponse']
export type CreatedInvitation = Schemas['CreatedInvitationResponse']
export type ApiKey = Schemas['ApiKeyResponse']
export type CreatedApiKey = Schemas['CreatedApiKeyResponse']
export type Team = Schemas['TeamResponse']
export type LeadSource = Schemas['SourceResponse']
export type AssignmentSettings = Schemas['AssignmentSettings']
export type AssignmentRule = Schemas['AssignmentRule']
/** A PATCH names only what changes: every field of these is optional. */
export type UserChanges = Partial<Schemas['UpdateUserRequest']>
export type ProfileChanges = Partial<Schemas['UpdateProfileRequest']>
export type TeamChanges = Partial<Schemas['UpdateTeamRequest']>

/** The roles a user or key can be given below owner, most powerful first. */
export const grantableRoles = ['admin', 'team_lead', 'agent', 'read_only'] as const
export type GrantableRole = (typeof grantableRoles)[number]

/** The calls behind the settings screens: users, invitations, teams, API keys, lead sources and routing, profile. */
export class SettingsApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  users(signal?: AbortSignal) {
    return this.api.request<Schemas['UserResponse'][]>('GET', '/users', undefined, { signal })
  }

  updateUser(id: string, changes: UserChanges) {
    return this.api.request<Schemas['UserResponse']>('PATCH', `/users/${id}`, changes)
  }

  invitations(signal?: AbortSignal) {
    return this.api.request<Invitation[]>('GET', '/users/invitations', undefined, { signal })
  }

  invite(email: string, role: GrantableRole, teamId: string | null) {
    return this.api.request<CreatedInvitation>('POST', '/users/invitations', { email, role, teamId })
  }

  resendInvitation(id: string) {
    return this.api.request<CreatedInvitation>('POST', `/users/invitations/${id}/resend`)
  }

  revokeInvitation(id: string) {
    return this.api.request<void>('DELETE', `/users/invitations/${id}`)
  }

  teams(signal?: AbortSignal) {
    return this.api.request<Team[]>('GET', '/teams', undefined, { signal })
  }

  createTeam(name: string) {
    return this.api.request<Team>('POST', '/teams', { name })
  }

  updateTeam(id: string, changes: TeamChanges) {
    return this.api.request<Team>('PATCH', `/teams/${id}`, changes)
  }

  apiKeys(signal?: AbortSignal) {
    return this.api.request<ApiKey[]>('GET', '/api-keys', undefined, { signal })
  }

  createApiKey(name: string, role: GrantableRole) {
    return this.api.request<CreatedApiKey>('POST', '/api-keys', { name, role })
  }

  revokeApiKey(id: string) {
    return this.api.request<void>('DELETE', `/api-keys/${id}`)
  }

  sources(signal?: AbortSignal) {
    return this.api.request<LeadSource[]>('GET', '/lead-sources', undefined, { signal })
  }

  setSource(name: string, archived: boolean) {
    return this.api.request<LeadSource>('PUT', `/lead-sources/${encodeURIComponent(name)}`, { archived })
  }

  assignment(signal?: AbortSignal) {
    return this.api.request<AssignmentSettings>('GET', '/leads/assignment', undefined, { signal })
  }

  setAssignment(settings: AssignmentSettings) {
    return this.api.request<AssignmentSettings>('PUT', '/leads/assignment', settings)
  }

  updateProfile(changes: ProfileChanges) {
    return this.api.request<Schemas['MeResponse']>('PATCH', '/me', changes)
  }
}
