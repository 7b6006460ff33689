import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zCheckbox } from './form-fields';

describe('zCheckbox', () => {
  const form = z.object({ box: zCheckbox });
  it.each([
    ['on', true],
    ['true', true],
    ['1', true],
    [true, true],
    [undefined, false],
    [null, false],
    ['', false],
    ['off', false],
    ['false', false],
    ['0', false],
    [false, false],
  ])('%j → %s', (value, expected) => {
    expect(form.parse({ box: value })).toEqual({ box: expected });
  });

  it('refuses anything else with a message', () => {
    const result = form.safeParse({ box: 'yes please' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['box'], message: 'Tick the box or leave it clear.' });
  });
});
