import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { actAs } from '@/tests/support/action-session';
import { decrypt } from '@/lib/crypto/encryption';
import { createStaff, createTenant } from '@/tests/support/factories';
import {
  createEndpointAction,
  deleteEndpointAction,
  disableEndpointAction,
  enableEndpointAction,
  resendDeliveryAction,
  sendTestEventAction,
} from '@/app/(dashboard)/dashboard/webhooks/actions';

vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

const URL = 'https://hooks.example.com/roster';

async function audits(tenantId: string, action: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, action)));
}

describe('webhook endpoint actions', () => {
  it('owner and IT admin may create endpoints; an HR Professional may not', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const refused = await actAs(hr, createEndpointAction, { url: URL, events: 'dsync.user.created' });
    expect(refused).toMatchObject({ ok: false, formError: 'You do not have permission to do this.' });
    expect(await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenant.id))).toEqual([]);

    for (const role of ['owner', 'it_admin'] as const) {
      const staff = await createStaff(tenant.id, role);
      const result = await actAs(staff, createEndpointAction, {
        url: `${URL}/${role}`,
        events: ['dsync.user.created', 'dsync.user.deleted'],
      });
      expect(result.ok).toBe(true);
    }
  });

  it('returns the signing secret once; it is stored encrypted, and the audit entry names only its last four characters', async () => {
    const tenant = await createTenant();
    const admin = await createStaff(tenant.id, 'it_admin');
    const result = await actAs(admin, createEndpointAction, { url: URL, events: ['dsync.group.created'] });

    expect(result.ok).toBe(true);
    const { secret, endpointId } = result.data!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const [row] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(row).toMatchObject({
      url: URL,
      events: ['dsync.group.created'],
      enabled: true,
      secretLastFour: secret.slice(-4),
      createdById: admin.id,
    });
    expect(row.secretEncrypted).not.toContain(secret);
    expect(decrypt(row.secretEncrypted)).toBe(secret);
    const [entry] = await audits(tenant.id, 'webhook_endpoint.created');
    expect(entry).toMatchObject({
      actorId: admin.id,
      target: URL,
      details: { events: ['dsync.group.created'], secretLastFour: secret.slice(-4) },
    });
    expect(JSON.stringify(entry.details)).not.toContain(secret);
  });

  it('refuses bad input with a message beside the field, and stores nothing', async () => {
    const tenant = await createTenant();
    const admin = await createStaff(tenant.id, 'it_admin');
    const create = (input: Record<string, unknown>) => actAs(admin, createEndpointAction, input);

    expect(
      (await create({ url: 'ftp://files.example.com/in', events: 'dsync.user.created' })).fieldErrors?.url,
    ).toMatch(/http or https/);
    expect(
      (await create({ url: 'https://user:pass@hooks.example.com/', events: 'dsync.user.created' })).fieldErrors?.url,
    ).toMatch(/user name or password/);
    expect(
      (await create({ url: 'http://169.254.169.254/latest/meta-data', events: 'dsync.user.created' })).fieldErrors?.url,
    ).toMatch(/link-local, cloud metadata/);
    expect((await create({ url: 'http://10.1.2.3/hook', events: 'dsync.user.created' })).fieldErrors?.url).toMatch(
      /private or loopback/,
    );
    expect((await create({ url: URL })).fieldErrors?.events).toBe('Choose at least one event.');
    expect((await create({ url: URL, events: ['dsync.user.created', 'user.signed_in'] })).fieldErrors?.events).toBe(
      'Choose events from the list.',
    );
    expect((await create({ url: '', events: 'dsync.user.created' })).fieldErrors?.url).toBe('Enter the endpoint URL.');
    expect(await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenant.id))).toEqual([]);
  });

  it('disable, enable, test event, Resend and delete are audited and confined to the tenant', async () => {
    const tenant = await createTenant();
    const admin = await createStaff(tenant.id, 'it_admin');
    const created = await actAs(admin, createEndpointAction, {
      url: URL,
      events: ['dsync.user.created', 'dsync.group.created'],
    });
    const endpointId = created.data!.endpointId;
    const stranger = await createStaff((await createTenant()).id, 'it_admin');

    expect(await actAs(stranger, disableEndpointAction, { endpointId })).toMatchObject({
      ok: false,
      formError: 'This webhook endpoint no longer exists.',
    });
    expect(await actAs(stranger, deleteEndpointAction, { endpointId })).toMatchObject({ ok: false });

    expect((await actAs(admin, disableEndpointAction, { endpointId })).ok).toBe(true);
    const [disabled] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(disabled).toMatchObject({ enabled: false, disabledReason: `Disabled by ${admin.email}.` });
    expect(await actAs(admin, sendTestEventAction, { endpointId, event: 'dsync.user.created' })).toMatchObject({
      ok: false,
      formError: 'Enable the endpoint before sending a test event.',
    });

    expect((await actAs(admin, enableEndpointAction, { endpointId })).ok).toBe(true);
    expect(await actAs(admin, sendTestEventAction, { endpointId, event: 'dsync.user.deleted' })).toMatchObject({
      ok: false,
      fieldErrors: { event: 'Choose one of the events the endpoint receives.' },
    });
    const test = await actAs(admin, sendTestEventAction, { endpointId, event: 'dsync.group.created' });
    expect(test.ok).toBe(true);
    const [delivery] = await getDb()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpointId));
    expect(delivery).toMatchObject({
      kind: 'test',
      eventName: 'dsync.group.created',
      status: 'pending',
      payload: expect.objectContaining({ object: 'event', event: 'dsync.group.created' }),
    });

    expect(await actAs(stranger, resendDeliveryAction, { deliveryId: String(delivery.id) })).toMatchObject({
      ok: false,
      formError: 'This delivery no longer exists.',
    });
    expect(await actAs(admin, resendDeliveryAction, { deliveryId: String(delivery.id) })).toMatchObject({
      ok: true,
      data: { mode: 'retry_now', endpointId },
    });

    expect((await actAs(admin, deleteEndpointAction, { endpointId })).ok).toBe(true);
    expect(await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId))).toEqual(
      [],
    );
    const actions = (await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id))).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'webhook_endpoint.created',
        'webhook_endpoint.disabled',
        'webhook_endpoint.enabled',
        'webhook_endpoint.test_sent',
        'webhook_delivery.resent',
        'webhook_endpoint.deleted',
      ]),
    );
  });
});
