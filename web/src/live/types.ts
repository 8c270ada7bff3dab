/** Wire shapes of the live-update protocol (docs/adr/0005-live-update-protocol.md). */

/** One event of the tenant's stream, as screens receive it (the same shape for both transports). */
export interface LiveEvent {
  /** Position in the tenant's stream: 1, 2, 3 … without gaps (gaps here are events this user may not see). */
  cursor: number
  /** `lead.created`, `lead.updated`, `lead.import_progress` … */
  type: string
  occurredAt: string
  data: Record<string, unknown>
}

/** How the app is connected: a WebSocket (live), long-polling (polling), or neither right now (offline). */
export type LiveStatus = 'connecting' | 'live' | 'polling' | 'offline'

/** Server → client messages on the WebSocket. */
export type ServerMessage =
  | { type: 'ready'; cursor: number | string }
  | { type: 'event'; cursor: number | string; eventType: string; occurredAt: string; data?: Record<string, unknown> }
  | { type: 'ping' }
  | { type: 'reset'; cursor: number | string }

/** The long-poll answer of `GET /api/v1/live/events`. */
export interface PollResponse {
  events: { cursor: number | string; type: string; occurredAt: string; data?: Record<string, unknown> }[]
  cursor: number | string
}

/** Close codes the server uses (ADR 0005). */
export const CloseCodes = {
  goingAway: 1001,
  unauthorized: 4401,
  forbidden: 4403,
  slowConsumer: 4408,
} as const

/** The subset of the browser's WebSocket the live client uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onclose: ((event: { code: number; reason?: string }) => void) | null
  onerror: ((event: unknown) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}
