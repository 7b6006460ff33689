import { describe, expect, it } from 'vitest';
import {
  directoryUserJson,
  directoryUsersJson,
  listJson,
  toDirectoryGroup,
  type GroupRow,
  type UserRow,
} from './mappers';

const at = new Date('2026-01-15T12:00:00.123Z');
const group: GroupRow = {
  id: 'directory_group_01E1JJS84MFPPQ3G655FHTKX6Z',
  idpId: 'dept-12',
  directoryId: 'directory_01ECAZ4NV9QMV47GW873HDCX74',
  organizationId: 'org_01EZTR6WYX1A0DSE2CYMGXQ24Y',
  name: 'R&D "Labs" ✓',
  rawAttributes: {},
  createdAt: at,
  updatedAt: at,
};
const user: UserRow = {
  id: 'directory_user_01E1JG7J09H96KYP8HM9B0G5SJ',
  directoryId: group.directoryId,
  organizationId: group.organizationId,
  idpId: '2836',
  email: 'marcelina.davis@example.com',
  firstName: 'Marcelina "M"\n',
  lastName: 'Dávis</script>',
  name: null,
  emailsJson: '[{"type": "work", "value": "marcelina.davis@example.com", "primary": true}]',
  username: null,
  jobTitle: 'Engineer\\',
  state: 'active',
  customAttributesJson: '{"department_name": "Engineering", "manager_email": null}',
  rawAttributesJson: '{}',
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
};

describe('directoryUserJson', () => {
  it('is valid JSON with every field of the WorkOS directory user, any text escaped', () => {
    expect(JSON.parse(directoryUserJson(user, [JSON.stringify(toDirectoryGroup(group))]))).toEqual({
      object: 'directory_user',
      id: user.id,
      directory_id: user.directoryId,
      organization_id: user.organizationId,
      idp_id: '2836',
      email: 'marcelina.davis@example.com',
      first_name: 'Marcelina "M"\n',
      last_name: 'Dávis</script>',
      name: null,
      emails: [{ primary: true, type: 'work', value: 'marcelina.davis@example.com' }],
      username: null,
      job_title: 'Engineer\\',
      state: 'active',
      custom_attributes: { department_name: 'Engineering', manager_email: null },
      raw_attributes: {},
      groups: [
        {
          object: 'directory_group',
          id: group.id,
          idp_id: 'dept-12',
          directory_id: group.directoryId,
          organization_id: group.organizationId,
          name: 'R&D "Labs" ✓',
          raw_attributes: {},
          created_at: '2026-01-15T12:00:00.123Z',
          updated_at: '2026-01-15T12:00:00.123Z',
        },
      ],
      created_at: '2026-01-15T12:00:00.123Z',
      updated_at: '2026-01-15T12:00:00.123Z',
    });
  });

  it('always carries groups, and a list envelope around users', () => {
    const text = listJson(
      directoryUsersJson([
        { ...user, groups: [] },
        { ...user, id: 'directory_user_2', groups: [group, group] },
      ]),
      { before: null, after: 'x' },
    );
    const list = JSON.parse(text);
    expect(list.object).toBe('list');
    expect(list.list_metadata).toEqual({ before: null, after: 'x' });
    expect(list.data.map((u: { groups: unknown[] }) => u.groups.length)).toEqual([0, 2]);
  });
});
