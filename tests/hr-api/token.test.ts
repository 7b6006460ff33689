import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { authorisedApplications, oauthAccessTokens } from '@/db/schema';
import { POST } from '@/app/oauth/token/route';
import { GET as getPeople } from '@/app/cezanneondemand/v7/dataservice.svc/People/route';
import { hashSecret } from '@/lib/crypto/tokens';
import { regenerateSecret, revokeApplication, deleteApplication } from '@/lib/hr-api/applications';
import { createTenant } from '@/tests/support/factories';
import { apiRequest, basic, createApp, tokenRequest } from '@/tests/support/hr-api';

type TokenBody = { access_token: string; token_type: string; expires_in: number; scope: string };
type OAuthErrorBody = { error: string; error_description: string };

async function expectOAuthError(response: Response, status: number, error: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as OAuthErrorBody;
  expect(body.error).toBe(error);
  expect(body.error_description).toEqual(expect.any(String));
  return body;
}

describe('POST /oauth/token (client credentials grant)', () => {
  it('issues a bearer token with form-field client authentication: RFC 6749 shape, 1 h expiry, no-store, stored hashed', async () => {
    const tenant = await createTenant();
    const app = await createApp(tenant.id, ['api_read', 'api_write']);
    const response = await POST(
      tokenRequest({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('pragma')).toBe('no-cache');
    const body = (await response.json()) as TokenBody;
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'api_read api_write',
    });
    expect(body.access_token.length).toBeGreaterThanOrEqual(40);

    const [stored] = await getDb().select().from(oauthAccessTokens).where(eq(oauthAccessTokens.applicationId, app.id));
    expect(stored.tokenHash).toBe(hashSecret(body.access_token));
    expect(JSON.stringify(stored)).not.toContain(body.access_token);
    const lifetime = stored.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);

    const [row] = await getDb().select().from(authorisedApplications).where(eq(authorisedApplications.id, app.id));
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it('accepts HTTP Basic client authentication (form-urlencoded id and secret)', async () => {
    const tenant = await createTenant();
    const app = await createApp(tenant.id, ['api_read']);
    const response = await POST(
      tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic(app.clientId, app.clientSecret) }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenBody;
    expect(body.scope).toBe('api_read');
    expect((await getPeople(apiRequest('/People', body.access_token))).status).toBe(200);
  });

  it('wrong secret, unknown client or missing credentials → invalid_client 401 with WWW-Authenticate', async () => {
    const tenant = await createTenant();
    const app = await createApp(tenant.id);
    const attempts = [
      tokenRequest({
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: `${app.clientSecret}x`,
      }),
      tokenRequest({ grant_type: 'client_credentials', client_id: 'no-such-client', client_secret: app.clientSecret }),
      tokenRequest({ grant_type: 'client_credentials' }),
      tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic(app.clientId, 'wrong') }),
      tokenRequest({ grant_type: 'client_credentials' }, { authorization: 'Basic %%%not-base64' }),
    ];
    for (const request of attempts) {
      const response = await POST(request);
      await expectOAuthError(response, 401, 'invalid_client');
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
  });

  it('a revoked application is refused (invalid_client) and its tokens stop working at once', async () => {
    const tenant = await createTenant();
    const app = await createApp(tenant.id);
    const token = (
      (await (
        await POST(
          tokenRequest({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }),
        )
      ).json()) as TokenBody
    ).access_token;
    expect((await getPeople(apiRequest('/People', token))).status).toBe(200);

    await revokeApplication(getDb(), tenant.id, app.id);
    await expectOAuthError(
      await POST(
        tokenRequest({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }),
      ),
      401,
      'invalid_client',
    );
    expect((await getPeople(apiRequest('/People', token))).status).toBe(401);
  });

  it('a regenerated secret: the old secret is refused, the new one works, and tokens of the old secret are dead', async () => {
    const tenant = await createTenant();
    const app = await createApp(tenant.id);
    const oldToken = (
      (await (
        await POST(
          tokenRequest({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }),
        )
      ).json()) as TokenBody
    ).access_token;

    const { clientSecret: newSecret } = await regenerateSecret(getDb(), tenant.id, app.id);
    expect(newSecret).not.toBe(app.clientSecret);
    await expectOAuthError(
      await POST(
        tokenRequest({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }),
      ),
      401,
      'invalid_client',
    );
    expect((await getPeople(apiRequest('/People', oldToken))).status).toBe(401);
    const fresh = await POST(
      tokenRequest({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: newSecret }),
    );
    expect(fresh.status).toBe(200);
    expect((await getPeople(apiRequest('/People', ((await fresh.json()) as TokenBody).access_token))).status).toBe(200);
  });

  it('a deleted application is refused and its tokens are gone', async () => {
    const tenant = await createTenant();
    const app = await createApp(tenant.id);
    const token = (
      (await (
        await POST(
          tokenRequest({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }),
        )
      ).json()) as TokenBody
    ).access_token;
    await deleteApplication(getDb(), tenant.id, app.id);
    expect((await getPeople(apiRequest('/People', token))).status).toBe(401);
    await expectOAuthError(
      await POST(
        tokenRequest({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }),
      ),
      401,
      'invalid_client',
    );
  });

  it('grant type rules: missing → invalid_request, anything but client_credentials → unsupported_grant_type', async () => {
    const tenant = await createTenant();
    const app = await createApp(tenant.id);
    const credentials = { client_id: app.clientId, client_secret: app.clientSecret };
    await expectOAuthError(await POST(tokenRequest(credentials)), 400, 'invalid_request');
    for (const grant of ['password', 'authorization_code', 'refresh_token', 'CLIENT_CREDENTIALS']) {
      await expectOAuthError(
        await POST(tokenRequest({ grant_type: grant, ...credentials })),
        400,
        'unsupported_grant_type',
      );
    }
  });

  it('scope rules: a subset is granted; a scope the application lacks or an unknown scope → invalid_scope', async () => {
    const tenant = await createTenant();
    const readOnly = await createApp(tenant.id, ['api_read']);
    const both = await createApp(tenant.id, ['api_read', 'api_write']);
    const subset = await POST(
      tokenRequest({
        grant_type: 'client_credentials',
        client_id: both.clientId,
        client_secret: both.clientSecret,
        scope: 'api_read',
      }),
    );
    expect(((await subset.json()) as TokenBody).scope).toBe('api_read');
    await expectOAuthError(
      await POST(
        tokenRequest({
          grant_type: 'client_credentials',
          client_id: readOnly.clientId,
          client_secret: readOnly.clientSecret,
          scope: 'api_read api_write',
        }),
      ),
      400,
      'invalid_scope',
    );
    await expectOAuthError(
      await POST(
        tokenRequest({
          grant_type: 'client_credentials',
          client_id: both.clientId,
          client_secret: both.clientSecret,
          scope: 'admin',
        }),
      ),
      400,
      'invalid_scope',
    );
    expect(
      await getDb().select().from(oauthAccessTokens).where(eq(oauthAccessTokens.applicationId, readOnly.id)),
    ).toHaveLength(0);
  });

  it('malformed requests → invalid_request: JSON body, duplicated parameter, Basic and form secret together, oversized body', async () => {
    const tenant = await createTenant();
    const app = await createApp(tenant.id);
    const json = new Request('http://roster.test/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.clientSecret,
      }),
    });
    await expectOAuthError(await POST(json), 400, 'invalid_request');

    const duplicated = new Request('http://roster.test/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&grant_type=client_credentials&client_id=${app.clientId}&client_secret=${app.clientSecret}`,
    });
    await expectOAuthError(await POST(duplicated), 400, 'invalid_request');

    await expectOAuthError(
      await POST(
        tokenRequest(
          { grant_type: 'client_credentials', client_secret: app.clientSecret },
          { authorization: basic(app.clientId, app.clientSecret) },
        ),
      ),
      400,
      'invalid_request',
    );
    await expectOAuthError(
      await POST(
        tokenRequest({
          grant_type: 'client_credentials',
          client_id: app.clientId,
          client_secret: app.clientSecret,
          padding: 'x'.repeat(10_000),
        }),
      ),
      400,
      'invalid_request',
    );
  });

  it('an expired token is refused with 401 and error="invalid_token"; expired tokens are swept on the next issue', async () => {
    const tenant = await createTenant();
    const app = await createApp(tenant.id);
    const issue = () =>
      POST(
        tokenRequest({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }),
      );
    const token = ((await (await issue()).json()) as TokenBody).access_token;
    expect((await getPeople(apiRequest('/People', token))).status).toBe(200);

    await getDb()
      .update(oauthAccessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oauthAccessTokens.tokenHash, hashSecret(token)));
    const refused = await getPeople(apiRequest('/People', token));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('Unauthorized');

    await issue();
    const left = await getDb().select().from(oauthAccessTokens).where(eq(oauthAccessTokens.applicationId, app.id));
    expect(left.map((t) => t.tokenHash)).not.toContain(hashSecret(token));
  });
});
