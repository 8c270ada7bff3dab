import { useEffect, useMemo, useState } from 'react'
import { createThrottle } from '../../lib/throttle'
import { useLiveEvents, type LiveEvent } from '../../live'

/** The live event every enrollment and step change publishes (the server's `workflow.enrollment_changed`). */
export const enrollmentEvent = 'workflow.enrollment_changed'

/** Polling fallback when the live stream is down or an event was missed; the ETag makes an unchanged poll a 304. */
const pollMs = 30_000

/** Whether a live event is an enrollment change of this workflow or lead. */
export function concerns(event: LiveEvent, scope: { workflowId?: string; leadId?: string }): boolean {
  if (event.type !== enrollmentEvent) return false
  if (scope.workflowId && event.data.workflowId !== scope.workflowId) return false
  if (scope.leadId && event.data.leadId !== scope.leadId) return false
  return true
}

/**
 * A reload key that changes when the enrollments of `scope` may have changed: on their live events (a burst of step
 * events folds into one reload every second), when the stream was reset, and every 30 seconds as a fallback.
 */
export function useEnrollmentUpdates(scope: { workflowId?: string; leadId?: string }): number {
  const [key, setKey] = useState(0)
  const refresh = useMemo(() => createThrottle(() => setKey((k) => k + 1), 1000), [])
  useEffect(() => () => refresh.cancel(), [refresh])
  useLiveEvents(
    (event) => {
      if (concerns(event, scope)) refresh.request()
    },
    () => refresh.request(),
  )
  useEffect(() => {
    const timer = setInterval(() => refresh.request(), pollMs)
    return () => clearInterval(timer)
  }, [refresh])
  return key
}
