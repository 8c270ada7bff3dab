import { useId, type SelectHTMLAttributes } from 'react'

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string
  options: readonly { value: string; label: string }[]
  /** Label of an empty first option ("Any stage"); omitted when the field must have a value. */
  placeholder?: string
  errors?: string[]
}

/** A labelled native select (keyboard and screen-reader friendly by default). */
export function SelectField({ label, options, placeholder, errors, className, ...select }: SelectFieldProps) {
  const id = useId()
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div className={['field', errorId ? 'field-invalid' : '', className ?? ''].join(' ').trim()}>
      <label htmlFor={id}>{label}</label>
      <div className="field-control">
        <select id={id} aria-invalid={errorId ? true : undefined} aria-describedby={errorId} {...select}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {errorId && (
        <ul id={errorId} className="field-errors">
          {errors!.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
