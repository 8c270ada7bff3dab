import { useEffect, useRef, useState, type FormEvent } from 'react'
import {
  ApiError,
  describeError,
  financings,
  humanize,
  leadTypes,
  oneOf,
  leadsApi,
  stages,
  timelines,
  type Lead,
  type LeadInput,
} from '../api'
import { Alert } from '../components/Alert'
import { Field } from '../components/Field'
import { PageHeading } from '../components/PageHeading'
import { SelectField } from '../components/SelectField'
import { createIdempotencyKeys } from '../lib/idempotency'
import { Link, navigate } from '../router'

interface FormValues {
  firstName: string
  lastName: string
  email: string
  phone: string
  source: string
  type: string
  stage: string
  priceMin: string
  priceMax: string
  timeline: string
  financing: string
  zipCodes: string
  tags: string
  message: string
}

const empty: FormValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  source: 'manual',
  type: 'buyer',
  stage: 'new',
  priceMin: '',
  priceMax: '',
  timeline: '',
  financing: '',
  zipCodes: '',
  tags: '',
  message: '',
}

const labels: Record<keyof FormValues, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  source: 'Source',
  type: 'Type',
  stage: 'Stage',
  priceMin: 'Budget from',
  priceMax: 'Budget up to',
  timeline: 'Timeline',
  financing: 'Financing',
  zipCodes: 'ZIP codes',
  tags: 'Tags',
  message: 'First message',
}

