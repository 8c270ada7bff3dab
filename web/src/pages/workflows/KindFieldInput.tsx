import { Field } from '../../components/Field'
import { SelectField } from '../../components/SelectField'
import { TextAreaField } from '../../components/TextAreaField'
import { instantToLocal, localToInstant, viewerZone } from '../tasks/zonedTime'
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
  /** A step's place (0-based) and the number of steps, for fields that name another step. */
  stepIndex?: number
  stepCount?: number
}

/** The steps after `index` a branch may jump to, keeping a chosen one that no longer lies ahead (the server names it). */
export function stepTargets(index: number, count: number, value: number | null): { value: string; label: string }[] {
  const targets = [{ value: '', label: 'The next step' }]
  for (let k = index + 1; k < count; k++) targets.push({ value: String(k), label: `Step ${k + 1}` })
  if (value != null && !(value > index && value < count)) targets.push({ value: String(value), label: `Step ${value + 1} (not after this one)` })
  return targets
}

/** One field of a step or trigger, drawn from its description in stepKinds.ts / triggerKinds.ts. */
export function KindFieldInput({ field, values, errors, onChange, stepIndex = 0, stepCount = 0 }: Props) {
  const value = values[field.name]
  switch (field.kind) {
    case 'textarea':
      return (
        <TextAreaField label={field.label} hint={field.hint} errors={errors} value={String(value ?? '')}
          onChange={(e) => onChange(field.name, e.target.value)} />
      )
    case 'select':
      return (
        <SelectField label={field.label} options={field.optionsFor?.(values) ?? field.options ?? []} value={String(value ?? '')} errors={errors}
          onChange={(e) => onChange(field.name, e.target.value)} />
      )
    case 'step': {
      const target = value == null || value === '' ? null : Number(value)
      return (
        <SelectField label={field.label} options={stepTargets(stepIndex, stepCount, target)} value={target == null ? '' : String(target)}
          errors={errors} onChange={(e) => onChange(field.name, e.target.value === '' ? null : Number(e.target.value))} />
      )
    }
    case 'agent':
      return <AgentField field={field} value={String(value ?? '')} errors={errors} onChange={(v) => onChange(field.name, v)} />
    case 'datetime': {
      const zone = viewerZone(null)
      return (
        <Field label={field.label} type="datetime-local" value={value ? instantToLocal(String(value), zone) : ''} errors={errors}
          hint={`${field.hint ? `${field.hint} ` : ''}Your time zone: ${zone}.`}
          onChange={(e) => onChange(field.name, e.target.value ? localToInstant(e.target.value, zone) : null)} />
      )
    }
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
