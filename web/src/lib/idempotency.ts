import { newKey } from './format'

/**
 * One Idempotency-Key per distinct request body. Sending the same body again (a retry after a dropped connection,
 * a second click) reuses its key, so the server answers with the first result instead of acting twice; a changed
 * body (the user fixed a field the server refused) gets a fresh key, because the server refuses a key it has seen
 * with a different body — reusing it would make every corrected submission fail.
 */
export function createIdempotencyKeys(makeKey: () => string = newKey): (body: unknown) => string {
  let last: { body: string; key: string } | null = null
  return (body) => {
    const json = JSON.stringify(body)
    if (last === null || last.body !== json) last = { body: json, key: makeKey() }
    return last.key
  }
}
