import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LiveClient, type LiveClientOptions } from './LiveClient'
import type { LiveEvent, LiveStatus, PollResponse, SocketLike } from './types'

/** A WebSocket the test drives: it records what the client sends and lets the test play the server. */
class FakeSocket implements SocketLike {
  readyState = 0
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onclose: ((event: { code: number; reason?: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  readonly sent: Record<string, unknown>[] = []
  closedWith: number | null = null
  readonly url: string

  constructor(url: string) {
    this.url = url
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>)
  }

  close(code = 1000): void {
    this.closedWith = code
    this.readyState = 3
  }

  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }

  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) })
  }

  /** The server (or the network) closes the connection. */
  drop(code = 1006): void {
    this.readyState = 3
    this.onclose?.({ code })
  }

  event(cursor: number, type = 'lead.created', data: Record<string, unknown> = {}): void {
    this.receive({ type: 'event', cursor, eventType: type, occurredAt: '2026-11-21T10:00:00Z', data })
  }
}

interface PendingPoll {
  after: number | null
  wait: number
  signal: AbortSignal
  resolve(response: PollResponse): void
  reject(error: unknown): void
}

function harness(overrides: Partial<LiveClientOptions> = {}) {
  const sockets: FakeSocket[] = []
  const polls: PendingPoll[] = []
  const tokenListeners = new Set<(token: string) => void>()
  let token = 'access-1'
  const refresh = vi.fn(async () => {
    token = `access-${Number(token.split('-')[1]) + 1}`
    return true
  })
  const client = new LiveClient({
    socketUrl: (after) => `ws://beacon.test/api/v1/live${after === null ? '' : `?after=${after}`}`,
    createSocket: (url) => {
      const socket = new FakeSocket(url)
      sockets.push(socket)
      return socket
    },
    poll: (after, wait, signal) =>
      new Promise<PollResponse>((resolve, reject) => {
        polls.push({ after, wait, signal, resolve, reject })
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      }),
    accessToken: async () => token,
    onAccessToken: (listener) => {
      tokenListeners.add(listener)
      return () => tokenListeners.delete(listener)
    },
    refresh,
    random: () => 1,
    ...overrides,
  })
  const events: LiveEvent[] = []
  const statuses: LiveStatus[] = []
  client.subscribe((e) => events.push(e))
  client.onStatus((s) => statuses.push(s))
  const lastSocket = () => sockets[sockets.length - 1]
  const lastPoll = () => polls[polls.length - 1]
  const newToken = (value: string) => {
    token = value
    for (const listener of tokenListeners) listener(value)
  }
  /** Opens the newest socket, lets the client authenticate and says `ready`. */
  const connect = async (cursor: number) => {
    lastSocket().open()
    await vi.advanceTimersByTimeAsync(0)
    lastSocket().receive({ type: 'ready', cursor })
  }
  return { client, sockets, polls, events, statuses, lastSocket, lastPoll, refresh, newToken, connect }
}

