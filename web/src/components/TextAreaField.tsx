import { useId, type TextareaHTMLAttributes } from 'react'

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string
  hint?: string
  /** Messages to show under the text area; it is marked invalid while there are any. */
  errors?: string[]
}

/** A labelled text area of several lines whose hint and errors are tied to it for screen readers (like Field). */
export function TextAreaField({ label, hint, errors, rows = 6, ...textarea }: TextAreaFieldProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div className={['field', errorId ? 'field-invalid' : ''].join(' ').trim()}>
      <label htmlFor={id}>{label}</label>
      <div className="field-control">
        <textarea id={id} rows={rows} aria-invalid={errorId ? true : undefined}
          aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined} {...textarea} />
      </div>
      {errorId && (
        <ul id={errorId} className="field-errors">
          {errors!.map((m) => <li key={m}>{m}</li>)}
        </ul>
      )}
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
    </div>
  )
}
