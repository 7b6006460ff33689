'use client';
import * as RadixDialog from '@radix-ui/react-dialog';
import { useRef } from 'react';

/**
 * A side panel (Radix Dialog): slides over the page from the right, full width on phones and `max-w-md` (or
 * `max-w-xl` with `size="lg"`) from `sm` up. Like `Dialog`, focus moves in (to the first form field, else the first
 * focusable element), is trapped, Escape or a click on the backdrop closes it, and focus returns to what had it before
 * it opened. Render it always and drive it with `open`; keep the form inside it keyed when it must start fresh.
 */
export function Sheet({
  open,
  onOpenChange,
  title,
  description,
  children,
  size = 'md',
  side = 'right',
  testId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: React.ReactNode;
  children?: React.ReactNode;
  size?: 'md' | 'lg';
  /** `left` for the phone navigation drawer; panels open on the right. */
  side?: 'left' | 'right';
  testId?: string;
}) {
  // Radix returns focus only to its own Trigger; panels are opened by plain buttons (often in a table row), so the
  // element that had focus when the panel opened gets it back.
  const returnFocusTo = useRef<HTMLElement | null>(null);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
        <RadixDialog.Content
          data-testid={testId}
          className={`fixed inset-y-0 ${side === 'left' ? 'left-0' : 'right-0'} z-50 flex w-full flex-col bg-white text-left whitespace-normal shadow-xl focus:outline-none ${size === 'lg' ? 'sm:max-w-xl' : 'sm:max-w-md'}`}
          {...(description ? {} : { 'aria-describedby': undefined })}
          onOpenAutoFocus={(event) => {
            returnFocusTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
            const content = event.currentTarget as HTMLElement | null;
            const field = content?.querySelector<HTMLElement>(
              'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])',
            );
            if (field) {
              event.preventDefault();
              field.focus();
            }
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            if (returnFocusTo.current?.isConnected) returnFocusTo.current.focus();
          }}
        >
          <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
            <div className="min-w-0 space-y-1">
              <RadixDialog.Title className="text-lg font-semibold text-slate-900">{title}</RadixDialog.Title>
              {description && (
                <RadixDialog.Description className="text-sm text-slate-600">{description}</RadixDialog.Description>
              )}
            </div>
            <RadixDialog.Close
              className="-mr-1 rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
              aria-label="Close"
            >
              <svg viewBox="0 0 20 20" fill="currentColor" className="size-5" aria-hidden>
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </RadixDialog.Close>
          </div>
          <div className="flex-1 overflow-y-auto px-5 py-4">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