const cursors = (events: LiveEvent[]) => events.map((e) => e.cursor)

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('LiveClient over a WebSocket', () => {
  it('authenticates with its first message, never in the URL, and goes live on ready', async () => {
    const h = harness()
    h.client.start()

    expect(h.client.status).toBe('connecting')
    expect(h.lastSocket().url).toBe('ws://beacon.test/api/v1/live')
    await h.connect(41)

    expect(h.lastSocket().sent[0]).toEqual({ type: 'auth', token: 'access-1' })
    expect(h.lastSocket().url).not.toContain('access')
    expect(h.client.status).toBe('live')
    expect(h.client.cursor).toBe(41)
  })

  it('hands events to subscribers in order and answers pings', async () => {
    const h = harness()
    h.client.start()
    await h.connect(0)

    h.lastSocket().event(1, 'lead.created', { leadId: 'a' })
    h.lastSocket().receive({ type: 'ping' })
    h.lastSocket().event(2, 'lead.updated', { leadId: 'a' })

    expect(h.events.map((e) => [e.cursor, e.type, e.data.leadId])).toEqual([
      [1, 'lead.created', 'a'],
      [2, 'lead.updated', 'a'],
    ])
    expect(h.lastSocket().sent).toContainEqual({ type: 'pong' })
  })

  it('drops an event it has already handled (dedupe by cursor)', async () => {
    const h = harness()
    h.client.start()
    await h.connect(0)

    h.lastSocket().event(1)
    h.lastSocket().event(2)
    h.lastSocket().event(2)
    h.lastSocket().event(1)
    h.lastSocket().event(3)

    expect(cursors(h.events)).toEqual([1, 2, 3])
    expect(h.client.duplicatesDropped).toBe(2)
  })

  it('reconnects after a drop and resumes after the last event it processed', async () => {
    const h = harness()
    h.client.start()
    await h.connect(5)
    h.lastSocket().event(6)
    h.lastSocket().event(7)

    h.lastSocket().drop(1001) // the server restarts
    expect(h.client.status).toBe('connecting')
    await vi.advanceTimersByTimeAsync(300)

    expect(h.sockets).toHaveLength(2)
    expect(h.lastSocket().url).toBe('ws://beacon.test/api/v1/live?after=7')
    await h.connect(9)
    // The server replays what came after 7, and may overlap with what we had.
    h.lastSocket().event(7)
    h.lastSocket().event(8)
    h.lastSocket().event(9)
    expect(cursors(h.events)).toEqual([6, 7, 8, 9])
    expect(h.client.cursor).toBe(9)
    expect(h.client.status).toBe('live')
  })

  it('backs off between failed reconnects', async () => {
    const h = harness({ socketFailuresBeforePolling: 10 })
    h.client.start()
    await h.connect(0)
    h.lastSocket().drop(1006)

    await vi.advanceTimersByTimeAsync(250)
    expect(h.sockets).toHaveLength(2)
    h.lastSocket().drop(1006) // refused: the server is not back yet
    await vi.advanceTimersByTimeAsync(400)
    expect(h.sockets).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(100)
    expect(h.sockets).toHaveLength(3)
  })

  it('sends each new access token in-band, without reconnecting', async () => {
    const h = harness()
    h.client.start()
    await h.connect(0)

    h.newToken('access-2')

    expect(h.sockets).toHaveLength(1)
    expect(h.lastSocket().sent).toContainEqual({ type: 'auth', token: 'access-2' })
  })

  it('refreshes the session on 4401 and reconnects with the new token', async () => {
    const h = harness()
    h.client.start()
    await h.connect(3)
    h.lastSocket().event(4)

    h.lastSocket().drop(4401)
    await vi.advanceTimersByTimeAsync(0)

    expect(h.refresh).toHaveBeenCalledTimes(1)
    expect(h.sockets).toHaveLength(2)
    expect(h.lastSocket().url).toContain('after=4')
    await h.connect(4)
    expect(h.lastSocket().sent[0]).toEqual({ type: 'auth', token: 'access-2' })
  })

  it('stops when the session cannot be refreshed', async () => {
    const h = harness({ refresh: async () => false })
    h.client.start()
    await h.connect(0)

    h.lastSocket().drop(4401)
    await vi.advanceTimersByTimeAsync(60_000)

    expect(h.sockets).toHaveLength(1)
    expect(h.client.status).toBe('offline')
  })

  it('reconnects at once after being cut off as a slow consumer', async () => {
    const h = harness()
    h.client.start()
    await h.connect(0)
    h.lastSocket().event(1)

    h.lastSocket().drop(4408)
    await vi.advanceTimersByTimeAsync(0)

    expect(h.sockets).toHaveLength(2)
    expect(h.lastSocket().url).toContain('after=1')
  })

  it('tells screens to reload when its cursor is older than the retention', async () => {
    const h = harness()
    const resets: number[] = []
    h.client.onReset((c) => resets.push(c))
    h.client.start()
    await h.connect(100)

    h.lastSocket().receive({ type: 'reset', cursor: 100 })
    h.lastSocket().event(100)
    h.lastSocket().event(101)

    expect(resets).toEqual([100])
    expect(cursors(h.events)).toEqual([101])
  })
})

