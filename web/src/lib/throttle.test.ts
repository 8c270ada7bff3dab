import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createThrottle } from './throttle'

describe('createThrottle', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs at once for the first request and folds a burst into one run per interval', () => {
    const run = vi.fn()
    const throttle = createThrottle(run, 1000)

    throttle.request()
    vi.advanceTimersByTime(0)
    expect(run).toHaveBeenCalledTimes(1)

    for (let i = 0; i < 20; i++) {
      throttle.request()
      vi.advanceTimersByTime(40)
    }
    expect(run).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(200)
    expect(run).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(5000)
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('does nothing after cancel', () => {
    const run = vi.fn()
    const throttle = createThrottle(run, 1000)
    throttle.request()
    throttle.cancel()
    vi.advanceTimersByTime(2000)
    expect(run).not.toHaveBeenCalled()
  })
})
