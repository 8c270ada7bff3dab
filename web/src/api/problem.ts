/** RFC 9457 problem details as ASP.NET Core writes them (ValidationProblem adds `errors`). */
export interface ProblemDetails {
  type?: string
  title: string
  status: number
  detail?: string
  instance?: string
  /** Field name (camelCase) → messages. */
  errors?: Record<string, string[]>
  [extension: string]: unknown
}

/** A non-success answer from the API, carrying its parsed problem details. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: ProblemDetails
  /** Seconds from a `Retry-After` header, when the server sent one (429, 503). */
  readonly retryAfter?: number

  constructor(problem: ProblemDetails, retryAfter?: number) {
    super(problem.detail ?? problem.title)
    this.name = 'ApiError'
    this.status = problem.status
    this.problem = problem
    this.retryAfter = retryAfter
  }

  /** Messages per field, keyed by the camelCase field name. */
  get fieldErrors(): Record<string, string[]> {
    return this.problem.errors ?? {}
  }
}

const fallbackTitles: Record<number, string> = {
  400: 'The request was not valid.',
  401: 'You are not signed in.',
  403: 'You do not have access to this.',
  404: 'Not found.',
  409: 'This conflicts with existing data.',
  429: 'Too many requests. Please wait a moment and try again.',
  500: 'Something went wrong on our side.',
  503: 'The service is busy. Please try again shortly.',
}

/**
 * Reads a failed response into problem details. Tolerates bodies that are not problem JSON
 * (a proxy's HTML error page, an empty 429) so callers always get a title and status.
 */
export async function parseProblem(response: Response): Promise<ProblemDetails> {
  const status = response.status
  const fallback: ProblemDetails = {
    title: fallbackTitles[status] ?? (response.statusText || `Request failed (${status}).`),
    status,
  }
  const contentType = response.headers.get('content-type') ?? ''
  if (!/[/+]json\b/i.test(contentType)) return fallback

  let body: unknown
  try {
    body = await response.json()
  } catch {
    return fallback
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fallback

  const raw = body as Record<string, unknown>
  const problem: ProblemDetails = {
    ...raw,
    title: typeof raw.title === 'string' && raw.title ? raw.title : fallback.title,
    status: typeof raw.status === 'number' ? raw.status : status,
    detail: typeof raw.detail === 'string' ? raw.detail : undefined,
  }
  const errors = normaliseErrors(raw.errors)
  if (errors) problem.errors = errors
  else delete problem.errors
  return problem
}

/**
 * ASP.NET may name a field `Email`, `email` or `$.email` (JSON binding errors); the UI keys on
 * camelCase names, so normalise them. Values that are not string arrays are dropped.
 */
function normaliseErrors(value: unknown): Record<string, string[]> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const result: Record<string, string[]> = {}
  for (const [key, messages] of Object.entries(value as Record<string, unknown>)) {
    const list = (Array.isArray(messages) ? messages : [messages]).filter(
      (m): m is string => typeof m === 'string' && m.length > 0,
    )
    if (list.length === 0) continue
    const name = fieldName(key)
    result[name] = [...(result[name] ?? []), ...list]
  }
  return Object.keys(result).length > 0 ? result : undefined
}

function fieldName(key: string): string {
  const trimmed = key.replace(/^\$\.?/, '')
  return trimmed ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : ''
}

/** Parses `Retry-After` (delta-seconds or an HTTP date) into whole seconds. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds)
  const date = Date.parse(header)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - now) / 1000))
}

/** A user-facing sentence for an error of any kind. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return error.retryAfter
        ? `Too many attempts. Try again in ${error.retryAfter} second${error.retryAfter === 1 ? '' : 's'}.`
        : 'Too many attempts. Please wait a moment and try again.'
    }
    return error.problem.detail ?? error.problem.title
  }
  if (error instanceof TypeError) return 'Cannot reach Beacon. Check your connection and try again.'
  return 'Something went wrong. Please try again.'
}
