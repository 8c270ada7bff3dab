import { useEffect, useRef, type ReactNode } from 'react'

/**
 * The page's h1. It takes focus when the page appears, so keyboard and screen-reader users start
 * at the new content after navigating instead of at the link they pressed.
 */
export function PageHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  )
}
