import { z } from 'zod';
import { STAFF_ROLES } from './roles';

export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt reads only the first 72 bytes of a password: a longer one would be cut short without a word. */
export const MAX_PASSWORD_BYTES = 72;

const email = z
  .string()
  .trim()
  .min(1, 'Enter an email address.')
  .max(254)
  .pipe(z.email('Enter a valid email address.'));
const name = z.string().trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.');
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .refine((value) => Buffer.byteLength(value, 'utf8') <= MAX_PASSWORD_BYTES, {
    message: `Use at most ${MAX_PASSWORD_BYTES} bytes (letters such as é or emoji count as 2–4).`,
  });

export const ownerSetupSchema = z.object({
  setupCode: z.string().trim().min(1, 'Enter the setup code.').max(64, 'Enter the setup code.'),
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
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(200),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match.',
  });

export const changeNameSchema = z.object({ name });

export const memberIdSchema = z.object({ memberId: z.uuid('Unknown member.') });
