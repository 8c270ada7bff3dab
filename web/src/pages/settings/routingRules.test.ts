import { describe, expect, it } from 'vitest'
import { describeRule, move, toRule } from './routingRules'

const agent = '0192f0e0-0000-7000-8000-000000000001'

describe('routing rule form', () => {
  it('turns a source and ZIP codes into a rule, lower-casing the source', () => {
    const result = toRule({ name: ' Lakeview ', source: 'Zillow', zipCodes: '60614, 60657 60613', agentId: agent })
    expect(result).toEqual({
      rule: { name: 'Lakeview', source: 'zillow', zipCodes: ['60614', '60657', '60613'], priceMin: null, priceMax: null, type: null, agentId: agent },
    })
  })

  it('names each field that is wrong', () => {
    const result = toRule({ name: '', source: '', zipCodes: '6061', agentId: '' })
    expect('errors' in result && Object.keys(result.errors).sort()).toEqual(['agentId', 'zipCodes'])
  })

  it('refuses a rule that would match every lead', () => {
    const result = toRule({ name: '', source: ' ', zipCodes: '', agentId: agent })
    expect('errors' in result && result.errors.source).toBeTruthy()
  })

  it('describes a rule in one line', () => {
    const rule = { name: null, source: 'zillow', zipCodes: ['60614'], priceMin: null, priceMax: null, type: null, agentId: agent }
    expect(describeRule(rule, () => 'Ann Agent')).toBe('source zillow, ZIP 60614 → Ann Agent')
  })

  it('moves a rule up or down and leaves the ends alone', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })
})
