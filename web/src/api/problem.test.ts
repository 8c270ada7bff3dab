import { describe, expect, it } from 'vitest'
import { ApiError, describeError, parseProblem, parseRetryAfter } from './problem'

const response = (status: number, body: string, contentType?: string, statusText?: string) =>
  new Response(body, { status, statusText, headers: contentType ? { 'content-type': contentType } : {} })

describe('parseProblem', () => {
  it('reads an ASP.NET validation problem with messages per field', async () => {
    const body = {
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: { email: ['The Email field is required.'], password: ['Too short.', 'Needs a digit.'] },
      traceId: '00-abc',
    }

    const problem = await parseProblem(response(400, JSON.stringify(body), 'application/problem+json; charset=utf-8'))

    expect(problem.title).toBe('One or more validation errors occurred.')
    expect(problem.status).toBe(400)
    expect(problem.errors).toEqual({
      email: ['The Email field is required.'],
      password: ['Too short.', 'Needs a digit.'],
    })
    expect(problem.traceId).toBe('00-abc')
  })

  it('normalises PascalCase and JSON-path field names to camelCase', async () => {
    const body = { title: 'Invalid', status: 400, errors: { BrokerageName: ['Required.'], '$.email': ['Bad JSON.'], Email: ['Taken?'] } }

    const problem = await parseProblem(response(400, JSON.stringify(body), 'application/problem+json'))

    expect(problem.errors).toEqual({ brokerageName: ['Required.'], email: ['Bad JSON.', 'Taken?'] })
  })

  it('keeps title and detail of a plain problem', async () => {
    const body = { title: 'Invalid credentials', status: 401, detail: 'The email or password is wrong.' }

    const problem = await parseProblem(response(401, JSON.stringify(body), 'application/problem+json'))

    expect(problem).toMatchObject({ title: 'Invalid credentials', status: 401, detail: 'The email or password is wrong.' })
    expect(problem.errors).toBeUndefined()
  })

  it('falls back to a title by status when the body is not problem JSON', async () => {
    const html = await parseProblem(response(502, '<html>Bad gateway</html>', 'text/html', 'Bad Gateway'))
    const empty = await parseProblem(response(429, ''))
    const broken = await parseProblem(response(409, '{not json', 'application/problem+json'))

    expect(html).toEqual({ title: 'Bad Gateway', status: 502 })
    expect(empty.title).toMatch(/too many requests/i)
    expect(broken).toEqual({ title: 'This conflicts with existing data.', status: 409 })
  })
})

describe('describeError', () => {
  it('tells a throttled user how long to wait', () => {
    const error = new ApiError({ title: 'Too Many Requests', status: 429 }, parseRetryAfter('30', 0))

    expect(describeError(error)).toBe('Too many attempts. Try again in 30 seconds.')
  })

  it('prefers the detail, then the title, and explains network failures', () => {
    expect(describeError(new ApiError({ title: 'Conflict', status: 409, detail: 'Email is taken.' }))).toBe('Email is taken.')
    expect(describeError(new ApiError({ title: 'Conflict', status: 409 }))).toBe('Conflict')
    expect(describeError(new TypeError('Failed to fetch'))).toMatch(/cannot reach beacon/i)
  })
})

describe('parseRetryAfter', () => {
  it('accepts seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-21T10:00:00Z')

    expect(parseRetryAfter('12', now)).toBe(12)
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:05 GMT', now)).toBe(5)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})
