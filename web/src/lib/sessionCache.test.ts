import { describe, expect, it, vi } from 'vitest'
import { SessionCache } from './sessionCache'

describe('SessionCache', () => {
  it('shares one request within a session', async () => {
    const cache = new SessionCache<string[]>()
    const load = vi.fn(async () => ['Ana'])

    await cache.get('tenant-1/user-1', load)
    await cache.get('tenant-1/user-1', load)

    expect(load).toHaveBeenCalledTimes(1)
  })

  it('never answers a new session with the previous session’s users', async () => {
    const cache = new SessionCache<string[]>()
    await cache.get('tenant-1/user-1', async () => ['Ana of Harbor Realty'])

    const answer = await cache.get('tenant-2/user-9', async () => ['Bo of Summit Homes'])

    expect(answer).toEqual(['Bo of Summit Homes'])
  })

  it('asks again after a failure', async () => {
    const cache = new SessionCache<string[]>()
    await expect(cache.get('t/u', () => Promise.reject(new Error('offline')))).rejects.toThrow('offline')

    expect(await cache.get('t/u', async () => ['Ana'])).toEqual(['Ana'])
  })
})
