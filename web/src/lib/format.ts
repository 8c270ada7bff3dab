const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' })
const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })
const count = new Intl.NumberFormat()

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—'
}

export function formatShortDate(date: Date): string {
  return shortDate.format(date)
}

export function formatWeekday(date: Date): string {
  return weekday.format(date)
}

export function formatCount(n: number): string {
  return count.format(n)
}

/** "3 min ago", "2 h ago", "yesterday", then the date. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000)
  if (seconds < 45) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.round(hours / 24)
  if (days === 1) return 'yesterday'
  if (days < 7) return `${days} days ago`
  return shortDate.format(new Date(iso))
}

export function formatPriceRange(min: number | null, max: number | null): string {
  if (min == null && max == null) return '—'
  if (min != null && max != null) return min === max ? money.format(min) : `${money.format(min)} – ${money.format(max)}`
  return min != null ? `from ${money.format(min)}` : `up to ${money.format(max!)}`
}

/** Local midnight `daysAgo` days before today. */
export function startOfDay(daysAgo = 0, now = new Date()): Date {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  d.setDate(d.getDate() - daysAgo)
  return d
}

export function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`
}

/** `+19165551971` → `(916) 555-1971`; other numbers as stored (E.164). */
export function formatPhone(phone: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone)
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : phone
}
