import { ApiError, api } from '../api'
import { LiveClient } from './LiveClient'
import type { PollResponse, SocketLike } from './types'

/** The live client wired to the browser: a real WebSocket on this origin and the app's API client. */
export function createBrowserLiveClient(): LiveClient {
  return new LiveClient({
    socketUrl: (after) => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
      const query = after === null ? '' : `?after=${after}`
      return `${scheme}://${window.location.host}/api/v1/live${query}`
    },
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    poll: (after, wait, signal) =>
      api.request<PollResponse>('GET', `/live/events?${after === null ? '' : `after=${after}&`}wait=${wait}`, undefined, {
        signal,
      }),
    accessToken: () => api.accessToken(),
    onAccessToken: (listener) => api.onAccessToken(listener),
    refresh: () => api.refresh(),
    isSessionEnded: (error) => error instanceof ApiError && error.status === 401,
  })
}
