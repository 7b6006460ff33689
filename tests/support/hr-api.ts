import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { departments } from '@/db/schema';
import { createApplication, type ApplicationScope } from '@/lib/hr-api/applications';
import { POST as tokenRoute } from '@/app/oauth/token/route';

export const BASE = 'http://roster.test';
export const SERVICE = `${BASE}/cezanneondemand/v7/dataservice.svc`;

export async function createApp(
  tenantId: string,
  scopes: ApplicationScope[] = ['api_read'],
  name = `App ${randomUUID().slice(0, 6)}`,
) {
  const { application, clientSecret } = await createApplication(getDb(), tenantId, null, {
    name,
    description: null,
    scopes,
  });
  return { ...application, clientSecret };
}

export function tokenRequest(body: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${BASE}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body).toString(),
  });
}

export function basic(clientId: string, secret: string) {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/** A bearer token for the app, fetched through the real token route. */
export async function tokenFor(app: { clientId: string; clientSecret: string }, scope?: string): Promise<string> {
  const response = await tokenRoute(
    tokenRequest({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      ...(scope ? { scope } : {}),
    }),
  );
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export function apiRequest(path: string, token: string | null, init: RequestInit = {}) {
  const url = path.startsWith('http') ? path : `${SERVICE}${path}`;
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return new Request(url, { ...init, headers });
}

export function jsonRequest(path: string, token: string, method: 'POST' | 'PATCH', body: unknown) {
  return apiRequest(path, token, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function createDepartment(tenantId: string, code: string, name = `Department ${code}`) {
  const [row] = await getDb().insert(departments).values({ tenantId, code, name }).returning();
  return row;
}

/**
 * Inserts `count` people (each with one primary employment) in a few multi-row statements, codes
 * `${prefix}00001`... Returns the codes in insertion order.
 */
export async function seedPeople(tenantId: string, count: number, prefix = 'P') {
  const codes = Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);
  const db = getDb();
  for (let start = 0; start < count; start += 1000) {
    const chunk = codes.slice(start, start + 1000);
    await db.execute(sql`
      with inserted as (
        insert into people (tenant_id, person_code, given_name, family_name, internal_email)
        select ${tenantId}::uuid, code, 'Given ' || code, 'Family ' || code, lower(code) || '@seed.test'
        from unnest(${sql.param(chunk)}::text[]) as code
        returning id, person_code
      )
      insert into employments (tenant_id, person_id, employment_id, start_date, is_primary)
      select ${tenantId}::uuid, id, 'E-' || person_code, date '2024-01-01', true from inserted`);
  }
  return codes;
}
