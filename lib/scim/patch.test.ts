import { describe, expect, it } from 'vitest';
import { ScimError } from './errors';
import { applyPatch, parsePatchPath, readPatchOperations } from './patch';
import { ENTERPRISE_USER_SCHEMA } from './schemas';

const user = () => ({
  id: 'u1',
  userName: 'a@x.test',
  active: true,
  name: { givenName: 'A', familyName: 'B' },
  emails: [{ value: 'a@x.test', type: 'work', primary: true }],
  [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '7' },
});
const ops = (...Operations: unknown[]) =>
  readPatchOperations({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

describe('PATCH paths', () => {
  it('parses attribute, sub-attribute, value filter and URN forms', () => {
    expect(parsePatchPath('active')).toMatchObject({ container: null, attr: 'active', filter: null, sub: null });
    expect(parsePatchPath('name.givenName')).toMatchObject({ attr: 'name', sub: 'givenName' });
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({
      attr: 'emails',
      sub: 'value',
      filter: { op: 'eq', attrPath: 'type' },
    });
    expect(parsePatchPath(`${ENTERPRISE_USER_SCHEMA}:employeeNumber`)).toMatchObject({
      container: ENTERPRISE_USER_SCHEMA,
      attr: 'employeeNumber',
    });
    expect(parsePatchPath('urn:ietf:params:scim:schemas:core:2.0:User:userName')).toMatchObject({
      container: null,
      attr: 'userName',
    });
    expect(() => parsePatchPath('emails[type eq')).toThrow(ScimError);
    expect(() => parsePatchPath('a.b.c')).toThrow(ScimError);
  });
});

describe('PATCH operations', () => {
  it('op names are case-insensitive (Entra sends "Replace"); a remove needs a path', () => {
    expect(ops({ op: 'Replace', path: 'active', value: 'False' })[0].op).toBe('replace');
    expect(() => ops({ op: 'remove' })).toThrow(expect.objectContaining({ scimType: 'noTarget' }));
    expect(() => ops({ op: 'copy', path: 'a', value: 1 })).toThrow(
      expect.objectContaining({ scimType: 'invalidSyntax' }),
    );
    expect(() => readPatchOperations({ Operations: [] })).toThrow(
      expect.objectContaining({ scimType: 'invalidSyntax' }),
    );
  });

  it("Okta's path-less value object; Entra's dotted and URN keys inside a value object", () => {
    const out = applyPatch(
      user(),
      ops({
        op: 'replace',
        value: { active: false, 'name.givenName': 'Z', [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: '9' },
      }),
    );
    expect(out).toMatchObject({
      active: false,
      name: { givenName: 'Z', familyName: 'B' },
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '9' },
    });
  });

  it('the extension container as a key of a value object merges its attributes', () => {
    const out = applyPatch(user(), ops({ op: 'add', value: { [ENTERPRISE_USER_SCHEMA]: { department: 'Ops' } } }));
    expect(out[ENTERPRISE_USER_SCHEMA]).toEqual({ employeeNumber: '7', department: 'Ops' });
  });

  it('value filters: replace the matching element, add one when none matches a sub-attribute path', () => {
    const replaced = applyPatch(
      user(),
      ops({ op: 'replace', path: 'emails[type eq "WORK"].value', value: 'b@x.test' }),
    );
    expect(replaced.emails).toEqual([{ value: 'b@x.test', type: 'work', primary: true }]);
    const added = applyPatch(
      { ...user(), emails: [] },
      ops({ op: 'replace', path: 'emails[type eq "work"].value', value: 'c@x.test' }),
    );
    expect(added.emails).toEqual([{ type: 'work', value: 'c@x.test' }]);
    expect(() =>
      applyPatch(user(), ops({ op: 'replace', path: 'emails[type eq "home"]', value: { value: 'h@x.test' } })),
    ).toThrow(expect.objectContaining({ scimType: 'noTarget' }));
  });

  it('remove with a value array removes only those members (Entra); members[value eq …] removes one', () => {
    const group = { id: 'g', members: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] };
    expect(applyPatch(group, ops({ op: 'Remove', path: 'members', value: [{ value: 'b' }] })).members).toEqual([
      { value: 'a' },
      { value: 'c' },
    ]);
    expect(applyPatch(group, ops({ op: 'remove', path: 'members[value eq "a"]' })).members).toEqual([
      { value: 'b' },
      { value: 'c' },
    ]);
    expect(applyPatch(group, ops({ op: 'remove', path: 'members' }))).not.toHaveProperty('members');
    expect(
      applyPatch(group, ops({ op: 'add', path: 'members', value: [{ value: 'c' }, { value: 'd' }] })).members,
    ).toHaveLength(4);
  });

  it('replace of a missing attribute acts as add; the input resource is not mutated', () => {
    const before = user();
    const out = applyPatch(before, ops({ op: 'replace', path: 'externalId', value: 'x' }));
    expect((out as Record<string, unknown>).externalId).toBe('x');
    expect(before).not.toHaveProperty('externalId');
  });
});
