/** The header row of a CSV (quotes and doubled quotes handled; the rest of the file is the server's job). */
export function parseHeader(text: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      cells.push(cell.trim())
      cell = ''
    } else if (c === '\n' || c === '\r') break
    else cell += c
  }
  cells.push(cell.trim())
  return cells
}
