import { CloseCodes, type LiveEvent, type LiveStatus, type PollResponse, type ServerMessage, type SocketLike } from './types'

export interface LiveClientOptions {
  /** The WebSocket address, resuming after `after` when it is known. */
  socketUrl(after: number | null): string
  createSocket(url: string): SocketLike
  /** One long-poll: `GET /api/v1/live/events?after=&wait=`; null `after` asks for the current cursor (rejects on failure, honours `signal`). */
  poll(after: number | null, waitSeconds: number, signal: AbortSignal): Promise<PollResponse>
  /** A usable access token (rejects when there is no session). */
  accessToken(): Promise<string>
  /** Called with each new access token, so the socket can re-authenticate in-band before the old one expires. */
  onAccessToken(listener: (token: string) => void): () => void
  /** Exchanges the refresh token after a 4401; false when the session has ended. */
  refresh(): Promise<boolean>
  /** True when an error means the session has ended (stop rather than retry). */
  isSessionEnded?(error: unknown): boolean
  random?: () => number
  /** Give up on a socket that has not said `ready` this long after it was created (ms). */
  readyTimeoutMs?: number
  /** Opens that fail in a row (never `ready`) before falling back to long-polling. */
  socketFailuresBeforePolling?: number
  /** While polling, try the WebSocket again after this long (ms), doubling up to `maxProbeDelayMs`. */
  probeDelayMs?: number
  maxProbeDelayMs?: number
  pollWaitSeconds?: number
}

type Listener<T> = (value: T) => void

/**
 * The app's one live connection (ADR 0005). It keeps one number — the cursor of the last event it handed to the
 * screens — and every reconnect, over either transport, resumes after it, so nothing is missed; an event at or
 * below it is dropped, so nothing is shown twice.
 *
 * - WebSocket first: the first message authenticates; each new access token is sent in-band before the old one
 *   expires; `ping` is answered with `pong`; a drop reconnects with `?after=<cursor>` after a short backoff.
 * - When the socket cannot be established (a proxy that blocks upgrades, a refused handshake), it long-polls
 *   `/api/v1/live/events` and tries the socket again now and then; once the socket is ready the poll stops.
 * - 4401 (token expired or revoked) refreshes the session and reconnects; a refused refresh stops the client.
 */
export class LiveClient {
  private readonly options: LiveClientOptions
  private readonly random: () => number
  private readonly eventListeners = new Set<Listener<LiveEvent>>()
  private readonly statusListeners = new Set<Listener<LiveStatus>>()
  private readonly resetListeners = new Set<Listener<number>>()

  private lastCursor: number | null = null
  private currentStatus: LiveStatus = 'offline'
  private mode: 'socket' | 'poll' = 'socket'
  private running = false

  private socket: SocketLike | null = null
  private socketReady = false
  private socketFailures = 0
  private reconnectAttempt = 0
  private probeDelay: number
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined
  private readyTimer: ReturnType<typeof setTimeout> | undefined
  private probeTimer: ReturnType<typeof setTimeout> | undefined

  private pollAbort: AbortController | null = null
  private pollFailures = 0
  private pollWake: (() => void) | null = null
  private unsubscribeTokens: (() => void) | null = null

  /** Events dropped because their cursor had been handled already (for tests and diagnostics). */
  duplicatesDropped = 0

  constructor(options: LiveClientOptions) {
    this.options = options
    this.random = options.random ?? Math.random
    this.probeDelay = options.probeDelayMs ?? 15_000
  }

  get status(): LiveStatus {
    return this.currentStatus
  }

  /** The cursor of the last event handed to the screens (null before the first `ready` or poll). */
  get cursor(): number | null {
    return this.lastCursor
  }

  subscribe(listener: Listener<LiveEvent>): () => void {
    this.eventListeners.add(listener)
    return () => this.eventListeners.delete(listener)
  }

  onStatus(listener: Listener<LiveStatus>): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  /** The server no longer holds events after our cursor (older than its retention): screens reload. */
  onReset(listener: Listener<number>): () => void {
    this.resetListeners.add(listener)
    return () => this.resetListeners.delete(listener)
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.unsubscribeTokens = this.options.onAccessToken((token) => this.reauthenticate(token))
    this.setStatus('connecting')
    this.openSocket()
  }

  stop(): void {
    this.running = false
    this.unsubscribeTokens?.()
    this.unsubscribeTokens = null
    clearTimeout(this.reconnectTimer)
    clearTimeout(this.probeTimer)
    this.closeSocket(1000, 'client stopped')
    this.stopPolling()
    this.setStatus('offline')
  }

