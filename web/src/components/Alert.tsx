import type { ReactNode } from 'react'

/** A message box. Errors use role="alert" so they are announced the moment they appear. */
export function Alert({ tone, children }: { tone: 'error' | 'info'; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="alert-icon" aria-hidden="true">
        {tone === 'error' ? '!' : 'i'}
      </span>
      <div>{children}</div>
    </div>
  )
}
