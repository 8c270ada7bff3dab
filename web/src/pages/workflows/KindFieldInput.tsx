import { useId } from 'react'
import { Field } from '../../components/Field'
import { SelectField } from '../../components/SelectField'
import { AgentField } from './AgentField'
import type { KindField, KindValues } from './kindFields'

const units = [
  { value: '1', label: 'minutes' },
  { value: '60', label: 'hours' },
  { value: '1440', label: 'days' },
] as const

/** The largest unit that divides the amount exactly, so 1440 shows as "1 days" and 90 as "90 minutes". */
function unitOf(minutes: number): number {
  if (minutes > 0 && minutes % 1440 === 0) return 1440
  if (minutes > 0 && minutes % 60 === 0) return 60
  return 1
}

interface Props {
  field: KindField
  values: KindValues
  errors?: string[]
  onChange: (name: string, value: string | number | null) => void
}

/** One field of a step or trigger, drawn from its description in stepKinds.ts / triggerKinds.ts. */
export function KindFieldInput({ field, values, errors, onChange }: Props) {
  const id = useId()
  const value = values[field.name]
  switch (field.kind) {
    case 'textarea':
      return (
        <div className={['field', errors?.length ? 'field-invalid' : ''].join(' ').trim()}>
          <label htmlFor={id}>{field.label}</label>
          <div className="field-control">
            <textarea id={id} rows={6} value={String(value ?? '')} aria-invalid={errors?.length ? true : undefined}
              aria-describedby={errors?.length ? `${id}-error` : undefined} onChange={(e) => onChange(field.name, e.target.value)} />
          </div>
          {errors?.length ? (
            <ul id={`${id}-error`} className="field-errors">
              {errors.map((m) => <li key={m}>{m}</li>)}
            </ul>
          ) : null}
          {field.hint && <p className="field-hint">{field.hint}</p>}
        </div>
      )
    case 'select':
      return (
        <SelectField label={field.label} options={field.options ?? []} value={String(value ?? '')} errors={errors}
          onChange={(e) => onChange(field.name, e.target.value)} />
      )
    case 'agent':
      return <AgentField field={field} value={String(value ?? '')} errors={errors} onChange={(v) => onChange(field.name, v)} />
    case 'number':
      return (
        <Field label={field.label} type="number" min={field.min} max={field.max} value={value == null ? '' : String(value)} errors={errors}
          hint={field.hint} onChange={(e) => onChange(field.name, e.target.value === '' ? null : Number(e.target.value))} />
      )
    case 'minutes': {
      const minutes = value == null || value === '' ? null : Number(value)
      const unit = unitOf(minutes ?? 0)
      return (
        <div className="minutes-field">
          <Field label={field.label} type="number" min={0} value={minutes == null ? '' : String(minutes / unit)} errors={errors}
            hint={field.hint}
            onChange={(e) => onChange(field.name, e.target.value === '' ? null : Math.round(Number(e.target.value) * unit))} />
          <SelectField label={`${field.label}: unit`} options={units} value={String(unit)}
            onChange={(e) => minutes != null && onChange(field.name, (minutes / unit) * Number(e.target.value))} />
        </div>
      )
    }
    default:
      return (
        <Field label={field.label} value={String(value ?? '')} errors={errors} hint={field.hint}
          onChange={(e) => onChange(field.name, e.target.value)} />
      )
  }
}
