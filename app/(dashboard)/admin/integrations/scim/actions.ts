'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/actions';
import {
  generateScimTokenSpec,
  generateToken,
  saveScimSettings,
  saveScimSettingsSpec,
  setScimEnabledSpec,
  switchScim,
} from '@/lib/scim/settings-actions';

const PAGE = '/admin/integrations/scim';

export const saveScimSettingsAction = staffAction(saveScimSettingsSpec, async (input, ctx) => {
  const result = await saveScimSettings(input, ctx);
  revalidatePath(PAGE);
  return result;
});

export const setScimEnabledAction = staffAction(setScimEnabledSpec, async (input, ctx) => {
  const result = await switchScim(input, ctx);
  revalidatePath(PAGE);
  return result;
});

export const generateScimTokenAction = staffAction(generateScimTokenSpec, async (input, ctx) => {
  const result = await generateToken(input, ctx);
  revalidatePath(PAGE);
  return result;
});
