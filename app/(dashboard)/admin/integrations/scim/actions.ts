'use server';
import { revalidatePath } from 'next/cache';
import { staffAction, type ActionInput, type ActionState } from '@/lib/actions';
import { forgetScimAuth } from '@/lib/scim/settings';
import {
  generateScimTokenSpec,
  generateToken,
  saveScimSettings,
  saveScimSettingsSpec,
  setScimEnabledSpec,
  switchScim,
} from '@/lib/scim/settings-actions';

const PAGE = '/admin/integrations/scim';

/** After the action's transaction has committed, drop the SCIM token check's cached settings (see forgetScimAuth). */
function thenForget<R>(action: (prev: ActionState<R> | undefined, input: ActionInput) => Promise<ActionState<R>>) {
  return async (prev: ActionState<R> | undefined, input: ActionInput) => {
    const result = await action(prev, input);
    forgetScimAuth();
    return result;
  };
}

export const saveScimSettingsAction = thenForget(staffAction(saveScimSettingsSpec, async (input, ctx) => {
  const result = await saveScimSettings(input, ctx);
  revalidatePath(PAGE);
  return result;
}));

export const setScimEnabledAction = thenForget(staffAction(setScimEnabledSpec, async (input, ctx) => {
  const result = await switchScim(input, ctx);
  revalidatePath(PAGE);
  return result;
}));

export const generateScimTokenAction = thenForget(staffAction(generateScimTokenSpec, async (input, ctx) => {
  const result = await generateToken(input, ctx);
  revalidatePath(PAGE);
  return result;
}));
