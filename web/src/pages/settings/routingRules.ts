import type { AssignmentRule } from '../../api'

/** A rule as the form edits it: text boxes, turned into the API's rule by {@link toRule}. */
export interface RuleDraft {
  name: string
  source: string
  zipCodes: string
  agentId: string
}

export const emptyDraft: RuleDraft = { name: '', source: '', zipCodes: '', agentId: '' }

/** The form's errors for one draft, or a rule ready to save. ZIP codes: five digits each, separated by commas or spaces. */
export function toRule(draft: RuleDraft): { rule: AssignmentRule } | { errors: Partial<Record<keyof RuleDraft, string>> } {
  const errors: Partial<Record<keyof RuleDraft, string>> = {}
  const zips = draft.zipCodes.split(/[\s,]+/).filter(Boolean)
  if (zips.some((z) => !/^\d{5}$/.test(z))) errors.zipCodes = 'ZIP codes have five digits each.'
  if (!draft.agentId) errors.agentId = 'Choose who gets the matching leads.'
  if (!draft.source.trim() && zips.length === 0) errors.source = 'Give a source or ZIP codes: a rule without either matches every lead.'
  if (Object.keys(errors).length > 0) return { errors }
  return {
    rule: {
      name: draft.name.trim() || null,
      source: draft.source.trim().toLowerCase() || null,
      zipCodes: zips.length > 0 ? zips : null,
      priceMin: null,
      priceMax: null,
      type: null,
      agentId: draft.agentId,
    },
  }
}

/** One line saying what a rule does: "source zillow, ZIP 60614/60657 → Ann Agent". */
export function describeRule(rule: AssignmentRule, agentName: (id: string) => string): string {
  const parts = [
    rule.source ? `source ${rule.source}` : null,
    rule.zipCodes?.length ? `ZIP ${rule.zipCodes.join('/')}` : null,
    rule.type ? `type ${rule.type}` : null,
    rule.priceMin != null || rule.priceMax != null ? `price ${rule.priceMin ?? ''}–${rule.priceMax ?? ''}` : null,
  ].filter(Boolean)
  return `${parts.length ? parts.join(', ') : 'every lead'} → ${agentName(rule.agentId)}`
}

/** The list with the rule at `index` moved one place up (-1) or down (+1); first match wins, so order matters. */
export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by
  if (to < 0 || to >= list.length) return [...list]
  const next = [...list]
  ;[next[index], next[to]] = [next[to], next[index]]
  return next
}
