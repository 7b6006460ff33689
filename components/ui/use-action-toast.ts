'use client';
import { useEffect, useEffectEvent } from 'react';
import { toast } from 'sonner';
import type { ActionState } from '@/lib/actions';

/**
 * After a validation error, focus goes to the first invalid field (in the open dialog or panel, if any), once React
 * has rendered the errors. `aria-invalid` is set by the fields in `field.tsx`.
 */
export function focusFirstInvalidField() {
  requestAnimationFrame(() => {
    const field =
      document.querySelector<HTMLElement>('[role=dialog] [aria-invalid=true]') ??
      document.querySelector<HTMLElement>('main [aria-invalid=true]');
    field?.focus();
  });
}

/** A new outcome replaces the toasts of earlier ones, so a stale error never stands beside a fresh success. */
function showOutcome(kind: 'success' | 'error', message: string) {
  toast.dismiss();
  toast[kind](message);
}

function hasFieldErrors(state: ActionState<unknown>) {
  return state.ok === false && Object.keys(state.fieldErrors ?? {}).length > 0;
}

/** Shows a toast for each new action result: success message or the form-level error. */
export function useActionToast(state: ActionState | undefined, success?: string) {
  useEffect(() => {
    if (!state) return;
    const message = state.ok ? (state.message ?? success) : undefined;
    if (message) showOutcome('success', message);
    if (state.ok === false && state.formError) showOutcome('error', state.formError);
    if (hasFieldErrors(state)) focusFirstInvalidField();
  }, [state, success]);
}

/** Toasts the outcome of an action called directly (not through a form); returns whether it succeeded. */
export function reportResult(result: ActionState, success: string, failure = 'Nothing was changed.'): boolean {
  if (result.ok) showOutcome('success', success);
  else showOutcome('error', result.formError ?? failure);
  return Boolean(result.ok);
}

/**
 * For forms that close on success: runs `onSuccess` (which shows its own toast) once per successful result, and
 * toasts the form-level error otherwise. The latest callback is used without re-running the effect.
 */
export function useActionOutcome<T>(state: ActionState<T> | undefined, onSuccess: (data: T) => void) {
  const succeeded = useEffectEvent(onSuccess);
  useEffect(() => {
    if (state?.ok) {
      toast.dismiss();
      succeeded(state.data as T);
    } else if (state?.ok === false) {
      if (state.formError) showOutcome('error', state.formError);
      if (hasFieldErrors(state)) focusFirstInvalidField();
    }
  }, [state]);
}
