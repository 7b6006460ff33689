'use client';
import { useId } from 'react';

/** A native checkbox shown as a switch (role="switch"): keyboard, labels and forms work as for any checkbox. */
export function Switch({
  label,
  description,
  ...props
}: { label: string; description?: React.ReactNode } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  'type' | 'role'
>) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <span className="relative mt-0.5 inline-flex h-6 w-11 shrink-0">
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-describedby={description ? `${id}-desc` : undefined}
          className="peer absolute inset-0 z-10 h-full w-full cursor-pointer opacity-0 disabled:cursor-not-allowed"
          {...props}
        />
        <span
          aria-hidden
          className="pointer-events-none h-6 w-11 rounded-full bg-slate-300 transition-colors peer-checked:bg-brand-600 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-2 peer-disabled:opacity-60"
        />
        <span
          aria-hidden
          className="pointer-events-none absolute left-0.5 top-0.5 size-5 rounded-full bg-white shadow transition-transform peer-checked:translate-x-5"
        />
      </span>
      <span className="space-y-0.5">
        <label htmlFor={id} className="block cursor-pointer text-sm font-medium text-slate-800">
          {label}
        </label>
        {description && (
          <span id={`${id}-desc`} className="block text-xs text-slate-500">
            {description}
          </span>
        )}
      </span>
    </div>
  );
}
