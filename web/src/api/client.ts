import { ApiError, parseProblem, parseRetryAfter } from './problem'
import { TokenStore, browserStorage, refreshTokenKey, type KeyValueStore } from './tokens'
import type { ConfirmationKind, LoginRequest, Me, SignupRequest, TokenResponse } from './types'

export type SessionEndReason = 'expired' | 'signedOut'

/** Runs `task` while holding a lock shared by every tab of the app. */
export type LockRunner = <T>(name: string, task: () => Promise<T>) => Promise<T>

export interface ApiClientOptions {
  /** Prefix of every API path. */
  baseUrl?: string
  fetch?: typeof fetch
  storage?: KeyValueStore
  now?: () => number
  withLock?: LockRunner
}

export interface RequestOptions {
  /** Send the access token and recover from a 401 by refreshing once. Default: true. */
  auth?: boolean
  signal?: AbortSignal
  /** Extra request headers (If-Match, Idempotency-Key …). */
  headers?: Record<string, string>
  /** Send `body` as it is with this content type (a CSV file) instead of as JSON. */
  contentType?: string
}

/** A successful answer with its headers (for ETags and the like). */
export interface ApiResponse<T> {
  status: number
  headers: Headers
  body: T
}

/** Refresh this long before the access token expires, at most (seconds). */
const maxRefreshLeadSeconds = 60
/** A token this close to expiry is refreshed before a request rather than after its 401 (ms). */
const expirySkewMs = 5_000

/**
 * The typed client for Beacon's HTTP API: attaches the access token, refreshes it before it
 * expires and once after a 401, and turns failures into {@link ApiError}s with problem details.
 */
