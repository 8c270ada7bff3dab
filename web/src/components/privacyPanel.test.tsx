import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { Lead } from '../api'
import { EraseLead } from './EraseLead'

const lead: Lead = {
  id: 'l1', firstName: 'Karen', lastName: 'Vasquez', emails: [], phones: [], source: 'web', sourceDetail: null, type: 'buyer',
  stage: 'new', priceMin: null, priceMax: null, zipCodes: [], areas: [], timeline: null, financing: null, propertyAddress: null,
  assignedTo: null, tags: [], customFields: {}, consents: {}, timeZone: null, timeZoneSource: null, externalId: null, version: 1,
  createdAt: '2026-11-21T10:00:00Z', updatedAt: '2026-11-21T10:00:00Z', lastActivityAt: '2026-11-21T10:00:00Z',
}

describe('the erase control', () => {
  it('starts as a single button, so an erasure always begins with a deliberate step', () => {
    const html = renderToStaticMarkup(<EraseLead lead={lead} />)

    expect(html).toContain('Erase lead…')
    expect(html).not.toContain('Erase permanently')
  })
})
