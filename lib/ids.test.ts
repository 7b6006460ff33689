import { describe, expect, it } from 'vitest';
import { isUuid } from './ids';

describe('isUuid', () => {
  it('accepts a canonical UUID in either case', () => {
    expect(isUuid('0b6f3c1e-2f4a-4c8e-9d3b-5a7e1f2c3d4e')).toBe(true);
    expect(isUuid('0B6F3C1E-2F4A-4C8E-9D3B-5A7E1F2C3D4E')).toBe(true);
  });

  it('refuses 36 characters that are not in the 8-4-4-4-12 shape (PostgreSQL would reject them with an error)', () => {
    expect(isUuid('-'.repeat(36))).toBe(false);
    expect(isUuid('0b6f3c1e2f4a4c8e9d3b5a7e1f2c3d4e----')).toBe(false);
    expect(isUuid('0b6f3c1e-2f4a-4c8e-9d3b-5a7e1f2c3d4')).toBe(false);
  });
});