  /** The network is back (the browser's `online` event): retry now instead of waiting out a backoff. */
  nudge(): void {
    if (!this.running) return
    if (this.mode === 'socket' && !this.socket) {
      clearTimeout(this.reconnectTimer)
      this.openSocket()
    } else if (this.mode === 'poll') {
      this.pollWake?.()
    }
  }

  // ---- WebSocket ----

  private openSocket(): void {
    if (!this.running || this.socket) return
    clearTimeout(this.reconnectTimer)
    if (this.mode === 'socket' && this.currentStatus !== 'offline') this.setStatus('connecting')

    let socket: SocketLike
    try {
      socket = this.options.createSocket(this.options.socketUrl(this.lastCursor))
    } catch {
      this.socketFailed()
      return
    }
    this.socket = socket
    this.socketReady = false
    this.readyTimer = setTimeout(() => {
      if (this.socket === socket && !this.socketReady) this.closeSocket(4000, 'no ready', true)
    }, this.options.readyTimeoutMs ?? 10_000)

    socket.onopen = () => {
      this.options.accessToken().then(
        (token) => {
          if (this.socket === socket) socket.send(JSON.stringify({ type: 'auth', token }))
        },
        (error: unknown) => {
          if (this.socket !== socket) return
          if (this.options.isSessionEnded?.(error)) this.stop()
          else this.closeSocket(4000, 'no token', true)
        },
      )
    }
    socket.onmessage = (message) => {
      if (this.socket === socket) this.handleMessage(socket, message.data)
    }
    socket.onerror = () => {
      // A close event follows; it decides what happens next.
    }
    socket.onclose = (event) => {
      if (this.socket === socket) this.socketClosed(event.code)
    }
  }

  private handleMessage(socket: SocketLike, raw: unknown): void {
    let message: ServerMessage
    try {
      message = JSON.parse(String(raw)) as ServerMessage
    } catch {
      return
    }
    switch (message.type) {
      case 'ready': {
        clearTimeout(this.readyTimer)
        this.socketReady = true
        this.socketFailures = 0
        this.reconnectAttempt = 0
        this.probeDelay = this.options.probeDelayMs ?? 15_000
        const cursor = toCursor(message.cursor)
        if (this.lastCursor === null && cursor !== null) this.lastCursor = cursor
        this.mode = 'socket'
        clearTimeout(this.probeTimer)
        this.stopPolling()
        this.setStatus('live')
        break
      }
      case 'event': {
        const cursor = toCursor(message.cursor)
        if (cursor === null) return
        this.deliver({ cursor, type: message.eventType, occurredAt: message.occurredAt, data: message.data ?? {} })
        break
      }
      case 'ping':
        socket.send(JSON.stringify({ type: 'pong' }))
        break
      case 'reset': {
        const cursor = toCursor(message.cursor)
        if (cursor === null) return
        this.lastCursor = cursor
        for (const listener of this.resetListeners) safely(() => listener(cursor))
        break
      }
    }
  }

  private socketClosed(code: number): void {
    const wasReady = this.socketReady
    this.socket = null
    this.socketReady = false
    clearTimeout(this.readyTimer)
    if (!this.running) return

    if (code === CloseCodes.unauthorized) {
      // The token expired or was revoked: a fresh one, then straight back (a refused refresh ends the session).
      if (!wasReady) this.socketFailures += 1
      this.setStatus(this.mode === 'poll' ? this.currentStatus : 'connecting')
      this.options.refresh().then(
        (ok) => {
          if (!ok) this.stop()
          else if (this.socketFailures >= this.failuresBeforePolling()) this.fallBackToPolling()
          else this.scheduleSocket(0)
        },
        () => this.scheduleSocket(this.backoff(this.reconnectAttempt++, 500, 10_000)),
      )
      return
    }
    if (wasReady && code !== CloseCodes.forbidden) {
      // It worked and dropped (server restart, network blip, slow consumer): reconnect after the cursor.
      this.setStatus('connecting')
      this.scheduleSocket(code === CloseCodes.slowConsumer ? 0 : this.backoff(this.reconnectAttempt++, 250, 10_000))
      return
    }
    this.socketFailed()
  }

