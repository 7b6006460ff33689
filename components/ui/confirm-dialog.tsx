'use client';
import { useState } from 'react';
import { Button, type ButtonVariant } from './button';
import { Dialog } from './dialog';

type ConfirmProps = {
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  variant?: ButtonVariant;
};

/** A confirmation in a modal dialog, opened by its caller (e.g. before a switch applies a far-reaching change). */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  variant = 'danger',
}: ConfirmProps & { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(next) => !busy && onOpenChange(next)} title={title} description={description}>
      <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
          Cancel
        </Button>
        <Button
          variant={variant}
          disabled={busy}
          aria-busy={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
              onOpenChange(false);
            }
          }}
        >
          {busy ? 'Working…' : confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}

/** A button that asks for confirmation in a modal dialog before running `onConfirm`. */
export function ConfirmButton({
  label,
  disabled,
  variant = 'danger',
  ...confirm
}: ConfirmProps & { label: string; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant === 'danger' ? 'secondary' : variant} onClick={() => setOpen(true)} disabled={disabled}>
        {label}
      </Button>
      <ConfirmDialog open={open} onOpenChange={setOpen} variant={variant} {...confirm} />
    </>
  );
}
