import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { AUDIT_PAGE_SIZE, auditCsvRows, listAuditPage, parseAuditQuery } from '@/lib/audit-log';
import { csvCell, csvLine } from '@/lib/csv-export';
import { saveIdentityProvider } from '@/lib/hr/identity-providers';
import { withSession } from '@/tests/support/action-session';
import { createStaff, createTenant } from '@/tests/support/factories';
import { generateCertificate, insertPerson } from '@/tests/support/hr-factories';
import { insertOrganization } from '@/tests/support/directory-factories';
import { GET as exportAuditLog } from '@/app/(dashboard)/admin/audit-log/export/route';

vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

const query = (params: Record<string, string> = {}) => parseAuditQuery(params);

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** Calls the export route as `staff`, like a browser with that session. */
function exportAs(staff: Awaited<ReturnType<typeof createStaff>> | null, search: string) {
  return withSession(staff, () => exportAuditLog(new Request(`http://roster.test/admin/audit-log/export${search}`)));
}

describe('audit log: entries in words, filters, paging, CSV', () => {
  it('describes entries with names and links: "Hannah Hr turned on SAML SSO mappings (Okta Test)"', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const { identityProvider } = await saveIdentityProvider(getDb(), tenant.id, {
      identityProviderId: null,
      name: 'Okta Test',
      entityId: 'http://www.okta.com/exk9',
      ssoUrl: 'https://corp.okta.com/app/sso/saml',
      certificate: generateCertificate(300, 'Okta Test'),
    });
    const person = await insertPerson(tenant.id);
    const actor = { id: hr.id, email: hr.email };
    await writeAudit(getDb(), tenant.id, actor, {
      action: 'scim.settings_updated',
      target: 'SCIM',
      details: {
        createSamlMappings: { from: false, to: true },
        identityProviderId: { from: null, to: identityProvider.id },
      },
    });
    await writeAudit(getDb(), tenant.id, actor, { action: 'person.updated', target: person.personCode });
    await writeAudit(getDb(), tenant.id, actor, { action: 'person.deleted', target: 'GONE-1' });

    const organization = await insertOrganization(tenant.id, { name: 'Acme Corp' });
    await writeAudit(getDb(), tenant.id, actor, {
      action: 'portal_link.created',
      target: 'link_1',
      details: { organizationId: organization.id },
    });
    await writeAudit(getDb(), tenant.id, actor, {
      action: 'directory_sync.organization_created',
      target: organization.id,
      details: { name: 'Acme Corp' },
    });

    const page = await listAuditPage(getDb(), tenant.id, query());
    const [orgCreated, portalLink, deleted, updated, scim] = page.entries;
    expect(orgCreated.summary).toBe('created the organization');
    expect(orgCreated.target).toEqual({ label: 'Acme Corp', href: `/dashboard/organizations/${organization.id}` });
    expect(portalLink.target).toEqual({ label: 'Acme Corp', href: `/dashboard/organizations/${organization.id}` });
    expect(portalLink.details).toEqual([{ label: 'Organization', value: 'Acme Corp' }]);
    expect(`${scim.actorName} ${scim.summary}`).toBe(`${hr.name} turned on SAML SSO mappings (Okta Test)`);
    expect(scim.target).toBeNull();
    expect(scim.details).toContainEqual({ label: 'Identity provider', value: 'none → Okta Test' });
    expect(updated.summary).toBe('updated the person record of');
    expect(updated.target).toEqual({ label: person.personCode, href: `/admin/people/${person.id}` });
    expect(deleted.target).toEqual({ label: 'GONE-1', href: null });
  });

  it('filters by actor, action, date range and search, and pages with a page count', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const hr = await createStaff(tenant.id, 'hr_professional');
    const db = getDb();
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++)
      await writeAudit(db, tenant.id, { id: hr.id, email: hr.email }, { action: 'person.created', target: `P-${i}` });
    await writeAudit(
      db,
      tenant.id,
      { id: owner.id, email: owner.email },
      { action: 'member.created', target: 'x@y.z' },
    );
    await writeAudit(db, tenant.id, { id: null, email: 'system' }, { action: 'people.leavers_deactivated' });
    await db
      .update(auditLog)
      .set({ createdAt: new Date('2026-01-15T10:00:00Z') })
      .where(eq(auditLog.target, 'P-7'));

    const all = await listAuditPage(db, tenant.id, query());
    expect(all.total).toBe(AUDIT_PAGE_SIZE + 7);
    expect(all.pageCount).toBe(2);
    expect(all.entries).toHaveLength(AUDIT_PAGE_SIZE);
    const second = await listAuditPage(db, tenant.id, query({ page: '2' }));
    expect(second.entries).toHaveLength(7);
    expect(new Set([...all.entries, ...second.entries].map((e) => e.id)).size).toBe(AUDIT_PAGE_SIZE + 7);
    // A page past the end shows the last one.
    expect((await listAuditPage(db, tenant.id, query({ page: '99' }))).query.page).toBe(2);

    expect((await listAuditPage(db, tenant.id, query({ actor: owner.email.toUpperCase() }))).total).toBe(1);
    expect((await listAuditPage(db, tenant.id, query({ actor: 'system' }))).total).toBe(1);
    expect((await listAuditPage(db, tenant.id, query({ action: 'member' }))).entries[0].action).toBe('member.created');
    expect((await listAuditPage(db, tenant.id, query({ action: 'person.created' }))).total).toBe(AUDIT_PAGE_SIZE + 5);
    const january = await listAuditPage(db, tenant.id, query({ from: '2026-01-15', to: '2026-01-15' }));
    expect(january.entries.map((e) => e.target?.label)).toEqual(['P-7']);
    expect((await listAuditPage(db, tenant.id, query({ q: 'p-1' }))).total).toBe(11); // P-1, P-10…P-19
    // Malformed filters are dropped, not errors; another tenant sees none of this.
    expect(query({ from: '2026-13-45', action: 'drop table', page: '-3' })).toMatchObject({
      from: '',
      action: '',
      page: 1,
    });
    const other = await createTenant();
    expect((await listAuditPage(db, other.id, query())).total).toBe(0);
  });

  it('exports the current filter as CSV, safe against formula injection, to the audit log roles only', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const it = await createStaff(tenant.id, 'it_admin');
    const actor = { id: hr.id, email: hr.email };
    await writeAudit(getDb(), tenant.id, actor, { action: 'department.created', target: '=HYPERLINK("x")' });
    await writeAudit(getDb(), tenant.id, actor, { action: 'role.created', target: 'Engineer' });

    const rows = await collect(auditCsvRows(getDb(), tenant.id, query({ action: 'department' })));
    expect(rows).toHaveLength(1);
    expect(rows[0][4]).toBe(`${hr.name} created the department =HYPERLINK("x")`);
    expect(csvLine(rows[0])).toContain(`"'=HYPERLINK(""x"")"`);

    const response = await exportAs(hr, '?action=department');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await response.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('When (UTC),Actor,Actor email,Action,Description,Target,Details');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);

    expect((await exportAs(it, '')).status).toBe(403);
    expect((await exportAs(null, '')).status).toBe(401);
  });

  it('csvCell neutralises formulas and quotes separators', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(csvCell('plain')).toBe('plain');
  });
});
