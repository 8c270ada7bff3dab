/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { financings, leadTypes, stages, timelines, userActivityTypes } from './leads'

// The server's OpenAPI document as the web build reads it (the types are generated from it, ADR 0014).
const document = JSON.parse(readFileSync(new URL('../../../docs/api/openapi.json', import.meta.url), 'utf8'))
const values = (schema: string, property: string): unknown[] =>
  (document.components.schemas[schema].properties[property].enum as unknown[]).filter((v) => v !== null)

describe('the value lists the screens offer', () => {
  it('offer every activity type the API lets a user add to the timeline, and no other', () => {
    expect([...userActivityTypes].sort()).toEqual([...values('AddActivityRequest', 'type')].sort())
  })

  it('offer every stage, lead type, timeline and financing a lead can have, stages in pipeline order', () => {
    expect(stages).toEqual(values('LeadResponse', 'stage'))
    expect([...leadTypes].sort()).toEqual([...values('LeadResponse', 'type')].sort())
    expect([...timelines].sort()).toEqual([...values('LeadResponse', 'timeline')].sort())
    expect([...financings].sort()).toEqual([...values('LeadResponse', 'financing')].sort())
  })
})
