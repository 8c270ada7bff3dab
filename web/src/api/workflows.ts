import type { ApiClient } from './client'
import type { components } from './generated/openapi'
import { ApiError } from './problem'

type Schemas = components['schemas']

export type Workflow = Schemas['WorkflowResponse']
export type WorkflowStep = Schemas['WorkflowStep']
export type WorkflowTrigger = Schemas['WorkflowTrigger']
export type SaveWorkflow = Schemas['SaveWorkflowRequest']
export type Enrollment = Schemas['EnrollmentResponse']
export type EnrollmentHistoryEntry = Schemas['HistoryEntry']
export type LeadEnrollment = Schemas['LeadEnrollmentResponse']
export type WorkflowSettings = Schemas['WorkflowSettings']
export type TestSendResult = Schemas['TestSendResponse']
export type TemplatePreviewRequest = Schemas['PreviewRequest']
export type TemplatePreview = Schemas['PreviewResponse']

/** `/api/v1/workflows` (team leads and above), a lead's enrollments, and the public unsubscribe link. */
export class WorkflowsApi {
  private readonly api: ApiClient
  /** The enrollment lists last read, by path: a poll that finds them unchanged is a 304 without a body. */
  private readonly held = new Map<string, { etag: string; body: unknown }>()

  constructor(api: ApiClient) {
    this.api = api
  }

  list(signal?: AbortSignal) {
    return this.api.request<Workflow[]>('GET', '/workflows', undefined, { signal })
  }

  get(id: string, signal?: AbortSignal) {
    return this.api.request<Workflow>('GET', `/workflows/${id}`, undefined, { signal })
  }

  create(workflow: SaveWorkflow) {
    return this.api.request<Workflow>('POST', '/workflows', workflow)
  }

  /** Writes a new version; leads already enrolled keep theirs. */
  update(id: string, workflow: SaveWorkflow) {
    return this.api.request<Workflow>('PUT', `/workflows/${id}`, workflow)
  }

  pause(id: string) {
    return this.api.request<Workflow>('POST', `/workflows/${id}/pause`)
  }

  resume(id: string) {
    return this.api.request<Workflow>('POST', `/workflows/${id}/resume`)
  }

  testSend(id: string) {
    return this.api.request<TestSendResult>('POST', `/workflows/${id}/test-send`)
  }

  /** A template rendered for a lead (or a sample lead); a 400 names `subject` or `body` for an unknown merge field. */
  preview(request: TemplatePreviewRequest) {
    return this.api.request<TemplatePreview>('POST', '/workflows/preview', request)
  }

  enrollments(id: string, signal?: AbortSignal) {
    return this.getHeld<Enrollment[]>(`/workflows/${id}/enrollments`, signal)
  }

  leadEnrollments(leadId: string, signal?: AbortSignal) {
    return this.getHeld<LeadEnrollment[]>(`/leads/${leadId}/enrollments`, signal)
  }

  /** Null until an admin has set them (the API answers 404). */
  async settings(signal?: AbortSignal): Promise<WorkflowSettings | null> {
    try {
      return await this.api.request<WorkflowSettings>('GET', '/workflows/settings', undefined, { signal })
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null
      throw e
    }
  }

  saveSettings(settings: WorkflowSettings) {
    return this.api.request<WorkflowSettings>('PUT', '/workflows/settings', settings)
  }

  private async getHeld<T>(path: string, signal?: AbortSignal): Promise<T> {
    const held = this.held.get(path)
    const answer = await this.api.exchange<T>('GET', path, undefined, { signal, headers: held ? { 'If-None-Match': held.etag } : undefined })
    if (answer.status === 304 && held) return held.body as T
    const etag = answer.headers.get('etag')
    if (etag) this.held.set(path, { etag, body: answer.body })
    return answer.body
  }

  /** Anonymous: the link at the foot of a workflow e-mail. Unknown links answer the same, by design. */
  unsubscribe(tenant: string, enrollment: string) {
    return this.api.request<void>('POST', '/auth/unsubscribe', { tenant, enrollment }, { auth: false })
  }
}
