import { z } from 'zod';
import { STAFF_ROLES } from './roles';

export const MIN_PASSWORD_LENGTH = 12;

const email = z.string().trim().min(1, 'Enter an email address.').max(254).pipe(z.email('Enter a valid email address.'));
const name = z.string().trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.');
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, 'Use at most 200 characters.');

export const ownerSetupSchema = z.object({
  companyName: z.string().trim().min(1, 'Enter the company name.').max(120, 'Use at most 120 characters.'),
  name,
  email,
  password,
});
export type OwnerSetupInput = z.infer<typeof ownerSetupSchema>;

export const signInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
});

export const newMemberSchema = z.object({
  name,
  email,
  role: z.enum(STAFF_ROLES, { error: 'Choose a role.' }),
});
export type NewMemberInput = z.infer<typeof newMemberSchema>;

export const changeRoleSchema = z.object({
  memberId: z.uuid('Unknown member.'),
  role: z.enum(STAFF_ROLES, { error: 'Choose a role.' }),
});

export const setDisabledSchema = z.object({
  memberId: z.uuid('Unknown member.'),
  disabled: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password.').max(200), newPassword: password, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match.' });
