import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createStaff, createTenant } from '@/tests/support/factories';
import { getImport } from './csv-import';
import { uploadResponse } from './import-upload';

const CSV = 'Person code,Given name,Family name\nU1,Ada,Lovelace\n';
const post = (
  body: BodyInit,
  headers: Record<string, string> = {
    'content-type': 'text/csv',
    'x-file-name': encodeURIComponent('équipe 2026.csv'),
  },
) => new Request('http://roster.test/admin/people/import/upload', { method: 'POST', body, headers });

describe('CSV upload route (POST /admin/people/import/upload)', () => {
  it('stores, audits and checks the file for an HR Professional: 201 with the import id, rows validated at once', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const response = await uploadResponse(post(CSV), hr);
    expect(response.status).toBe(201);
    const { id, ...outcome } = (await response.json()) as { id: string };
    // The answer says what the check found, so that the page's message matches it.
    expect(outcome).toEqual({ checked: true, rowCount: 1, errorCount: 0 });
    expect(await getImport(getDb(), tenant.id, id)).toMatchObject({
      fileName: 'équipe 2026.csv',
      status: 'valid',
      rowCount: 1,
    });
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'people_import.uploaded')));
    expect(audit).toMatchObject([{ actorId: hr.id, target: 'équipe 2026.csv' }]);
  });

  it('refuses without a session (401), to an IT admin (403), another content type (415), and stores nothing', async () => {
    const tenant = await createTenant();
    const it = await createStaff(tenant.id, 'it_admin');
    const hr = await createStaff(tenant.id, 'hr_professional');
    expect((await uploadResponse(post(CSV), null)).status).toBe(401);
    const forbidden = await uploadResponse(post(CSV), it);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: 'You do not have permission to do this.' });
    expect((await uploadResponse(post(CSV, { 'content-type': 'application/x-www-form-urlencoded' }), hr)).status).toBe(
      415,
    );
    expect(
      await getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'people_import.uploaded'))),
    ).toEqual([]);
  });

  it('a file over 25 MB gets 413 with the field message, read no further than the limit; a bad file gets 400 with its reason', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    let sent = 0;
    const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const tooLarge = await uploadResponse(
      new Request('http://roster.test/x', {
        method: 'POST',
        body: endless,
        headers: { 'content-type': 'text/csv' },
        duplex: 'half',
      } as RequestInit),
      hr,
    );
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({
      error: 'Check the highlighted fields.',
      fieldErrors: { file: 'The file is larger than 25 MB. Split it into smaller files.' },
    });
    expect(sent).toBeLessThan(30 * 1024 * 1024);

    const empty = await uploadResponse(post(''), hr);
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      error: 'Check the highlighted fields.',
      fieldErrors: { file: 'The file is empty.' },
    });
  });
});
