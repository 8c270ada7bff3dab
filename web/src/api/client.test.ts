import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiClient, type SessionEndReason } from './client'
import { ApiError } from './problem'
import { memoryStorage, refreshTokenKey, type KeyValueStore } from './tokens'

interface Call {
  method: string
  path: string
  body: unknown
  authorization: string | null
}

const problem = (status: number, title: string) =>
  new Response(JSON.stringify({ title, status }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  })

const ok = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const me = {
  id: 'u1',
  email: 'ana@example.com',
  displayName: 'Ana Lopez',
  role: 'owner',
  tenant: { id: 't1', name: 'Harbor Realty' },
}

/**
 * A fake Beacon API. Refresh tokens rotate (`refresh-N` → `refresh-N+1`, `access-N+1`) and a used
 * one is refused; `/me` accepts only the access token in `acceptedAccess` (default: the newest).
 */
function fakeApi() {
  const state = {
    generation: 0,
    acceptedAccess: null as string | null,
    refreshStatus: 200,
    expiresIn: 900,
    calls: [] as Call[],
  }
  const issue = () => {
    state.generation += 1
    return {
      accessToken: `access-${state.generation}`,
      refreshToken: `refresh-${state.generation}`,
      expiresIn: state.expiresIn,
    }
  }
  const routes: Record<string, (call: Call) => Response> = {
    'POST /auth/login': () => ok(issue()),
    'POST /auth/signup': () => ok({ status: 'confirmation_sent' }, 202),
    'POST /auth/signup/confirm': (call) =>
      (call.body as { token: string }).token === 'bsc_good' ? ok(issue(), 201) : problem(400, 'Invalid token'),
    'POST /auth/refresh': (call) => {
      if (state.refreshStatus !== 200) return problem(state.refreshStatus, 'Refresh failed')
      const presented = (call.body as { refreshToken: string }).refreshToken
      return presented === `refresh-${state.generation}` ? ok(issue()) : problem(401, 'Invalid refresh token')
    },
    'GET /me': (call) => {
      const accepted = state.acceptedAccess ?? `access-${state.generation}`
      return call.authorization === `Bearer ${accepted}` ? ok(me) : problem(401, 'Unauthorized')
    },
    'POST /auth/logout': () => new Response(null, { status: 204 }),
  }
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      path: String(input).replace(/^\/api\/v1/, ''),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      authorization: new Headers(init?.headers).get('authorization'),
    }
    state.calls.push(call)
    const route = routes[`${call.method} ${call.path}`]
    return route ? route(call) : problem(404, 'Not Found')
  })
  const trace = () => state.calls.map((c) => [c.method, c.path, c.authorization].filter(Boolean).join(' '))
  return { state, fetch: fetch as unknown as typeof globalThis.fetch, trace }
}

let now: number
let storage: KeyValueStore

function newClient(fetch: typeof globalThis.fetch) {
  return new ApiClient({ fetch, storage, now: () => now, withLock: (_name, task) => task() })
}

beforeEach(() => {
  vi.useFakeTimers()
  now = 1_000_000
  storage = memoryStorage()
})

afterEach(() => {
  vi.useRealTimers()
})

const credentials = { email: 'ana@example.com', password: 'correct horse battery' }

