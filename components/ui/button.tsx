'use client';
import { useFormStatus } from 'react-dom';
import { buttonClass, type ButtonVariant } from './button-class';

export { buttonClass, type ButtonVariant };

export function Button({
  variant = 'primary',
  className = '',
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type="button" className={buttonClass(variant, className)} {...props} />;
}

/** A submit button that shows progress while its form's action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = 'primary',
  className = '',
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { pendingLabel?: string; variant?: ButtonVariant }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending || props.disabled}
      aria-busy={pending}
      className={buttonClass(variant, className)}
      {...props}
    >
      {pending && (
        <span className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />
      )}
      {pending ? (pendingLabel ?? children) : children}
    </button>
  );
}

/** The footer of an inline editor form: submit with progress, and Cancel. */
export function FormActions({
  submitLabel,
  pendingLabel,
  onCancel,
}: {
  submitLabel: string;
  pendingLabel: string;
  onCancel: () => void;
}) {
  return (
    <div className="flex gap-2">
      <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
