import { describe, expect, it } from 'vitest'
import { describeReset, describeWindow, scopeLabel, timeSpanSeconds } from './rateLimits'

describe('rate-limit wording', () => {
  it('reads .NET TimeSpan JSON, days and fractions included', () => {
    expect(timeSpanSeconds('00:01:00')).toBe(60)
    expect(timeSpanSeconds('1.02:00:00')).toBe(93_600)
    expect(timeSpanSeconds('00:00:59.5000000')).toBe(59.5)
    expect(timeSpanSeconds('soon')).toBeNaN()
  })

  it('names common windows in words and others in units', () => {
    expect(describeWindow('00:01:00')).toBe('per minute')
    expect(describeWindow('01:00:00')).toBe('per hour')
    expect(describeWindow('1.00:00:00')).toBe('per day')
    expect(describeWindow('00:10:00')).toBe('per 10 min')
    expect(describeWindow('00:00:30')).toBe('per 30 s')
  })

  it('labels known scopes and shows an unknown one as it is', () => {
    expect(scopeLabel('socket')).toBe('Live-update messages')
    expect(scopeLabel('fax')).toBe('fax')
  })

  it('rounds a reset up and never says zero', () => {
    expect(describeReset('00:00:00.2000000')).toBe('in 1 s')
    expect(describeReset('00:00:41.1000000')).toBe('in 42 s')
    expect(describeReset('00:30:00')).toBe('in 30 min')
    expect(describeReset('02:30:00')).toBe('in 3 h')
  })
})