  /** The socket never became ready: retry a little, then poll and try the socket again later. */
  private socketFailed(): void {
    this.socket = null
    this.socketFailures += 1
    if (this.mode === 'poll') {
      this.scheduleProbe()
    } else if (this.socketFailures >= this.failuresBeforePolling()) {
      this.fallBackToPolling()
    } else {
      this.scheduleSocket(this.backoff(this.reconnectAttempt++, 250, 10_000))
    }
  }

  private failuresBeforePolling(): number {
    return this.options.socketFailuresBeforePolling ?? 2
  }

  private scheduleSocket(delay: number): void {
    clearTimeout(this.reconnectTimer)
    this.reconnectTimer = setTimeout(() => this.openSocket(), delay)
  }

  private scheduleProbe(): void {
    clearTimeout(this.probeTimer)
    const delay = this.probeDelay
    this.probeDelay = Math.min(this.probeDelay * 2, this.options.maxProbeDelayMs ?? 120_000)
    this.probeTimer = setTimeout(() => {
      if (this.mode === 'poll') this.openSocket()
    }, delay)
  }

  private closeSocket(code: number, reason: string, countAsClosed = false): void {
    const socket = this.socket
    if (!socket) return
    clearTimeout(this.readyTimer)
    try {
      socket.close(code, reason)
    } catch {
      // Already closing.
    }
    if (countAsClosed) this.socketClosed(code)
    else {
      this.socket = null
      this.socketReady = false
    }
  }

  private reauthenticate(token: string): void {
    const socket = this.socket
    if (socket && this.socketReady) socket.send(JSON.stringify({ type: 'auth', token }))
  }

  // ---- Long-polling ----

  private fallBackToPolling(): void {
    this.mode = 'poll'
    this.scheduleProbe()
    if (!this.pollAbort) void this.pollLoop()
  }

  private async pollLoop(): Promise<void> {
    const abort = new AbortController()
    this.pollAbort = abort
    while (this.running && this.mode === 'poll' && !abort.signal.aborted) {
      try {
        const first = this.lastCursor === null
        const response = await this.options.poll(
          this.lastCursor,
          first ? 0 : (this.options.pollWaitSeconds ?? 25),
          abort.signal,
        )
        if (abort.signal.aborted || this.mode !== 'poll') break
        const wasOffline = this.currentStatus === 'offline'
        this.pollFailures = 0
        this.setStatus('polling')
        for (const event of response.events ?? []) {
          const cursor = toCursor(event.cursor)
          if (cursor !== null) this.deliver({ cursor, type: event.type, occurredAt: event.occurredAt, data: event.data ?? {} })
        }
        const last = toCursor(response.cursor)
        if (last !== null && (this.lastCursor === null || last > this.lastCursor)) this.lastCursor = last
        // The server answers again after an outage: the socket may well work now, try it at once.
        if (wasOffline && !this.socket) {
          clearTimeout(this.probeTimer)
          this.openSocket()
        }
      } catch (error) {
        if (abort.signal.aborted || this.mode !== 'poll' || !this.running) break
        if (this.options.isSessionEnded?.(error)) {
          this.stop()
          break
        }
        this.setStatus('offline')
        await this.sleep(this.backoff(this.pollFailures++, 500, 5_000))
      }
    }
    if (this.pollAbort === abort) this.pollAbort = null
  }

  private stopPolling(): void {
    const abort = this.pollAbort
    this.pollAbort = null
    abort?.abort()
    this.pollWake?.()
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pollWake = null
        resolve()
      }, ms)
      this.pollWake = () => {
        clearTimeout(timer)
        this.pollWake = null
        resolve()
      }
    })
  }

  // ---- Delivery ----

  private deliver(event: LiveEvent): void {
    if (this.lastCursor !== null && event.cursor <= this.lastCursor) {
      this.duplicatesDropped += 1
      return
    }
    this.lastCursor = event.cursor
    for (const listener of this.eventListeners) safely(() => listener(event))
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.currentStatus) return
    this.currentStatus = status
    for (const listener of this.statusListeners) safely(() => listener(status))
  }

  /** Exponential backoff with jitter (half to all of the step). */
  private backoff(attempt: number, base: number, max: number): number {
    const step = Math.min(max, base * 2 ** Math.min(attempt, 16))
    return Math.round(step / 2 + (step / 2) * this.random())
  }
}

function toCursor(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null
}

function safely(task: () => void): void {
  try {
    task()
  } catch (error) {
    // One screen's bug must not stop the others from hearing the event.
    console.error(error)
  }
}
