import type { ApiClient } from './client'
import type { ModelSummary } from './types'

/** Where the brokerage's scores come from: its champion model, or the rules until one passes the publish gate. */
export type ScoringSource = { kind: 'model'; version: number; createdAt: string } | { kind: 'rules'; why: string | null }

/** What the notice reads of a model version. */
export type ModelShown = Pick<ModelSummary, 'version' | 'status' | 'createdAt' | 'gatePassed' | 'gateReason'>

export function scoringSource(models: ModelShown[]): ScoringSource {
  const champion = models.find((m) => m.status === 'champion')
  if (champion) return { kind: 'model', version: champion.version, createdAt: champion.createdAt }
  // The newest refusal says why there is no model (too little history, not better than chance).
  const refused = models.find((m) => !m.gatePassed)
  return { kind: 'rules', why: refused?.gateReason ?? null }
}

/** Calls of the Scoring module that are not about one lead (`/api/v1/models`). */
export class ScoringApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  models(signal?: AbortSignal): Promise<ModelSummary[]> {
    return this.api.request<ModelSummary[]>('GET', '/models', undefined, { signal })
  }
}
