import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rules of DESIGN.md are held by ESLint (import/no-restricted-paths in eslint.config.mjs). These cases
// lint small fixture sources under the real config, as if they were files at the given paths, and prove the rule
// fires for each forbidden direction (by alias and by relative path) and stays quiet for allowed imports.
const root = path.resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, filePath) });
  return result.messages.filter((m) => m.ruleId === 'import/no-restricted-paths').map((m) => m.message);
}

describe('layer rules (ESLint import/no-restricted-paths)', { timeout: 60_000 }, () => {
  it.each([
    ['lib/fixture.ts', `import { Button } from '@/components/ui/button';\nexport { Button };\n`, /lib\/ is the domain/],
    ['lib/hr/fixture.ts', `import Page from '../../app/page';\nexport { Page };\n`, /lib\/ is the domain/],
    [
      'db/fixture.ts',
      `import { FormError } from '@/lib/errors';\nexport { FormError };\n`,
      /db\/ is schema and client only/,
    ],
    ['components/fixture.tsx', `import { getDb } from '@/db/client';\nexport { getDb };\n`, /components\/ never query/],
    [
      'lib/directory-sync/fixture.ts',
      `import { displayName } from '@/lib/hr/people';\nexport { displayName };\n`,
      /over the HR API/,
    ],
    [
      'lib/directory-sync/engine/fixture.ts',
      `import { toScimUser } from '../../scim/mappers';\nexport { toScimUser };\n`,
      /over the HR API/,
    ],
    [
      'lib/directory-sync/fixture.ts',
      `import { ODataError } from '@/lib/hr-api/errors';\nexport { ODataError };\n`,
      /over the HR API/,
    ],
    [
      'lib/hr/fixture.ts',
      `import { defineStaffAction } from '@/lib/actions';\nexport { defineStaffAction };\n`,
      /defined at the edge/,
    ],
    [
      'lib/auth/fixture.ts',
      `import { listRoles } from '@/lib/hr/roles';\nexport { listRoles };\n`,
      /know no HR domain/,
    ],
  ])('%s may not import what line 1 imports', async (filePath, source, message) => {
    const errors = await layerErrors(filePath, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['lib/fixture.ts', `import { getDb } from '@/db/client';\nexport { getDb };\n`],
    ['lib/directory-sync/fixture.ts', `import { FormError } from '@/lib/errors';\nexport { FormError };\n`],
    ['components/fixture.tsx', `import { canUse } from '@/lib/auth/roles';\nexport { canUse };\n`],
    [
      'app/fixture.ts',
      `import { getDb } from '@/db/client';\nimport { Button } from '@/components/ui/button';\nexport { getDb, Button };\n`,
    ],
  ])('%s may import what it imports', async (filePath, source) => {
    expect(await layerErrors(filePath, source)).toEqual([]);
  });
});
