/**
 * Runs `run` soon after the first `request()`, then at most once per `intervalMs`: requests that arrive while one
 * is pending fold into it. A burst of live events thus costs one reload now and one per interval, not one each.
 */
export function createThrottle(
  run: () => void,
  intervalMs: number,
  now: () => number = Date.now,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (id: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  },
): { request: () => void; cancel: () => void } {
  let pending: unknown = null
  let last = -Infinity
  return {
    request() {
      if (pending !== null) return
      const wait = Math.max(0, last + intervalMs - now())
      pending = timers.set(() => {
        pending = null
        last = now()
        run()
      }, wait)
    },
    cancel() {
      if (pending !== null) timers.clear(pending)
      pending = null
    },
  }
}
