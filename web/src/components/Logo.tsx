/** Beacon's mark: a signal source with two rings. Decorative; the word beside it names it. */
export function Logo({ size = 32, inverted = false }: { size?: number; inverted?: boolean }) {
  return (
    <span className={inverted ? 'logo logo-inverted' : 'logo'}>
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill={inverted ? '#ffffff' : '#1f5fa8'} />
        <circle cx="11" cy="21" r="3" fill={inverted ? '#1f5fa8' : '#ffffff'} />
        <path d="M11 13a8 8 0 0 1 8 8" fill="none" stroke={inverted ? '#1f5fa8' : '#ffffff'} strokeWidth="2.6" strokeLinecap="round" />
        <path d="M11 7a14 14 0 0 1 14 14" fill="none" stroke={inverted ? '#6aa5e0' : '#9cc7f2'} strokeWidth="2.6" strokeLinecap="round" />
      </svg>
      <span className="logo-word">Beacon</span>
    </span>
  )
}
