export { LiveClient, type LiveClientOptions } from './LiveClient'
export { LiveProvider, useLiveEvents, useLiveStatus } from './LiveProvider'
export { useLiveClient } from './context'
export type { LiveEvent, LiveStatus } from './types'
