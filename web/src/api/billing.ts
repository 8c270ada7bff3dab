import type { ApiClient } from './client'
import type { components } from './generated/openapi'

type Schemas = components['schemas']

export type BillingUsage = Schemas['BillingUsage']
export type BillingMeterUsage = Schemas['BillingMeterUsage']
export type BillingPlan = Schemas['BillingPlan']
export type BillingSubscription = Schemas['BillingSubscription']
export type BillingInvoice = Schemas['BillingInvoice']
export type BillingInvoiceDetail = Schemas['BillingInvoiceDetail']
export type ProrationPreview = Schemas['ProrationPreview']

/** The calls of `/api/v1/billing` (owners and admins). */
export class BillingApi {
  private readonly api: ApiClient

  constructor(api: ApiClient) {
    this.api = api
  }

  /** A month's usage per meter (`yyyy-MM`; the current month so far when omitted). */
  usage(month?: string, signal?: AbortSignal): Promise<BillingUsage> {
    return this.api.request('GET', `/billing/usage${month ? `?month=${encodeURIComponent(month)}` : ''}`, undefined, { signal })
  }

  plans(signal?: AbortSignal): Promise<BillingPlan[]> {
    return this.api.request('GET', '/billing/plans', undefined, { signal })
  }

  subscription(signal?: AbortSignal): Promise<BillingSubscription> {
    return this.api.request('GET', '/billing/subscription', undefined, { signal })
  }

  preview(planCode: string, signal?: AbortSignal): Promise<ProrationPreview> {
    return this.api.request('GET', `/billing/subscription/preview?planCode=${encodeURIComponent(planCode)}`, undefined, { signal })
  }

  changePlan(planCode: string): Promise<BillingSubscription> {
    return this.api.request('PUT', '/billing/subscription/plan', { planCode })
  }

  invoices(signal?: AbortSignal): Promise<BillingInvoice[]> {
    return this.api.request('GET', '/billing/invoices', undefined, { signal })
  }

  invoice(id: string, signal?: AbortSignal): Promise<BillingInvoiceDetail> {
    return this.api.request('GET', `/billing/invoices/${id}`, undefined, { signal })
  }

  pdf(id: string): Promise<Blob> {
    return this.api.download(`/billing/invoices/${id}/pdf`)
  }
}
