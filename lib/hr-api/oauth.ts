import { and, eq, gt, gte, isNull, lt, or } from 'drizzle-orm';
import { authorisedApplications, oauthAccessTokens } from '@/db/schema';
import type { Executor } from '@/db/client';
import { generateSecret, hashSecret, secretMatchesHash } from '@/lib/crypto/tokens';
import { APPLICATION_SCOPES, type ApplicationScope } from './applications';

/** Access tokens live one hour unless configured otherwise (`HR_API_TOKEN_TTL_SECONDS`, 60 s to 24 h). */
export function accessTokenTtlSeconds(): number {
  const configured = Number(process.env.HR_API_TOKEN_TTL_SECONDS);
  return Number.isInteger(configured) && configured >= 60 && configured <= 86_400 ? configured : 3600;
}

/** How stale `last_used_at` may get before a request refreshes it (saves a write on every API call). */
const LAST_USED_RESOLUTION_MS = 60_000;

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

/** An RFC 6749 §5.2 error: `invalid_client` is a 401, the others a 400. */
export class OAuthError extends Error {
  readonly status: 400 | 401;
  constructor(
    readonly code: OAuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OAuthError';
    this.status = code === 'invalid_client' ? 401 : 400;
  }
}

export type ClientCredentialsRequest = {
  grantType?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
};

export type IssuedAccessToken = { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string };

function parseScope(requested: string | undefined, granted: ApplicationScope[]): ApplicationScope[] {
  if (requested === undefined || requested.trim() === '') return granted;
  const scopes = [...new Set(requested.trim().split(/ +/))];
  const refused = scopes.filter((scope) => !(granted as string[]).includes(scope));
  if (refused.length > 0) {
    const known = refused.every((scope) => (APPLICATION_SCOPES as readonly string[]).includes(scope));
    throw new OAuthError(
      'invalid_scope',
      known
        ? `This application is not allowed the scope ${refused.join(' ')}. Its scopes: ${granted.join(' ')}.`
        : `Unknown scope ${refused.join(' ')}. Scopes: ${APPLICATION_SCOPES.join(' ')}.`,
    );
  }
  return scopes as ApplicationScope[];
}

/** Client ids are ours (UUIDs); one with control characters or of absurd length is unknown without asking PostgreSQL. */
function couldBeClientId(clientId: string): boolean {
  return clientId.length <= 200 && !/[\u0000-\u001f\u007f]/.test(clientId);
}

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4). The client is an authorised application of one tenant; the
 * token carries that tenant and the requested scopes (all of the application's scopes when none are asked for).
 */
export async function issueClientCredentialsToken(
  db: Executor,
  request: ClientCredentialsRequest,
  options: {
    now?: Date;
    ttlSeconds?: number;
    admit?: (client: { applicationId: string; tenantId: string }) => Promise<void>;
  } = {},
): Promise<IssuedAccessToken> {
  if (!request.grantType) throw new OAuthError('invalid_request', 'The grant_type parameter is missing.');
  if (request.grantType !== 'client_credentials') {
    throw new OAuthError(
      'unsupported_grant_type',
      `The grant type "${request.grantType}" is not supported. Use client_credentials.`,
    );
  }
  if (!request.clientId || !request.clientSecret) {
    throw new OAuthError('invalid_client', 'Client authentication failed: send client_id and client_secret.');
  }
  if (!couldBeClientId(request.clientId)) {
    secretMatchesHash(request.clientSecret, undefined); // the same work as for any unknown client
    throw new OAuthError(
      'invalid_client',
      'Client authentication failed: unknown client, wrong secret or revoked application.',
    );
  }
  const [application] = await db
    .select({
      id: authorisedApplications.id,
      tenantId: authorisedApplications.tenantId,
      secretHash: authorisedApplications.secretHash,
      scopes: authorisedApplications.scopes,
      revokedAt: authorisedApplications.revokedAt,
    })
    .from(authorisedApplications)
    .where(eq(authorisedApplications.clientId, request.clientId))
    .limit(1);
  // Compared even for an unknown client, so the answer takes as long either way.
  const secretOk = secretMatchesHash(request.clientSecret, application?.secretHash);
  if (!application || !secretOk || application.revokedAt) {
    throw new OAuthError(
      'invalid_client',
      'Client authentication failed: unknown client, wrong secret or revoked application.',
    );
  }
  await options.admit?.({ applicationId: application.id, tenantId: application.tenantId });
  const scopes = parseScope(request.scope, application.scopes as ApplicationScope[]);
  const now = options.now ?? new Date();
  const ttlSeconds = options.ttlSeconds ?? accessTokenTtlSeconds();
  const accessToken = generateSecret('', 32);
  await db.insert(oauthAccessTokens).values({
    tokenHash: hashSecret(accessToken),
    applicationId: application.id,
    tenantId: application.tenantId,
    scopes,
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
  });
  await db.update(authorisedApplications).set({ lastUsedAt: now }).where(eq(authorisedApplications.id, application.id));
  await db
    .delete(oauthAccessTokens)
    .where(and(eq(oauthAccessTokens.applicationId, application.id), lt(oauthAccessTokens.expiresAt, now)));
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ttlSeconds, scope: scopes.join(' ') };
}

export type ApiCaller = {
  applicationId: string;
  applicationName: string;
  clientId: string;
  tenantId: string;
  scopes: ApplicationScope[];
};

/**
 * The application behind a bearer token, or null when the token is unknown, expired, or belongs to a revoked
 * application or to a secret that has since been regenerated. Scopes are what the token was issued with, less any
 * the application has lost since.
 */
export async function authenticateAccessToken(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<ApiCaller | null> {
  if (!token) return null;
  const [row] = await db
    .select({
      applicationId: authorisedApplications.id,
      applicationName: authorisedApplications.name,
      clientId: authorisedApplications.clientId,
      tenantId: oauthAccessTokens.tenantId,
      tokenScopes: oauthAccessTokens.scopes,
      applicationScopes: authorisedApplications.scopes,
      lastUsedAt: authorisedApplications.lastUsedAt,
    })
    .from(oauthAccessTokens)
    .innerJoin(
      authorisedApplications,
      and(
        eq(authorisedApplications.id, oauthAccessTokens.applicationId),
        eq(authorisedApplications.tenantId, oauthAccessTokens.tenantId),
      ),
    )
    .where(
      and(
        eq(oauthAccessTokens.tokenHash, hashSecret(token)),
        gt(oauthAccessTokens.expiresAt, now),
        isNull(authorisedApplications.revokedAt),
        gte(oauthAccessTokens.createdAt, authorisedApplications.secretRotatedAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db
      .update(authorisedApplications)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(authorisedApplications.id, row.applicationId),
          or(isNull(authorisedApplications.lastUsedAt), lt(authorisedApplications.lastUsedAt, now)),
        ),
      );
  }
  return {
    applicationId: row.applicationId,
    applicationName: row.applicationName,
    clientId: row.clientId,
    tenantId: row.tenantId,
    scopes: row.tokenScopes.filter((scope) => row.applicationScopes.includes(scope)) as ApplicationScope[],
  };
}
