import { z } from 'zod';
import { FormError } from '@/lib/errors';

const CHECKED = ['on', 'true', '1'] as const;
const UNCHECKED = ['off', 'false', '0', ''] as const;

/**
 * A checkbox or switch: a browser sends 'on' when it is ticked and nothing when it is not; buttons and tests send
 * booleans or 'true'/'false'. Anything else is an error, not a silent "no".
 */
export const zCheckbox = z
  .union([z.boolean(), z.enum([...CHECKED, ...UNCHECKED])], { error: 'Tick the box or leave it clear.' })
  .nullish()
  .transform((value) => value === true || (CHECKED as readonly unknown[]).includes(value));

/**
 * For lib functions called by forms and APIs alike: the parsed input, or a FormError with the first message and one
 * message per top-level field (what forms show beside their fields).
 */
export function parseOrFormError<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? '_form')] ??= issue.message;
  throw new FormError(parsed.error.issues[0].message, fieldErrors);
}
