import { createContext, useContext } from 'react'
import type { LiveClient } from './LiveClient'

export const LiveContext = createContext<LiveClient | null>(null)

export function useLiveClient(): LiveClient {
  const client = useContext(LiveContext)
  if (!client) throw new Error('useLiveClient must be used inside <LiveProvider>')
  return client
}
