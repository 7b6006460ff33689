import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './handler';

describe('JSON nesting limit', () => {
  it('counts arrays and objects, not brackets inside strings or after escaped quotes', () => {
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonDepthExceeds(`{"s":"${'['.repeat(100)}"}`, 2)).toBe(false);
    expect(jsonDepthExceeds(`{"s":"\\"${'{'.repeat(100)}"}`, 2)).toBe(false);
    expect(jsonDepthExceeds(`{"s":"\\\\"${',"t":[[['}`, 3)).toBe(true);
  });

  it('a real SCIM PATCH from Entra stays well under the limit', () => {
    const patch = {
      schemas: ['x'],
      Operations: [{ op: 'Add', path: 'emails[type eq "work"].value', value: [{ value: 'a@b', primary: true }] }],
    };
    expect(jsonDepthExceeds(JSON.stringify(patch), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(
      true,
    );
  });
});
