import { z } from 'zod';
import { zCheckbox } from '@/lib/form-fields';

export const MATCH_METHODS = ['internal_email', 'external_email', 'person_code', 'employment_id'] as const;
export type MatchMethod = (typeof MATCH_METHODS)[number];

/** Labels and hints for "Match User from Provider to Cezanne" (numbered 1–4 as in Cezanne's guide). */
export const MATCH_METHOD_LABELS: Record<MatchMethod, { label: string; hint: string }> = {
  internal_email: {
    label: 'Internal email',
    hint: "The Okta user's primary email equals the person's internal email.",
  },
  external_email: {
    label: 'External email',
    hint: "The Okta user's primary email equals the person's external email.",
  },
  person_code: {
    label: 'Person code',
    hint: "Okta's Employee Number must carry the person code. It is read only when the user is created.",
  },
  employment_id: {
    label: 'Employment ID',
    hint: "Okta's Employee Number must carry the employment ID. It is read only when the user is created.",
  },
};

export const USER_IDENTIFIERS = ['scim_username'] as const;
export const USER_IDENTIFIER_LABELS: Record<(typeof USER_IDENTIFIERS)[number], string> = {
  scim_username: 'SCIM Username',
};

export const scimSettingsSchema = z
  .object({
    matchMethod: z.enum(MATCH_METHODS, { error: 'Choose how to match users from the provider to people.' }),
    createSamlMappings: zCheckbox,
    identityProviderId: z
      .string()
      .optional()
      .transform((value) => (value ? value : null))
      .pipe(z.uuid({ error: 'Select an identity provider from the list.' }).nullable()),
    userIdentifier: z
      .enum(USER_IDENTIFIERS, { error: "Select 'SCIM Username' as the User Identifier." })
      .default('scim_username'),
  })
  .superRefine((value, ctx) => {
    if (value.createSamlMappings && !value.identityProviderId) {
      ctx.addIssue({
        code: 'custom',
        path: ['identityProviderId'],
        message: 'Select the Identity Provider that corresponds to your Okta identity provider.',
      });
    }
  });
export type ScimSettingsInput = z.infer<typeof scimSettingsSchema>;

export const scimEnabledSchema = z.object({ enabled: zCheckbox });
export const noInputSchema = z.object({});