function fromLead(lead: Lead): FormValues {
  return {
    firstName: lead.firstName ?? '',
    lastName: lead.lastName ?? '',
    email: lead.emails[0] ?? '',
    phone: lead.phones[0] ?? '',
    source: lead.source,
    type: lead.type,
    stage: lead.stage,
    priceMin: lead.priceMin == null ? '' : String(lead.priceMin),
    priceMax: lead.priceMax == null ? '' : String(lead.priceMax),
    timeline: lead.timeline ?? '',
    financing: lead.financing ?? '',
    zipCodes: lead.zipCodes.join(', '),
    tags: lead.tags.join(', '),
    message: '',
  }
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
const money = (text: string) => (text.trim() === '' ? null : Number(text.replace(/[$,\s]/g, '')))

/** The fields of `values` that differ from `base`, as the API wants them (all of them when there is no base). */
function toInput(values: FormValues, base: FormValues | null, original: Lead | null): LeadInput {
  const changed = (key: keyof FormValues) => !base || values[key] !== base[key]
  const input: LeadInput = {}
  if (changed('firstName')) input.firstName = values.firstName.trim() || null
  if (changed('lastName')) input.lastName = values.lastName.trim() || null
  // The form edits the first e-mail and phone; the others stay.
  if (changed('email')) input.emails = [values.email.trim(), ...(original?.emails.slice(1) ?? [])].filter(Boolean)
  if (changed('phone')) input.phones = [values.phone.trim(), ...(original?.phones.slice(1) ?? [])].filter(Boolean)
  if (!base) input.source = values.source.trim() || undefined
  if (changed('type')) input.type = oneOf(leadTypes, values.type)
  if (changed('stage')) input.stage = oneOf(stages, values.stage)
  if (changed('priceMin')) input.priceMin = money(values.priceMin)
  if (changed('priceMax')) input.priceMax = money(values.priceMax)
  if (changed('timeline')) input.timeline = oneOf(timelines, values.timeline) ?? null
  if (changed('financing')) input.financing = oneOf(financings, values.financing) ?? null
  if (changed('zipCodes')) input.zipCodes = list(values.zipCodes)
  if (changed('tags')) input.tags = list(values.tags)
  if (!base && values.message.trim()) input.message = values.message.trim()
  return input
}

interface Conflict {
  latest: Lead
  etag: string | null
  /** Fields someone else changed since this form was opened. */
  theirs: (keyof FormValues)[]
}

export function LeadFormPage({ id }: { id?: string }) {
  const editing = id !== undefined
  const [values, setValues] = useState<FormValues>(empty)
  const [original, setOriginal] = useState<Lead | null>(null)
  const [base, setBase] = useState<FormValues | null>(null)
  const [etag, setEtag] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, string[]>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const [busy, setBusy] = useState(false)
  const [loaded, setLoaded] = useState(!editing)
  // A new key per distinct body: after the server refuses a field, the corrected form is a new request.
  const idempotencyKeyFor = useRef(createIdempotencyKeys())
  const conflictRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!id) return
    leadsApi.get(id).then(
      ({ lead, etag }) => {
        const initial = fromLead(lead)
        setOriginal(lead)
        setBase(initial)
        setValues(initial)
        setEtag(etag)
        setLoaded(true)
      },
      (e: unknown) => setFailure(describeError(e)),
    )
  }, [id])

  useEffect(() => {
    if (conflict) conflictRef.current?.focus()
  }, [conflict])

  const set = (key: keyof FormValues) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }))

  const save = async (input: LeadInput, ifMatch: string | null) => {
    setBusy(true)
    setFailure(null)
    setErrors({})
    try {
      if (editing) {
        await leadsApi.update(id, input, ifMatch)
        navigate(`/leads/${id}`)
      } else {
        const lead = await leadsApi.create(input, idempotencyKeyFor.current(input))
        navigate(lead ? `/leads/${lead.id}` : '/leads')
      }
    } catch (e) {
      setBusy(false)
      if (editing && e instanceof ApiError && e.status === 412) {
        const latest = await leadsApi.get(id!)
        const now = fromLead(latest.lead)
        const theirs = (Object.keys(now) as (keyof FormValues)[]).filter((k) => base && now[k] !== base[k])
        setConflict({ latest: latest.lead, etag: latest.etag, theirs })
      } else if (e instanceof ApiError && e.status === 400 && e.problem.errors) {
        setErrors(normalise(e.fieldErrors))
        setFailure('Some fields need another look.')
      } else {
        setFailure(describeError(e))
      }
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const local: Record<string, string[]> = {}
    if (!values.email.trim() && !values.phone.trim()) local.email = ['Give an email or a phone number, so the lead can be reached.']
    for (const key of ['priceMin', 'priceMax'] as const) {
      const n = money(values[key])
      if (n !== null && (!Number.isFinite(n) || n < 0)) local[key] = ['A positive amount, e.g. 450000.']
    }
    if (Object.keys(local).length) {
      setErrors(local)
      setFailure('Some fields need another look.')
      return
    }
    void save(toInput(values, base, original), etag)
  }

  const keepMine = () => {
    if (!conflict) return
    const theirBase = fromLead(conflict.latest)
    setOriginal(conflict.latest)
    setEtag(conflict.etag)
    setConflict(null)
    // Re-apply only what this user changed, on top of the other person's version.
    void save(toInput(values, base, conflict.latest), conflict.etag).then(() => setBase(theirBase))
  }

  const takeTheirs = () => {
    if (!conflict) return
    const latest = fromLead(conflict.latest)
    setOriginal(conflict.latest)
    setBase(latest)
    setValues(latest)
    setEtag(conflict.etag)
    setConflict(null)
  }

  return (
    <div className="page form-page">
      <Link to={editing ? `/leads/${id}` : '/leads'} className="back-link">
        <span aria-hidden="true">←</span> {editing ? 'Back to the lead' : 'All leads'}
      </Link>
      <PageHeading>{editing ? 'Edit lead' : 'New lead'}</PageHeading>

      {conflict && (
        <div ref={conflictRef} tabIndex={-1} className="conflict card" role="alert" aria-labelledby="conflict-title">
          <h2 id="conflict-title" className="card-title">
            Someone else saved this lead while you were editing
          </h2>
          <p>
            Nothing is lost: your changes are still in the form.{' '}
            {conflict.theirs.length > 0 ? 'They changed:' : 'Their change does not touch the fields shown here.'}
          </p>
          {conflict.theirs.length > 0 && (
            <ul className="conflict-list">
              {conflict.theirs.map((k) => (
                <li key={k}>
                  <strong>{labels[k]}</strong>: now “{shown(k, fromLead(conflict.latest)[k])}”
                </li>
              ))}
            </ul>
          )}
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={keepMine}>
              Save my changes on top of theirs
            </button>
            <button type="button" className="button button-secondary" onClick={takeTheirs}>
              Discard mine, show theirs
            </button>
          </div>
        </div>
      )}
      {failure && <Alert tone="error">{failure}</Alert>}

      {!loaded ? (
        <div className="card skeleton-card" aria-busy="true" />
      ) : (
        <form className="card form lead-form" onSubmit={submit} noValidate aria-busy={busy}>
          <fieldset>
            <legend>Who</legend>
            <div className="form-grid">
              <Field label={labels.firstName} value={values.firstName} onChange={set('firstName')} autoComplete="off" errors={errors.firstName} />
              <Field label={labels.lastName} value={values.lastName} onChange={set('lastName')} autoComplete="off" errors={errors.lastName} />
              <Field label={labels.email} type="email" inputMode="email" value={values.email} onChange={set('email')} errors={errors.email ?? errors.emails} />
              <Field label={labels.phone} type="tel" inputMode="tel" value={values.phone} onChange={set('phone')} errors={errors.phone ?? errors.phones} />
            </div>
          </fieldset>
          <fieldset>
            <legend>What they want</legend>
            <div className="form-grid">
              <SelectField label={labels.type} options={leadTypes.map((t) => ({ value: t, label: humanize(t) }))} value={values.type} onChange={set('type')} errors={errors.type} />
              <SelectField label={labels.stage} options={stages.map((s) => ({ value: s, label: humanize(s) }))} value={values.stage} onChange={set('stage')} errors={errors.stage} />
              <Field label={labels.priceMin} inputMode="numeric" value={values.priceMin} onChange={set('priceMin')} errors={errors.priceMin} placeholder="e.g. 400000" />
              <Field label={labels.priceMax} inputMode="numeric" value={values.priceMax} onChange={set('priceMax')} errors={errors.priceMax} placeholder="e.g. 550000" />
              <SelectField label={labels.timeline} placeholder="Not known" options={timelines.map((t) => ({ value: t, label: humanize(t) }))} value={values.timeline} onChange={set('timeline')} errors={errors.timeline} />
              <SelectField label={labels.financing} placeholder="Not known" options={financings.map((f) => ({ value: f, label: humanize(f) }))} value={values.financing} onChange={set('financing')} errors={errors.financing} />
              <Field label={labels.zipCodes} value={values.zipCodes} onChange={set('zipCodes')} errors={errors.zipCodes} hint="Separate with commas." />
              <Field label={labels.tags} value={values.tags} onChange={set('tags')} errors={errors.tags} hint="Separate with commas." />
            </div>
          </fieldset>
          {!editing && (
            <fieldset>
              <legend>Where from</legend>
              <div className="form-grid">
                <Field label={labels.source} value={values.source} onChange={set('source')} errors={errors.source} hint="Website, zillow, open house, referral…" />
                <Field label={labels.message} value={values.message} onChange={set('message')} errors={errors.message} hint="Goes on the timeline." />
              </div>
            </fieldset>
          )}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Saving…' : editing ? 'Save changes' : 'Create lead'}
            </button>
            <Link to={editing ? `/leads/${id}` : '/leads'} className="button button-secondary">
              Cancel
            </Link>
          </div>
        </form>
      )}
    </div>
  )
}

/** A value as the form shows it: the closed lists read as words ("Under contract"), the rest as typed. */
function shown(key: keyof FormValues, value: string): string {
  if (!value) return '—'
  return key === 'type' || key === 'stage' || key === 'timeline' || key === 'financing' ? humanize(value) : value
}

/** `emails[0]` → `email`, `propertyAddress.zip` → `propertyAddress`: match the form's field names. */
function normalise(errors: Record<string, string[]>): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [key, messages] of Object.entries(errors)) {
    const name = key.replace(/\[\d+\]$/, '').replace(/^emails$/, 'email').replace(/^phones$/, 'phone')
    result[name] = [...(result[name] ?? []), ...messages]
  }
  return result
}
