/**
 * Wall-clock time in a named IANA zone (the viewer's profile zone, which may differ from the browser's), with only
 * `Intl`: a task due "tomorrow 09:00" means 09:00 where the agent works, not where their laptop thinks it is.
 */
function parts(instant: Date, zone: string): Record<string, number> {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
  return Object.fromEntries(format.formatToParts(instant).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]))
}

/** Minutes the zone is ahead of UTC at that instant (Chicago in winter: -360). */
export function offsetMinutes(instant: Date, zone: string): number {
  const p = parts(instant, zone)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000)
}

/** `2026-12-08T09:00` (a datetime-local value) read in `zone` → ISO instant. */
export function localToInstant(local: string, zone: string): string {
  const asUtc = Date.parse(`${local.slice(0, 16)}:00Z`)
  const first = offsetMinutes(new Date(asUtc), zone)
  let instant = asUtc - first * 60_000
  // Around a DST change the offset at the guess differs from the offset at the answer: take the answer's.
  const second = offsetMinutes(new Date(instant), zone)
  if (second !== first) instant = asUtc - second * 60_000
  return new Date(instant).toISOString()
}

const pad = (n: number) => String(n).padStart(2, '0')

/** ISO instant → `YYYY-MM-DDTHH:mm` on the wall clock of `zone` (for a datetime-local input). */
export function instantToLocal(iso: string | Date, zone: string): string {
  const p = parts(new Date(iso), zone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

/** The viewer's zone: their profile's, else the browser's. */
export function viewerZone(profileZone: string | null | undefined): string {
  return profileZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** "Dec 8, 09:00" in `zone`, with the zone's short name when it is not the browser's. */
export function formatInZone(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone: zone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: zone === Intl.DateTimeFormat().resolvedOptions().timeZone ? undefined : 'short',
  }).format(new Date(iso))
}
