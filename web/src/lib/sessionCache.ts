/**
 * One answer per signed-in session: the same session shares one request, and another session (a sign-out and a
 * different user signing in, in the same tab: the app does not reload) never sees the previous one's answer.
 */
export class SessionCache<T> {
  private entry: { session: string; answer: Promise<T> } | null = null

  get(session: string, load: () => Promise<T>): Promise<T> {
    if (this.entry?.session !== session) {
      const entry = { session, answer: load() }
      // A failure is not kept: the next caller asks again.
      entry.answer.catch(() => {
        if (this.entry === entry) this.entry = null
      })
      this.entry = entry
    }
    return this.entry.answer
  }
}
