import type { ApiClient } from './client'
import type { components } from './generated/openapi'

/** One counter of a scope, the caller's own (user or API key) or the whole brokerage's; windows and resets are
 * .NET TimeSpans as JSON ("00:01:00", "1.00:00:00"). */
export type RateLimitCounter = components['schemas']['RateLimitCounter']
/** A scope (rest, socket, assistant, import); `shared` is false while each server counts alone. */
export type RateLimitScope = components['schemas']['RateLimitScopeStatus']

const scopeLabels: Record<string, string> = {
  rest: 'API requests',
  socket: 'Live-update messages',
  assistant: 'Assistant requests',
  import: 'Lead imports',
}

export function scopeLabel(scope: string): string {
  return scopeLabels[scope] ?? scope
}

/** Seconds in a TimeSpan's JSON text ("[d.]hh:mm:ss[.fffffff]"); NaN when it is not one. */
export function timeSpanSeconds(text: string): number {
  const match = /^(?:(\d+)\.)?(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text)
  if (!match) return Number.NaN
  const [, days, hours, minutes, seconds] = match
  return Number(days ?? 0) * 86_400 + Number(hours) * 3_600 + Number(minutes) * 60 + Number(seconds)
}

/** "per minute", "per hour", "per day", else "per 90 s" / "per 2 h". */
export function describeWindow(text: string): string {
  const s = timeSpanSeconds(text)
  if (s === 60) return 'per minute'
  if (s === 3_600) return 'per hour'
  if (s === 86_400) return 'per day'
  if (s % 3_600 === 0) return `per ${s / 3_600} h`
  if (s % 60 === 0) return `per ${s / 60} min`
  return `per ${Math.round(s)} s`
}

/** "in 42 s", "in 3 min", "in 2 h" — rounded up, never "in 0 s". */
export function describeReset(text: string): string {
  const s = Math.max(1, Math.ceil(timeSpanSeconds(text)))
  if (s < 120) return `in ${s} s`
  if (s < 7_200) return `in ${Math.ceil(s / 60)} min`
  return `in ${Math.ceil(s / 3_600)} h`
}

/** The caller's rate-limit policy (any signed-in role). */
export class RateLimitsApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  async list(signal?: AbortSignal): Promise<RateLimitScope[]> {
    const body = await this.api.request<components['schemas']['RateLimitPolicyView']>('GET', '/rate-limits', undefined, { signal })
    return body.scopes
  }
}
