import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDb } from '@/db/client';
import { departments, employments, people, roles, userAccounts } from '@/db/schema';
import { eq, and } from 'drizzle-orm';

export function uniqueCode(prefix = 'P') {
  return `${prefix}${randomUUID().slice(0, 8).toUpperCase()}`;
}

/** Inserts a person directly (no domain rules), for tests that need data around them. */
export async function insertPerson(tenantId: string, overrides: Partial<typeof people.$inferInsert> = {}) {
  const code = overrides.personCode ?? uniqueCode();
  const [person] = await getDb()
    .insert(people)
    .values({
      tenantId,
      personCode: code,
      givenName: 'Test',
      familyName: `Person ${code}`,
      internalEmail: `${code.toLowerCase()}@example.test`,
      ...overrides,
    })
    .returning();
  return person;
}

export async function insertEmployment(
  tenantId: string,
  personId: string,
  overrides: Partial<typeof employments.$inferInsert> = {},
) {
  const [row] = await getDb()
    .insert(employments)
    .values({
      tenantId,
      personId,
      employmentId: uniqueCode('E'),
      startDate: '2020-01-01',
      isPrimary: true,
      ...overrides,
    })
    .returning();
  return row;
}

export async function insertDepartment(tenantId: string, name = `Dept ${randomUUID().slice(0, 6)}`) {
  const [row] = await getDb()
    .insert(departments)
    .values({ tenantId, name, code: name.toUpperCase().replace(/[^A-Z0-9]+/g, '-') })
    .returning();
  return row;
}

/** A user account as SCIM would create it (SCIM itself is another area). */
export async function insertUserAccount(
  tenantId: string,
  personId: string,
  overrides: Partial<typeof userAccounts.$inferInsert> = {},
) {
  const [employee] = await getDb()
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), eq(roles.originalName, 'Employee')));
  const [row] = await getDb()
    .insert(userAccounts)
    .values({
      tenantId,
      personId,
      userName: `${uniqueCode('u').toLowerCase()}@example.test`,
      externalId: `00u${randomUUID().slice(0, 12)}`,
      roleId: employee?.id,
      ...overrides,
    })
    .returning();
  return row;
}

/** A real self-signed X.509 certificate made by openssl (PEM), valid for `days`. */
export function generateCertificate(days = 365, commonName = 'Test IdP'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        String(days),
        '-subj',
        `/CN=${commonName}`,
      ],
      { stdio: 'ignore' },
    );
    return readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