describe('ApiClient', () => {
  it('sends the access token after login and keeps only the refresh token in storage', async () => {
    const server = fakeApi()
    const api = newClient(server.fetch)

    await api.login(credentials)
    const result = await api.me()

    expect(result.tenant.name).toBe('Harbor Realty')
    expect(server.trace()).toEqual(['POST /auth/login', 'GET /me Bearer access-1'])
    expect(storage.getItem(refreshTokenKey)).toBe('refresh-1')
  })

  it('refreshes once after a 401 and retries the request with the new token', async () => {
    const server = fakeApi()
    const api = newClient(server.fetch)
    await api.login(credentials)
    server.state.acceptedAccess = 'access-2' // the server stopped accepting access-1 early

    const result = await api.me()

    expect(result.email).toBe('ana@example.com')
    expect(server.trace()).toEqual([
      'POST /auth/login',
      'GET /me Bearer access-1',
      'POST /auth/refresh',
      'GET /me Bearer access-2',
    ])
    expect(server.state.calls[2].body).toEqual({ refreshToken: 'refresh-1' })
    expect(storage.getItem(refreshTokenKey)).toBe('refresh-2')
  })

  it('retries only once when the new token is refused too', async () => {
    const server = fakeApi()
    const api = newClient(server.fetch)
    await api.login(credentials)
    server.state.acceptedAccess = 'never'

    const error = await api.me().catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(401)
    expect(server.trace()).toEqual([
      'POST /auth/login',
      'GET /me Bearer access-1',
      'POST /auth/refresh',
      'GET /me Bearer access-2',
    ])
  })

  it('shares one refresh between concurrent 401s, so a rotated token is never presented twice', async () => {
    const server = fakeApi()
    const api = newClient(server.fetch)
    await api.login(credentials)
    server.state.acceptedAccess = 'access-2'

    const results = await Promise.all([api.me(), api.me(), api.me()])

    expect(results).toHaveLength(3)
    expect(server.trace().filter((t) => t === 'POST /auth/refresh')).toHaveLength(1)
  })

  it('ends the session when the refresh token is refused', async () => {
    const server = fakeApi()
    const api = newClient(server.fetch)
    const ended: SessionEndReason[] = []
    api.onSessionEnded((reason) => ended.push(reason))
    await api.login(credentials)
    server.state.acceptedAccess = 'never'
    server.state.refreshStatus = 401 // e.g. reuse detected: the family was revoked

    const error = await api.me().catch((e: unknown) => e)

    expect((error as ApiError).status).toBe(401)
    expect(ended).toEqual(['expired'])
    expect(storage.getItem(refreshTokenKey)).toBeNull()
    expect(api.hasSession).toBe(false)
  })

  it('keeps the session when the refresh fails with a server error', async () => {
    const server = fakeApi()
    const api = newClient(server.fetch)
    const ended: SessionEndReason[] = []
    api.onSessionEnded((reason) => ended.push(reason))
    await api.login(credentials)
    server.state.acceptedAccess = 'never'
    server.state.refreshStatus = 503

    const error = await api.me().catch((e: unknown) => e)

    expect((error as ApiError).status).toBe(503)
    expect(ended).toEqual([])
    expect(storage.getItem(refreshTokenKey)).toBe('refresh-1')
  })

  it('refreshes in the background before the access token expires', async () => {
    const server = fakeApi()
    server.state.expiresIn = 300
    const api = newClient(server.fetch)
    await api.login(credentials)

    now += 239_000
    await vi.advanceTimersByTimeAsync(239_000)
    expect(server.trace()).toEqual(['POST /auth/login'])

    now += 1_000
    await vi.advanceTimersByTimeAsync(1_000) // 60 s before expiry
    expect(server.trace()).toEqual(['POST /auth/login', 'POST /auth/refresh'])
    expect(storage.getItem(refreshTokenKey)).toBe('refresh-2')
  })

  it('refreshes before a request when the access token has already expired', async () => {
    const server = fakeApi()
    server.state.expiresIn = 60
    const api = newClient(server.fetch)
    await api.login(credentials)
    now += 61_000 // the timer did not fire (a sleeping laptop), the clock moved on

    await api.me()

    expect(server.trace()).toEqual(['POST /auth/login', 'POST /auth/refresh', 'GET /me Bearer access-2'])
  })

  it('restores a session from the stored refresh token after a reload', async () => {
    const server = fakeApi()
    await newClient(server.fetch).login(credentials)
    const reloaded = newClient(server.fetch) // a new page: no access token in memory

    const result = await reloaded.me()

    expect(result.displayName).toBe('Ana Lopez')
    expect(server.trace().slice(1)).toEqual(['POST /auth/refresh', 'GET /me Bearer access-2'])
  })

  it('does not call the API for an authenticated request without a session', async () => {
    const server = fakeApi()
    const api = newClient(server.fetch)

    const error = await api.me().catch((e: unknown) => e)

    expect((error as ApiError).status).toBe(401)
    expect(server.trace()).toEqual([])
  })

  it('revokes the refresh token on logout and forgets it even if the server fails', async () => {
    const server = fakeApi()
    const api = newClient(server.fetch)
    await api.confirm('signup', 'bsc_good')
    const failing = vi.fn(async () => {
      throw new TypeError('network down')
    }) as unknown as typeof globalThis.fetch

    await api.logout()

    expect(server.state.calls.at(-1)).toMatchObject({ path: '/auth/logout', body: { refreshToken: 'refresh-1' } })
    expect(storage.getItem(refreshTokenKey)).toBeNull()
    const offline = newClient(failing)
    storage.setItem(refreshTokenKey, 'refresh-9')
    await expect(offline.logout()).resolves.toBeUndefined()
    expect(storage.getItem(refreshTokenKey)).toBeNull()
  })

  it('signs in only when the e-mailed link is confirmed, not when signing up', async () => {
    const server = fakeApi()
    const api = newClient(server.fetch)

    await api.signup({ brokerageName: 'Harbor Realty', displayName: 'Ana', email: 'a@b.co', password: 'pw' })
    expect(api.hasSession).toBe(false)
    await expect(api.confirm('signup', 'bsc_used')).rejects.toMatchObject({ status: 400 })
    expect(api.hasSession).toBe(false)
    await api.confirm('signup', 'bsc_good')

    expect((await api.me()).tenant.name).toBe('Harbor Realty')
    expect(server.state.calls.find((c) => c.path === '/auth/signup/confirm')?.body).toEqual({ token: 'bsc_used' })
    expect(storage.getItem(refreshTokenKey)).toBe('refresh-1')
  })

  it('ends the session when another tab signs out', async () => {
    const server = fakeApi()
    const api = newClient(server.fetch)
    const ended: SessionEndReason[] = []
    api.onSessionEnded((reason) => ended.push(reason))
    await api.login(credentials)

    storage.removeItem(refreshTokenKey)
    api.handleStorageChange(refreshTokenKey, null)

    expect(ended).toEqual(['signedOut'])
  })
})
