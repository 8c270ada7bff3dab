import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { describeError, insightsApi, scoringApi, type Me } from '../../api'
import { Alert } from '../../components/Alert'
import { PageHeading } from '../../components/PageHeading'
import { createThrottle } from '../../lib/throttle'
import { useLiveEvents } from '../../live'
import { AbControlPanel } from './AbControlPanel'
import { DistributionPanel } from './DistributionPanel'
import { HotLeadsPanel } from './HotLeadsPanel'
import { ModelQualityPanel } from './ModelQualityPanel'
import { VersionsPanel } from './VersionsPanel'
import { noModelText } from './insightsText'
import './insights.css'

/** Polling fallback when the live stream is down or an event is missed; the ETag makes an unchanged poll a 304. */
const pollMs = 30_000
const modelEvents = new Set(['scoring.model_promoted', 'scoring.model_rolled_back', 'scoring.serving_changed'])
const leadEvents = new Set(['lead.scored', 'lead.activity_added', 'lead.assigned', 'lead.deleted', 'lead.updated'])

const managers = ['owner', 'admin', 'team_lead']

/** /insights: hot leads and the score distribution for everyone; model quality, versions and A/B control for managers. */
export function InsightsPage({ me }: { me: Me }) {
  const queries = useQueryClient()
  const manager = managers.includes(me.role)
  const poll = { refetchInterval: pollMs }
  const hot = useQuery({ queryKey: ['insights', 'hot'], queryFn: ({ signal }) => insightsApi.hotLeads(signal), enabled: me.role !== 'read_only', ...poll })
  const distribution = useQuery({ queryKey: ['insights', 'distribution'], queryFn: ({ signal }) => insightsApi.distribution(signal), ...poll })
  const models = useQuery({ queryKey: ['insights', 'models'], queryFn: ({ signal }) => scoringApi.models(signal), ...poll })
  const serving = useQuery({ queryKey: ['insights', 'models', 'serving'], queryFn: ({ signal }) => insightsApi.serving(signal), enabled: manager, ...poll })
  const champion = models.data?.find((m) => m.status === 'champion')?.version
  const version = champion ?? models.data?.find((m) => m.gatePassed)?.version
  const quality = manager && version != null
  const metrics = useQuery({ queryKey: ['insights', 'models', version, 'metrics'], queryFn: ({ signal }) => insightsApi.metrics(version!, signal), enabled: quality })
  const calibration = useQuery({ queryKey: ['insights', 'models', version, 'calibration'], queryFn: ({ signal }) => insightsApi.calibration(version!, signal), enabled: quality })
  const drift = useQuery({ queryKey: ['insights', 'models', version, 'drift'], queryFn: ({ signal }) => insightsApi.drift(version!, signal), enabled: quality })
  const promotions = useQuery({ queryKey: ['insights', 'models', 'promotions'], queryFn: ({ signal }) => insightsApi.promotions(signal), enabled: manager })

  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])

  // Lead events can arrive by the hundred (an import): the lead figures re-ask at most once every two seconds.
  const refreshLeads = useMemo(
    () =>
      createThrottle(() => {
        void queries.invalidateQueries({ queryKey: ['insights', 'hot'] })
        void queries.invalidateQueries({ queryKey: ['insights', 'distribution'] })
      }, 2000),
    [queries],
  )
  useEffect(() => () => refreshLeads.cancel(), [refreshLeads])
  useLiveEvents(
    (event) => {
      if (modelEvents.has(event.type)) void queries.invalidateQueries({ queryKey: ['insights'] })
      else if (leadEvents.has(event.type)) refreshLeads.request()
    },
    () => void queries.invalidateQueries({ queryKey: ['insights'] }),
  )

  // For the dashboards benchmark: the first moment the figures everyone sees (hot leads, distribution, versions) are on screen.
  const figuresShown = (hot.data !== undefined || me.role === 'read_only') && distribution.data !== undefined && models.data !== undefined
  useEffect(() => {
    if (figuresShown && performance.getEntriesByName('beacon:insights-ready').length === 0) performance.mark('beacon:insights-ready')
  }, [figuresShown])

  const error = [hot, distribution, models, serving].find((q) => q.error)?.error
  const noModel = models.data !== undefined && champion == null
  return (
    <section className="page insights-page" aria-labelledby="insights-heading">
      <PageHeading id="insights-heading">Insights</PageHeading>
      {error && <Alert tone="error">{describeError(error)}</Alert>}
      {noModel && (
        <p className="model-notice model-notice-rules" role="note" data-testid="no-model">
          <strong>{noModelText(models.data?.[0])}</strong>
          {models.data?.[0] && !models.data[0].gatePassed && <span className="muted"> {models.data[0].gateReason}</span>}
        </p>
      )}
      <div className="insights-grid">
        {me.role !== 'read_only' && <HotLeadsPanel hot={hot.data} now={now} />}
        <DistributionPanel distribution={distribution.data} />
      </div>
      {manager && (
        <>
          <AbControlPanel
            serving={serving.data}
            canChange={me.role === 'owner' || me.role === 'admin'}
            onChanged={() => void queries.invalidateQueries({ queryKey: ['insights', 'models'] })}
          />
          {quality && <ModelQualityPanel metrics={metrics.data} calibration={calibration.data} drift={drift.data} />}
          <VersionsPanel models={models.data} promotions={promotions.data} />
        </>
      )}
    </section>
  )
}
