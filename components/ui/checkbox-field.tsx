import { useId } from 'react';

/** A labelled checkbox; submits "on" when ticked, nothing when not. */
export function CheckboxField({
  label,
  name,
  hint,
  error,
  ...props
}: {
  label: string;
  name: string;
  hint?: React.ReactNode;
  error?: string;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          className="size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
          aria-describedby={hint ? `${id}-hint` : undefined}
          {...props}
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {label}
        </label>
      </div>
      {hint && !error && (
        <p id={`${id}-hint`} className="pl-6 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p className="pl-6 text-xs text-red-600" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}
