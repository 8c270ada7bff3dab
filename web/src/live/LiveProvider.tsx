import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import type { LiveClient } from './LiveClient'
import { createBrowserLiveClient } from './browser'
import { LiveContext, useLiveClient } from './context'
import type { LiveEvent, LiveStatus } from './types'

/** Owns the signed-in user's live connection: opened on mount, closed on sign-out. */
export function LiveProvider({ children, create = createBrowserLiveClient }: { children: ReactNode; create?: () => LiveClient }) {
  const [client] = useState(create)
  useEffect(() => {
    client.start()
    const online = () => client.nudge()
    window.addEventListener('online', online)
    return () => {
      window.removeEventListener('online', online)
      client.stop()
    }
  }, [client])
  return <LiveContext.Provider value={client}>{children}</LiveContext.Provider>
}

export function useLiveStatus(): LiveStatus {
  const client = useLiveClient()
  return useSyncExternalStore(
    (onChange) => client.onStatus(onChange),
    () => client.status,
  )
}

/**
 * Calls `handler` with every live event (and `onReset` when the stream was reset and the screen should reload).
 * The latest handler is used without resubscribing, so it may close over fresh state.
 */
export function useLiveEvents(handler: (event: LiveEvent) => void, onReset?: () => void): void {
  const client = useLiveClient()
  const handlerRef = useRef(handler)
  const resetRef = useRef(onReset)
  useEffect(() => {
    handlerRef.current = handler
    resetRef.current = onReset
  })
  useEffect(() => {
    const off = client.subscribe((event) => handlerRef.current(event))
    const offReset = client.onReset(() => resetRef.current?.())
    return () => {
      off()
      offReset()
    }
  }, [client])
}
