'use client';
import { useEffect, useEffectEvent } from 'react';
import { toast } from 'sonner';
import type { ActionState } from '@/lib/actions';

/** Shows a toast for each new action result: success message or the form-level error. */
export function useActionToast(state: ActionState | undefined, success?: string) {
  useEffect(() => {
    if (!state) return;
    if (state.ok && (state.message ?? success)) toast.success(state.message ?? success);
    if (state.ok === false && state.formError) toast.error(state.formError);
  }, [state, success]);
}

/** Toasts the outcome of an action called directly (not through a form); returns whether it succeeded. */
export function reportResult(result: ActionState, success: string, failure = 'Nothing was changed.'): boolean {
  if (result.ok) toast.success(success);
  else toast.error(result.formError ?? failure);
  return Boolean(result.ok);
}

/**
 * For forms that close on success: runs `onSuccess` (which shows its own toast) once per successful result, and
 * toasts the form-level error otherwise. The latest callback is used without re-running the effect.
 */
export function useActionOutcome<T>(state: ActionState<T> | undefined, onSuccess: (data: T) => void) {
  const succeeded = useEffectEvent(onSuccess);
  useEffect(() => {
    if (state?.ok) succeeded(state.data as T);
    else if (state?.ok === false && state.formError) toast.error(state.formError);
  }, [state]);
}