describe('LiveClient falling back to long-polling', () => {
  /** Two sockets that open and are closed before `ready`: what a proxy that blocks WebSockets looks like. */
  async function blockSockets(h: ReturnType<typeof harness>) {
    h.client.start()
    h.lastSocket().open()
    h.lastSocket().drop(1006)
    await vi.advanceTimersByTimeAsync(500)
    h.lastSocket().drop(1006)
    await vi.advanceTimersByTimeAsync(0)
  }

  it('on an empty stream, keeps waiting after cursor 0 without pausing between polls', async () => {
    const h = harness()
    await blockSockets(h)

    h.lastPoll().resolve({ events: [], cursor: '0' })
    await vi.advanceTimersByTimeAsync(0)
    expect(h.lastPoll()).toMatchObject({ after: 0, wait: 25 })
    // The wait ended with nothing new: the next poll waits again at once (the server holds it, not the client).
    h.lastPoll().resolve({ events: [], cursor: '0' })
    await vi.advanceTimersByTimeAsync(0)

    expect(h.polls).toHaveLength(3)
    expect(h.lastPoll()).toMatchObject({ after: 0, wait: 25 })
  })

  it('polls when the socket cannot be established, starting from the current cursor', async () => {
    const h = harness()
    await blockSockets(h)

    expect(h.sockets).toHaveLength(2)
    expect(h.polls).toHaveLength(1)
    expect(h.lastPoll()).toMatchObject({ after: null, wait: 0 })
    h.lastPoll().resolve({ events: [], cursor: '12' })
    await vi.advanceTimersByTimeAsync(0)

    expect(h.client.status).toBe('polling')
    expect(h.lastPoll()).toMatchObject({ after: 12, wait: 25 })
    h.lastPoll().resolve({
      events: [
        { cursor: '13', type: 'lead.created', occurredAt: 'x', data: { leadId: 'a' } },
        { cursor: '14', type: 'lead.updated', occurredAt: 'x', data: { leadId: 'a' } },
      ],
      cursor: '14',
    })
    await vi.advanceTimersByTimeAsync(0)

    expect(cursors(h.events)).toEqual([13, 14])
    expect(h.lastPoll()).toMatchObject({ after: 14, wait: 25 })
  })

  it('gives up on a socket that opens but never says ready', async () => {
    const h = harness({ readyTimeoutMs: 5_000 })
    h.client.start()
    h.lastSocket().open()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(h.sockets[0].closedWith).not.toBeNull()
    await vi.advanceTimersByTimeAsync(500)
    h.lastSocket().open()
    await vi.advanceTimersByTimeAsync(5_000)

    expect(h.polls).toHaveLength(1)
  })

  it('tries the socket again later and stops polling once it is ready, losing nothing in between', async () => {
    const h = harness({ probeDelayMs: 15_000 })
    await blockSockets(h)
    h.lastPoll().resolve({ events: [], cursor: 20 })
    await vi.advanceTimersByTimeAsync(0)
    h.lastPoll().resolve({ events: [{ cursor: 21, type: 'lead.created', occurredAt: 'x' }], cursor: 21 })
    await vi.advanceTimersByTimeAsync(0)
    const pending = h.lastPoll()

    await vi.advanceTimersByTimeAsync(15_000)
    expect(h.sockets).toHaveLength(3)
    expect(h.lastSocket().url).toContain('after=21')
    await h.connect(23)
    h.lastSocket().event(22)
    h.lastSocket().event(23)

    expect(pending.signal.aborted).toBe(true)
    expect(h.client.status).toBe('live')
    expect(cursors(h.events)).toEqual([21, 22, 23])
    expect(h.polls).toHaveLength(3)
  })

  it('keeps polling when the retried socket fails, and waits longer before the next try', async () => {
    const h = harness({ probeDelayMs: 10_000 })
    await blockSockets(h)
    h.lastPoll().resolve({ events: [], cursor: 1 })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(h.sockets).toHaveLength(3)

    h.lastSocket().drop(1006)
    await vi.advanceTimersByTimeAsync(19_999)
    expect(h.sockets).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(1)
    expect(h.sockets).toHaveLength(4)
    expect(h.client.status).toBe('polling')
  })

  it('shows offline while the server is unreachable, and resumes from its cursor', async () => {
    const h = harness()
    await blockSockets(h)
    h.lastPoll().resolve({ events: [], cursor: 30 })
    await vi.advanceTimersByTimeAsync(0)

    h.lastPoll().reject(new TypeError('Failed to fetch'))
    await vi.advanceTimersByTimeAsync(0)
    expect(h.client.status).toBe('offline')
    await vi.advanceTimersByTimeAsync(500)

    expect(h.lastPoll()).toMatchObject({ after: 30, wait: 25 })
    h.lastPoll().resolve({ events: [{ cursor: 31, type: 'lead.created', occurredAt: 'x' }], cursor: 31 })
    await vi.advanceTimersByTimeAsync(0)
    expect(h.client.status).toBe('polling')
    expect(cursors(h.events)).toEqual([31])
    // Back from an outage: the socket is tried straight away.
    expect(h.lastSocket().url).toContain('after=31')
  })

  it('drops events the poll repeats', async () => {
    const h = harness()
    await blockSockets(h)
    h.lastPoll().resolve({ events: [], cursor: 5 })
    await vi.advanceTimersByTimeAsync(0)
    h.lastPoll().resolve({
      events: [
        { cursor: 5, type: 'lead.created', occurredAt: 'x' },
        { cursor: 6, type: 'lead.created', occurredAt: 'x' },
      ],
      cursor: 6,
    })
    await vi.advanceTimersByTimeAsync(0)

    expect(cursors(h.events)).toEqual([6])
    expect(h.client.duplicatesDropped).toBe(1)
  })

  it('stops polling when stopped', async () => {
    const h = harness()
    await blockSockets(h)
    const pending = h.lastPoll()

    h.client.stop()
    await vi.advanceTimersByTimeAsync(120_000)

    expect(pending.signal.aborted).toBe(true)
    expect(h.polls).toHaveLength(1)
    expect(h.sockets).toHaveLength(2)
    expect(h.client.status).toBe('offline')
  })
})
