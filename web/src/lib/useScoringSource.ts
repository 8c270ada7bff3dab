import { useCallback, useEffect, useState } from 'react'
import { scoringApi, scoringSource, type ScoringSource } from '../api'
import { useLiveEvents } from '../live'

const modelEvents = new Set(['scoring.model_promoted', 'scoring.model_rolled_back'])

/** Where the tenant's scores come from, kept current by promotions and rollbacks; null while loading or unknown. */
export function useScoringSource(): ScoringSource | null {
  const [source, setSource] = useState<ScoringSource | null>(null)
  const load = useCallback(
    (signal?: AbortSignal) =>
      scoringApi.models(signal).then(
        (models) => setSource(scoringSource(models)),
        () => {}, // The notice is a hint: without an answer it is simply not shown.
      ),
    [],
  )
  useEffect(() => {
    const abort = new AbortController()
    void load(abort.signal)
    return () => abort.abort()
  }, [load])
  useLiveEvents((event) => {
    if (modelEvents.has(event.type)) void load()
  })
  return source
}
