import type { ApiClient } from './client'
import type { components } from './generated/openapi'

type Schemas = components['schemas']

export type Task = Schemas['TaskResponse']
/** Where "My tasks" places a task; the server decides it against the end of the viewer's day. */
export type TaskBucket = 'overdue' | 'today' | 'upcoming' | 'done'
export type TaskView = 'open' | 'overdue' | 'today' | 'upcoming' | 'done' | 'all'

export interface NewTask {
  leadId: string
  title: string
  /** ISO instant. */
  dueAt: string
  assigneeId?: string
  notes?: string
}

export interface TaskQuery {
  view?: TaskView
  /** Managers only; the server ignores it for agents. */
  assigneeId?: string
  /** IANA zone whose day decides "today". */
  timeZone?: string
}

/** `/api/v1/tasks`: follow-ups for agents on leads. */
export class TasksApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  list(query: TaskQuery = {}, signal?: AbortSignal) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
    const search = params.size > 0 ? `?${params}` : ''
    return this.api.request<Task[]>('GET', `/tasks${search}`, undefined, { signal })
  }

  create(task: NewTask) {
    return this.api.request<Task>('POST', '/tasks', task)
  }

  complete(id: string) {
    return this.api.request<Task>('POST', `/tasks/${id}/complete`)
  }

  reopen(id: string) {
    return this.api.request<Task>('POST', `/tasks/${id}/reopen`)
  }
}
