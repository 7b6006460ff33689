import { describe, expect, it } from 'vitest';
import { listJson, toDirectoryGroup, type GroupRow } from './mappers';

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
describe('listJson', () => {
  it('wraps items that are JSON text already in the list envelope', () => {
    const item = JSON.stringify(toDirectoryGroup(group));
    const list = JSON.parse(listJson([item, item], { before: null, after: 'x' }));
    expect(list).toEqual({
      object: 'list',
      data: [toDirectoryGroup(group), toDirectoryGroup(group)].map((g) => JSON.parse(JSON.stringify(g))),
      list_metadata: { before: null, after: 'x' },
    });
  });
});
