// Generates src/api/generated/openapi.ts from the server's OpenAPI document as checked in (docs/api/openapi.json),
// so the web build needs no running server. `./beacon openapi` refreshes the snapshot from the server.
// Run by `npm run build`, `typecheck`, `lint` and `test`, and by Vitest before any test (see vite.config.ts).
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript'

const snapshot = new URL('../../docs/api/openapi.json', import.meta.url)
const output = new URL('../src/api/generated/openapi.ts', import.meta.url)

export async function generateApiTypes() {
  const document = JSON.parse(await readFile(snapshot, 'utf8'))
  const nodes = await openapiTS(document, {
    // Answers are what the server writes: a property it always sends is not optional here.
    defaultNonNullable: true,
    alphabetize: false,
    // A schema that says nothing (JsonElement, free-form objects) is `unknown`, not an object that must stay empty.
    emptyObjectsUnknown: true,
  })
  const source = COMMENT_HEADER + `// Source: docs/api/openapi.json (refresh: ./beacon openapi).\n\n` + astToString(nodes)
  const previous = await readFile(output, 'utf8').catch(() => null)
  // Unchanged output keeps its timestamp, so incremental builds (Web.targets, tsc -b) stay incremental.
  if (previous === source) return false
  await mkdir(new URL('.', output), { recursive: true })
  await writeFile(output, source)
  return true
}

/** Vitest global setup: the tests compile against the generated types too. */
export default async function setup() {
  await generateApiTypes()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const changed = await generateApiTypes()
  console.log(`API types ${changed ? 'generated' : 'up to date'}: ${fileURLToPath(output)}`)
}
