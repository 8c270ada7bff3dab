import type { ApiClient } from './client'
import type { components } from './generated/openapi'

type Schemas = components['schemas']

export type ConversionReport = Schemas['ConversionReport']
export type DrillPage = Schemas['DrillPage']
export type Deal = Schemas['DealResponse']
export type DealPage = Schemas['DealPage']
export type RecordDealRequest = Schemas['RecordDealRequest']
export type SpendEntry = Schemas['SpendEntry']

/** The report's query: local dates (yyyy-mm-dd, both included), an IANA zone, and optional filters. */
export interface ReportFilters {
  from: string
  to: string
  tz: string
  source?: string
  agent?: string
  team?: string
}

/** Tables the server exports as CSV. */
export const reportTables = [
  'funnel',
  'sources',
  'agents',
  'teams',
  'cohorts',
  'time-to-convert',
  'speed-to-lead',
  'leaderboard',
  'roi',
  'attribution',
] as const
export type ReportTable = (typeof reportTables)[number]

/** The query string of a report call: every filter that is set, in a stable order. */
export function reportQuery(filters: ReportFilters, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  return params.toString()
}

/** Calls of the Conversions module: deals and the conversion dashboard. */
export class ConversionsApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  report(filters: ReportFilters, signal?: AbortSignal): Promise<ConversionReport> {
    return this.api.request<ConversionReport>('GET', `/reports/conversions?${reportQuery(filters)}`, undefined, { signal })
  }

  leads(filters: ReportFilters, drill: { stage?: string; week?: string; offset?: number }, signal?: AbortSignal): Promise<DrillPage> {
    return this.api.request<DrillPage>('GET', `/reports/conversions/leads?${reportQuery(filters, { ...drill, limit: 25 })}`, undefined, {
      signal,
    })
  }

  exportCsv(table: ReportTable, filters: ReportFilters): Promise<Blob> {
    return this.api.download(`/reports/conversions/export/${table}?${reportQuery(filters)}`)
  }

  spend(): Promise<SpendEntry[]> {
    return this.api.request<SpendEntry[]>('GET', '/reports/conversions/spend')
  }

  setSpend(entry: SpendEntry): Promise<SpendEntry> {
    return this.api.request<SpendEntry>('PUT', '/reports/conversions/spend', entry)
  }

  deals(leadId: string): Promise<DealPage> {
    return this.api.request<DealPage>('GET', `/conversions?leadId=${encodeURIComponent(leadId)}`)
  }

  recordDeal(deal: RecordDealRequest): Promise<Deal> {
    return this.api.request<Deal>('POST', '/conversions', deal)
  }
}
