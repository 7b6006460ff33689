import { useId } from 'react';

type FieldProps = { label: string; name: string; error?: string; hint?: React.ReactNode };

/**
 * A field's label; a required field (the `required` attribute, which screen readers announce) gets a red asterisk
 * that is only visual, outside the `<label>`, so the field's name stays the label text.
 */
function FieldLabel({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <div className="flex items-baseline gap-0.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {required && (
        <span aria-hidden className="text-sm font-medium text-red-700">
          *
        </span>
      )}
    </div>
  );
}

/** Explains the asterisk, once per form that marks required fields. */
export function RequiredNote() {
  return (
    <p className="text-xs text-slate-600">
      Fields marked <span className="font-medium text-red-700">*</span> are required.
    </p>
  );
}

const inputClass =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500';

export function TextField({
  label,
  name,
  error,
  hint,
  ...props
}: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="space-y-1">
      <FieldLabel id={id} label={label} required={props.required} />
      <input
        id={id}
        name={name}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
        {...props}
      />
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-600" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextAreaField({
  label,
  name,
  error,
  hint,
  ...props
}: FieldProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="space-y-1">
      <FieldLabel id={id} label={label} required={props.required} />
      <textarea
        id={id}
        name={name}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${inputClass} font-mono`}
        {...props}
      />
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-600" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  children,
  ...props
}: FieldProps & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="space-y-1">
      <FieldLabel id={id} label={label} required={props.required} />
      <select
        id={id}
        name={name}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
        {...props}
      >
        {children}
      </select>
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-600" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div
      data-testid="form-alert"
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-inset ring-red-200"
    >
      {message}
    </div>
  );
}
