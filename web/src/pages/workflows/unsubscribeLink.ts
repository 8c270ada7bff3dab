const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The tenant and enrollment an e-mail's unsubscribe link names, or null when either is missing or mangled. */
export function unsubscribeLink(search: string): { tenant: string; enrollment: string } | null {
  const params = new URLSearchParams(search)
  const tenant = params.get('tenant')?.trim() ?? ''
  const enrollment = params.get('enrollment')?.trim() ?? ''
  return uuid.test(tenant) && uuid.test(enrollment) ? { tenant, enrollment } : null
}
