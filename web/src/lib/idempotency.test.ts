import { describe, expect, it } from 'vitest'
import { createIdempotencyKeys } from './idempotency'

describe('createIdempotencyKeys', () => {
  it('reuses the key while the body stays the same, so a retry is answered once', () => {
    const keyFor = createIdempotencyKeys()
    const first = keyFor({ firstName: 'Ann', emails: ['ann@example.test'] })
    expect(keyFor({ firstName: 'Ann', emails: ['ann@example.test'] })).toBe(first)
  })

  it('gives a new key once a refused field is fixed, and each distinct body its own', () => {
    const keyFor = createIdempotencyKeys()
    const refused = keyFor({ firstName: 'Ann', emails: ['not-an-email'] })
    const fixed = keyFor({ firstName: 'Ann', emails: ['ann@example.test'] })
    expect(fixed).not.toBe(refused)
    expect(keyFor({ firstName: 'Ann', emails: ['ann@example.test'] })).toBe(fixed)
  })
})
