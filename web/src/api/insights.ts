import type { ApiClient } from './client'
import type { HotLeads, ModelMetrics, PromotionRecord, ScoreDistribution, ServingView, WeeklyDrift } from './types'

/** One calibration band as the server words it (hold-out and live). */
export interface CalibrationBand {
  from: number
  to: number
  leads: number
  meanScore: number
  converted: number
  text: string
}

/** `GET /models/{v}/calibration`: the document types it loosely (an anonymous object). */
export interface ModelCalibration {
  version: number
  holdout: { lower: number; upper: number; count: number; meanPredicted: number; observedRate: number }[]
  holdoutWords: string[]
  live: CalibrationBand[]
  liveRocAuc: number | null
  matured: number
}

/**
 * The insights screen's reads. Each GET remembers its last ETag and body: the screen polls as a fallback to the live
 * stream, and an unchanged figure comes back as a bodiless 304.
 */
export class InsightsApi {
  private readonly api: ApiClient
  private readonly cache = new Map<string, { etag: string; body: unknown }>()

  constructor(api: ApiClient) {
    this.api = api
  }

  distribution(signal?: AbortSignal): Promise<ScoreDistribution> {
    return this.get('/insights/score-distribution', signal)
  }

  hotLeads(signal?: AbortSignal): Promise<HotLeads> {
    return this.get('/insights/hot-leads', signal)
  }

  serving(signal?: AbortSignal): Promise<ServingView> {
    return this.get('/models/serving', signal)
  }

  metrics(version: number, signal?: AbortSignal): Promise<ModelMetrics> {
    return this.api.request('GET', `/models/${version}/metrics`, undefined, { signal })
  }

  calibration(version: number, signal?: AbortSignal): Promise<ModelCalibration> {
    return this.api.request('GET', `/models/${version}/calibration`, undefined, { signal })
  }

  drift(version: number, signal?: AbortSignal): Promise<WeeklyDrift> {
    return this.get(`/models/${version}/drift/weekly?weeks=12`, signal)
  }

  promotions(signal?: AbortSignal): Promise<PromotionRecord[]> {
    return this.api.request('GET', '/models/promotions', undefined, { signal })
  }

  setSplit(percent: number, reason: string): Promise<ServingView> {
    return this.api.request('PUT', '/models/serving/split', { percent, reason })
  }

  setKillSwitch(on: boolean, reason: string): Promise<ServingView> {
    return this.api.request('PUT', '/models/serving/kill-switch', { on, reason })
  }

  promote(version: number, reason: string, force: boolean): Promise<unknown> {
    return this.api.request('POST', `/models/${version}/promote`, { reason, force })
  }

  rollback(reason: string): Promise<unknown> {
    return this.api.request('POST', '/models/rollback', { reason })
  }

  private async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    const held = this.cache.get(path)
    const answer = await this.api.exchange<T>('GET', path, undefined, {
      signal,
      headers: held ? { 'If-None-Match': held.etag } : undefined,
    })
    if (answer.status === 304 && held) return held.body as T
    const etag = answer.headers.get('etag')
    if (etag) this.cache.set(path, { etag, body: answer.body })
    return answer.body
  }
}
