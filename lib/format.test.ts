import { describe, expect, it } from 'vitest';
import { utcMinute } from './format';

describe('utcMinute', () => {
  it('shows a moment to the minute in UTC', () => {
    expect(utcMinute(new Date('2026-11-27T21:40:59.999Z'))).toBe('2026-11-27 21:40 UTC');
  });
});
