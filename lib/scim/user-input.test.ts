import { describe, expect, it } from 'vitest';
import { ENTERPRISE_USER_SCHEMA, ROSTER_USER_SCHEMA } from './schemas';
import { chooseRole, readBoolean, readUserInput } from './user-input';

describe('reading a SCIM User body', () => {
  it('"True"/"False" strings are booleans (Entra); anything else is invalidValue', () => {
    expect(readBoolean('False', 'active')).toBe(false);
    expect(readBoolean(' true ', 'active')).toBe(true);
    expect(() => readBoolean('no', 'active')).toThrow(expect.objectContaining({ scimType: 'invalidValue' }));
  });

  it('the account email is the primary one, else the work one, else the first; an empty list clears it', () => {
    expect(
      readUserInput({
        emails: [
          { value: 'h@x.test', type: 'home' },
          { value: 'w@x.test', type: 'work' },
        ],
      }).email,
    ).toBe('w@x.test');
    expect(
      readUserInput({
        emails: [
          { value: 'w@x.test', type: 'work' },
          { value: 'p@x.test', primary: true },
        ],
      }).email,
    ).toBe('p@x.test');
    expect(readUserInput({ emails: [] }).email).toBeNull();
    expect(readUserInput({}).email).toBeUndefined();
  });

  it('reads employeeNumber from the enterprise extension and the role from the extension and roles[] (attribute names in any case)', () => {
    const input = readUserInput({
      UserName: ' a@x.test ',
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: 42 },
      [ROSTER_USER_SCHEMA]: { role: 'Manager' },
      roles: [{ value: 'Employee' }],
    });
    expect(input).toMatchObject({
      userName: 'a@x.test',
      employeeNumber: '42',
      roleCandidates: ['Manager', 'Employee'],
    });
  });

  it('role choice: a named role that differs from the current one is the change; cleared only when all are empty', () => {
    expect(chooseRole(['Manager', 'Employee'], 'Manager')).toBe('Employee');
    expect(chooseRole(['Manager', 'Manager'], 'Manager')).toBe('Manager');
    expect(chooseRole([null, 'Manager'], 'Manager')).toBe('Manager');
    expect(chooseRole([null, null], 'Manager')).toBeNull();
    expect(chooseRole(['Employee'], null)).toBe('Employee');
  });
});
