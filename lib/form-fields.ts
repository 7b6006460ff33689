import { z } from 'zod';

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