export class ApiClient {
  private readonly baseUrl: string
  private readonly fetchImpl: typeof fetch
  private readonly now: () => number
  private readonly withLock: LockRunner
  private readonly tokens: TokenStore
  private readonly listeners = new Set<(reason: SessionEndReason) => void>()
  private readonly tokenListeners = new Set<(accessToken: string) => void>()
  private refreshInFlight: Promise<boolean> | null = null
  private refreshTimer: ReturnType<typeof setTimeout> | undefined

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '/api/v1').replace(/\/$/, '')
    // Bound so that a bare `fetch` is not called with the client as `this` (an "Illegal invocation").
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis)
    this.now = options.now ?? Date.now
    this.withLock = options.withLock ?? browserLock
    this.tokens = new TokenStore(options.storage ?? browserStorage())
  }

  /** True when a refresh token is stored, i.e. a session may be restored. */
  get hasSession(): boolean {
    return this.tokens.refresh !== null
  }

  /** Called when the session ends without the user asking here (refresh rejected, other tab). */
  onSessionEnded(listener: (reason: SessionEndReason) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Called with every new access token (login, refresh): the live connection re-authenticates in-band. */
  onAccessToken(listener: (accessToken: string) => void): () => void {
    this.tokenListeners.add(listener)
    return () => this.tokenListeners.delete(listener)
  }

  /** A usable access token, refreshed first when it is missing or about to expire. */
  async accessToken(): Promise<string> {
    await this.ensureAccessToken()
    return this.tokens.access!
  }

  /** When the current access token expires (ms since the epoch; 0 when there is none). */
  get accessExpiresAt(): number {
    return this.tokens.accessExpiresAt
  }

  async login(request: LoginRequest): Promise<void> {
    const tokens = await this.request<TokenResponse>('POST', '/auth/login', request, { auth: false })
    this.acceptTokens(tokens)
  }

  /** Asks for a brokerage: the server answers alike for any address and e-mails a confirmation link (ADR 0009). */
  async signup(request: SignupRequest): Promise<void> {
    await this.request<unknown>('POST', '/auth/signup', request, { auth: false })
  }

  /** Follows an e-mailed confirmation link (a signup's or an accepted invitation's): creates the account, signs in. */
  async confirm(kind: ConfirmationKind, token: string): Promise<void> {
    const path = kind === 'signup' ? '/auth/signup/confirm' : '/auth/accept-invitation/confirm'
    const tokens = await this.request<TokenResponse>('POST', path, { token }, { auth: false })
    this.acceptTokens(tokens)
  }

  /** Collects a single sign-on the server verified (the hand-off from the callback's redirect) and signs in. */
  async completeSso(handoff: string): Promise<void> {
    const tokens = await this.request<TokenResponse>('POST', '/auth/sso/exchange', { handoff }, { auth: false })
    this.acceptTokens(tokens)
  }

  /** Asks for a password-reset link; the server answers alike whether or not the address has an account. */
  async forgotPassword(email: string): Promise<void> {
    await this.request<unknown>('POST', '/auth/forgot-password', { email }, { auth: false })
  }

  /** Sets a new password with an e-mailed reset token; every session of the account ends, so sign in after. */
  async resetPassword(token: string, password: string): Promise<void> {
    await this.request<void>('POST', '/auth/reset-password', { token, password }, { auth: false })
  }

  /** Accepts an invitation: the server e-mails the invitee a link that creates the account (ADR 0009). */
  async acceptInvitation(token: string, displayName: string, password: string): Promise<void> {
    await this.request<unknown>('POST', '/auth/accept-invitation', { token, displayName, password }, { auth: false })
  }

  /** Changes the password; the server ends every session and answers new tokens for this one. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const tokens = await this.request<TokenResponse>('POST', '/me/password', { currentPassword, newPassword })
    this.acceptTokens(tokens)
  }

  /** Revokes the refresh token on the server (best effort) and forgets the session here. */
  async logout(): Promise<void> {
    const refreshToken = this.tokens.refresh
    this.forget()
    if (!refreshToken) return
    try {
      await this.request<void>('POST', '/auth/logout', { refreshToken }, { auth: false })
    } catch {
      // The local session is gone either way; an unrevoked token still expires on its own.
    }
  }

  me(signal?: AbortSignal): Promise<Me> {
    return this.request<Me>('GET', '/me', undefined, { signal })
  }

  /**
   * Exchanges the stored refresh token for new tokens. Concurrent callers share one request, and
   * tabs take turns through a lock: a refresh token is single-use, and presenting a used one makes
   * the server revoke the whole session. Resolves false when the server refused (the session has
   * ended); rejects on network failures and server errors, keeping the tokens for a later try.
   */
  refresh(): Promise<boolean> {
    this.refreshInFlight ??= this.withLock('beacon.refresh', () => this.exchangeRefreshToken()).finally(
      () => {
        this.refreshInFlight = null
      },
    )
    return this.refreshInFlight
  }

  /** Sends a request to `baseUrl + path`; resolves with the parsed JSON body (undefined for 204). */
  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return (await this.exchange<T>(method, path, body, options)).body
  }

  /** Like {@link request}, with the status and headers of the answer. */
  async exchange<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const response = await this.fetchResponse(method, path, body, options)
    if (response.status === 204) return { status: 204, headers: response.headers, body: undefined as T }
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T }
  }

  /** A file the API serves (an error report, an export) as a Blob. */
  async download(path: string, options: RequestOptions = {}): Promise<Blob> {
    return (await this.fetchResponse('GET', path, undefined, options)).blob()
  }

  private async fetchResponse(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
    const auth = options.auth ?? true
    if (auth) await this.ensureAccessToken()

    let response = await this.send(method, path, body, auth, options)
    if (auth && response.status === 401) {
      // The token may have been revoked or the clock skewed: refresh once and retry once.
      if (!(await this.refresh())) throw new ApiError({ title: 'Your session has ended.', status: 401 })
      response = await this.send(method, path, body, auth, options)
    }
    // 304 is an answer, not a failure: the caller sent If-None-Match and keeps its copy.
    if (!response.ok && response.status !== 304) {
      throw new ApiError(await parseProblem(response), parseRetryAfter(response.headers.get('retry-after'), this.now()))
    }
    return response
  }

  private async ensureAccessToken(): Promise<void> {
    const fresh = this.tokens.access !== null && this.now() < this.tokens.accessExpiresAt - expirySkewMs
    if (fresh) return
    if (!this.hasSession) throw new ApiError({ title: 'You are not signed in.', status: 401 })
    if (!(await this.refresh())) throw new ApiError({ title: 'Your session has ended.', status: 401 })
  }

  private send(method: string, path: string, body: unknown, auth: boolean, options: RequestOptions = {}) {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers }
    if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json'
    if (auth && this.tokens.access) headers.Authorization = `Bearer ${this.tokens.access}`
    const payload = body === undefined ? undefined : options.contentType ? (body as BodyInit) : JSON.stringify(body)
    return this.fetchImpl(this.baseUrl + path, { method, headers, body: payload, signal: options.signal })
  }

  private async exchangeRefreshToken(): Promise<boolean> {
    const refreshToken = this.tokens.refresh
    if (!refreshToken) {
      this.end('expired')
      return false
    }
    const response = await this.send('POST', '/auth/refresh', { refreshToken }, false)
    if (response.ok) {
      this.acceptTokens((await response.json()) as TokenResponse)
      return true
    }
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      // Expired, revoked, or reused (the server revoked the family): sign in again.
      this.end('expired')
      return false
    }
    throw new ApiError(await parseProblem(response), parseRetryAfter(response.headers.get('retry-after'), this.now()))
  }

  private acceptTokens(tokens: TokenResponse): void {
    const expiresAt = this.tokens.save(tokens, this.now())
    clearTimeout(this.refreshTimer)
    const lead = Math.min(maxRefreshLeadSeconds, tokens.expiresIn * 0.2) * 1000
    const delay = Math.max(0, expiresAt - lead - this.now())
    // A failed early refresh is not fatal: the next request refreshes on demand.
    this.refreshTimer = setTimeout(() => this.refresh().catch(() => {}), delay)
    for (const listener of this.tokenListeners) listener(tokens.accessToken)
  }

  private forget(): void {
    clearTimeout(this.refreshTimer)
    this.refreshTimer = undefined
    this.tokens.clear()
  }

  private end(reason: SessionEndReason): void {
    this.forget()
    for (const listener of this.listeners) listener(reason)
  }

  /** Another tab signed out (it removed the stored refresh token): end the session here too. */
  handleStorageChange(key: string | null, newValue: string | null): void {
    if ((key === null || key === refreshTokenKey) && newValue === null && this.tokens.access !== null) {
      this.end('signedOut')
    }
  }
}

/** The Web Locks API where the browser has it; otherwise just run (a single tab is still safe). */
const browserLock: LockRunner = <T,>(name: string, task: () => Promise<T>): Promise<T> => {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks
  if (!locks) return task()
  // TypeScript 5.9's DOM typings say Promise<Promise<T>> for an async callback; the lock is held until `task`
  // settles either way, and its own promise carries the answer (or the failure, through request's rejection).
  let result!: Promise<T>
  return locks.request(name, () => (result = task())).then(() => result)
}
