import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'

/**
 * Server state (TanStack Query) for one signed-in session: render it keyed by the user, so a new session starts
 * with an empty cache. Live events decide what is stale (screens invalidate on them), so no refetch on focus, and
 * no retries: a failure is shown at once, as before.
 */
export function SessionQueries({ children }: { children: ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  )
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>
}
