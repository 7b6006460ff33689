/**
 * Cezanne HR connector: OAuth2 client credentials against the directory's HR API base URL, OData paging by
 * `@odata.nextLink`, a timeout per request, retries with exponential backoff and jitter on network errors, 429 and
 * 5xx (honouring Retry-After), and a distinct InvalidCredentialsError. All traffic goes through the egress guard.
 */
import { createHash } from 'node:crypto';
import {
  egressRequest,
  EgressBlockedError,
  ResponseTooLargeError,
  type EgressPolicy,
  type EgressResponse,
} from '@/lib/net/egress';
import {
  InvalidCredentialsError,
  ProviderError,
  type DirectoryCredentials,
  type DirectoryProvider,
  type DirectoryUserEmail,
  type SnapshotGroup,
  type SnapshotPage,
  type SnapshotUser,
} from './types';

export const CEZANNE_HR_TYPE = 'cezanne hr';
export const SERVICE_PATH = '/cezanneondemand/v7/dataservice.svc';

export type CezanneHrOptions = {
  credentials: DirectoryCredentials;
  policy: EgressPolicy;
  /** Today (YYYY-MM-DD, UTC): people whose leaving date has passed are inactive. */
  today: string;
  timeoutMs?: number;
  /** Attempts per request (1 + retries). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  pageSize?: number;
  maxPageBytes?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

type Settings = Required<Omit<CezanneHrOptions, 'credentials' | 'policy' | 'today'>>;

const DEFAULTS: Settings = {
  timeoutMs: 30_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  pageSize: 1000,
  maxPageBytes: 32 * 1024 * 1024,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const MAX_TOKEN_BYTES = 64 * 1024;
const MAX_PAGES = 100_000;
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

type CachedToken = { token: string; expiresAt: number };
/** Tokens by credentials (hashed), kept until shortly before they expire: runs every 30 minutes reuse them. */
const tokenCache = new Map<string, CachedToken>();

function cacheKey({ baseUrl, clientId, clientSecret }: DirectoryCredentials): string {
  return createHash('sha256').update(`${baseUrl}\n${clientId}\n${clientSecret}`).digest('hex');
}

/** Delay before retry `attempt` (1-based): full jitter over an exponential ceiling, or the server's Retry-After. */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | undefined,
  settings: Pick<Settings, 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'random'>,
  now = Date.now(),
): number {
  const fromHeader = parseRetryAfter(retryAfter, now);
  if (fromHeader !== null) return Math.min(fromHeader, settings.maxRetryAfterMs);
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * settings.random());
}

/** Retry-After as delay-seconds or an HTTP date → milliseconds, or null. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function header(response: EgressResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The message of an OData or OAuth error body, for run records (never the body itself). */
function errorDescription(body: Buffer): string | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: unknown; error_description?: unknown };
    if (typeof parsed.error_description === 'string') return parsed.error_description.slice(0, 300);
    const odata = parsed.error as { message?: unknown } | undefined;
    if (odata && typeof odata.message === 'string') return odata.message.slice(0, 300);
    if (typeof parsed.error === 'string') return parsed.error.slice(0, 300);
  } catch {
    // not JSON
  }
  return null;
}

function describeStatus(response: EgressResponse): string {
  const detail = errorDescription(response.body);
  return `HTTP ${response.status}${detail ? ` (${detail})` : ''}`;
}

function networkMessage(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  return err?.code ? `${err.code}: ${err.message}` : String(err?.message ?? error);
}

export class CezanneHrClient implements DirectoryProvider {
  private readonly settings: Settings;
  private readonly base: string;
  private readonly origin: string;

  constructor(private readonly options: CezanneHrOptions) {
    this.settings = {
      ...DEFAULTS,
      ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    } as Settings;
    this.base = options.credentials.baseUrl.replace(/\/+$/, '');
    this.origin = new URL(this.base).origin;
  }

  async validate(): Promise<void> {
    await this.getJson(`${this.base}${SERVICE_PATH}/People?$top=1`, 'People (credentials check)');
  }

  async *groups(): AsyncIterable<SnapshotPage<SnapshotGroup>> {
    for await (const page of this.pages('Departments')) {
      yield {
        total: page.total,
        items: page.items.map((entity, i) => toSnapshotGroup(entity, `Departments page ${page.number}, item ${i + 1}`)),
      };
    }
  }

  async *users(groupNames: ReadonlyMap<string, string>): AsyncIterable<SnapshotPage<SnapshotUser>> {
    for await (const page of this.pages('People')) {
      yield {
        total: page.total,
        items: page.items.map((entity, i) =>
          toSnapshotUser(entity, groupNames, this.options.today, `People page ${page.number}, item ${i + 1}`),
        ),
      };
    }
  }

  /** Every page of an entity set, following `@odata.nextLink`; the next page is requested while the caller works. */
  private async *pages(entitySet: 'People' | 'Departments') {
    let url: string | undefined = `${this.base}${SERVICE_PATH}/${entitySet}?$top=${this.settings.pageSize}&$count=true`;
    let number = 1;
    let total: number | null = null;
    let pending: ReturnType<CezanneHrClient['getPage']> | null = this.getPage(url, entitySet, number);
    while (pending) {
      const body = await pending;
      if (number === 1 && typeof body['@odata.count'] === 'number') total = body['@odata.count'];
      const next = this.nextLink(body, url as string, entitySet, number);
      pending = next ? this.getPage(next, entitySet, number + 1) : null;
      // A rejected prefetch must not go unhandled while the caller still works on this page.
      pending?.catch(() => {});
      yield { number, total, items: body.value };
      url = next;
      number += 1;
      if (number > MAX_PAGES) throw new ProviderError(`HR API ${entitySet}: more than ${MAX_PAGES} pages; stopped.`);
    }
  }

  private async getPage(url: string, entitySet: string, number: number) {
    const body = await this.getJson(url, `${entitySet} page ${number}`);
    if (!body || typeof body !== 'object' || !Array.isArray((body as { value?: unknown }).value)) {
      throw new ProviderError(
        `HR API ${entitySet} page ${number}: the answer is not an OData collection (no "value" array).`,
      );
    }
    return body as { value: Record<string, unknown>[]; '@odata.nextLink'?: unknown; '@odata.count'?: unknown };
  }

  private nextLink(
    body: { '@odata.nextLink'?: unknown },
    current: string,
    entitySet: string,
    number: number,
  ): string | undefined {
    const link = body['@odata.nextLink'];
    if (link === undefined || link === null) return undefined;
    if (typeof link !== 'string')
      throw new ProviderError(`HR API ${entitySet} page ${number}: @odata.nextLink is not a URL.`);
    let next: URL;
    try {
      next = new URL(link, current);
    } catch {
      throw new ProviderError(`HR API ${entitySet} page ${number}: @odata.nextLink is not a URL.`);
    }
    // A next page on another host would be a way to make Roster fetch arbitrary URLs with its token.
    if (next.origin !== this.origin)
      throw new ProviderError(
        `HR API ${entitySet} page ${number}: @odata.nextLink points to another host (${next.origin}); refused.`,
      );
    // The total is read from page 1 only: a server that keeps `$count=true` in its links would count every page again.
    // (Edited as text: re-serialising the query would re-encode the server's `$` names as `%24`.)
    next.search = next.search
      .slice(1)
      .split('&')
      .filter((part) => !/^(\$|%24)count=/i.test(part))
      .join('&');
    if (next.href === current)
      throw new ProviderError(`HR API ${entitySet} page ${number}: @odata.nextLink repeats the same page.`);
    return next.href;
  }

  private async getJson(url: string, what: string): Promise<unknown> {
    let refetchedToken = false;
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.accessToken();
      const response = await this.exchange(
        url,
        { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
        what,
        attempt,
      );
      if (response === 'retry') continue;
      if (response.status === 401) {
        tokenCache.delete(cacheKey(this.options.credentials));
        if (!refetchedToken) {
          refetchedToken = true;
          attempt -= 1; // a fresh token is not a retry
          continue;
        }
        throw new InvalidCredentialsError(
          `The HR API refused a fresh access token on ${what}: ${describeStatus(response)}.`,
        );
      }
      if (response.status === 403) {
        throw new InvalidCredentialsError(
          `The HR API application may not read people (${describeStatus(response)}). Give it API read access.`,
        );
      }
      if (RETRYABLE_STATUS.has(response.status)) {
        if (attempt < this.settings.maxAttempts) {
          await this.settings.sleep(retryDelayMs(attempt, header(response, 'retry-after'), this.settings));
          continue;
        }
        throw new ProviderError(`HR API ${what}: ${describeStatus(response)} after ${attempt} attempts.`);
      }
      if (response.status >= 300 && response.status < 400) {
        throw new ProviderError(
          `HR API ${what}: HTTP ${response.status} redirect to ${header(response, 'location') ?? '?'} was not followed. Check the base URL.`,
          false,
        );
      }
      if (response.status !== 200)
        throw new ProviderError(`HR API ${what}: ${describeStatus(response)}.`, response.status >= 500);
      try {
        return JSON.parse(response.body.toString('utf8'));
      } catch {
        throw new ProviderError(`HR API ${what}: the answer is not valid JSON.`);
      }
    }
  }

  /**
   * One request with the egress rules; network failures and timeouts are retried here (returns 'retry' after
   * sleeping), up to the attempt limit.
   */
  private async exchange(
    url: string,
    init: { method?: string; headers: Record<string, string>; body?: string },
    what: string,
    attempt: number,
    maxBytes = this.settings.maxPageBytes,
  ): Promise<EgressResponse | 'retry'> {
    try {
      return await egressRequest(url, {
        ...init,
        timeoutMs: this.settings.timeoutMs,
        maxBytes,
        policy: this.options.policy,
      });
    } catch (error) {
      if (error instanceof EgressBlockedError) throw new ProviderError(`HR API ${what}: ${error.message}.`, false);
      if (error instanceof ResponseTooLargeError) throw new ProviderError(`HR API ${what}: ${error.message}.`);
      if (attempt < this.settings.maxAttempts) {
        await this.settings.sleep(retryDelayMs(attempt, undefined, this.settings));
        return 'retry';
      }
      throw new ProviderError(`HR API ${what}: ${networkMessage(error)} (after ${attempt} attempts).`);
    }
  }

  private async accessToken(): Promise<string> {
    const key = cacheKey(this.options.credentials);
    const cached = tokenCache.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    const { clientId, clientSecret } = this.options.credentials;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'api_read',
    }).toString();
    for (let attempt = 1; ; attempt += 1) {
      const response = await this.exchange(
        `${this.base}/oauth/token`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body,
        },
        'token request',
        attempt,
        MAX_TOKEN_BYTES,
      );
      if (response === 'retry') continue;
      if (RETRYABLE_STATUS.has(response.status)) {
        if (attempt < this.settings.maxAttempts) {
          await this.settings.sleep(retryDelayMs(attempt, header(response, 'retry-after'), this.settings));
          continue;
        }
        throw new ProviderError(`HR API token request: ${describeStatus(response)} after ${attempt} attempts.`);
      }
      if (response.status === 400 || response.status === 401 || response.status === 403) {
        throw new InvalidCredentialsError(
          `The HR API refused the Client ID and Client Secret: ${errorDescription(response.body) ?? `HTTP ${response.status}`}`,
        );
      }
      if (response.status !== 200)
        throw new ProviderError(`HR API token request: ${describeStatus(response)}.`, response.status >= 500);
      let parsed: { access_token?: unknown; expires_in?: unknown };
      try {
        parsed = JSON.parse(response.body.toString('utf8'));
      } catch {
        throw new ProviderError('HR API token request: the answer is not valid JSON.');
      }
      if (typeof parsed.access_token !== 'string' || !parsed.access_token)
        throw new ProviderError('HR API token request: the answer has no access_token.');
      const seconds = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 300;
      // Renewed a little early, so a token never expires in the middle of a page.
      tokenCache.set(key, { token: parsed.access_token, expiresAt: Date.now() + Math.max(0, seconds - 30) * 1000 });
      return parsed.access_token;
    }
  }
}

/** Forgets cached tokens (tests; credentials updates). */
export function clearTokenCache(): void {
  tokenCache.clear();
}

// --- mapping -------------------------------------------------------------------------------------------------

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

function rawEntity(entity: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity).filter(([key]) => !key.startsWith('@odata.')));
}

function requireCode(entity: Record<string, unknown>, property: string, where: string): string {
  const code = entity?.[property];
  if (typeof code !== 'string' || code.trim() === '')
    throw new ProviderError(`HR API ${where}: ${property} is missing; the snapshot is not usable.`);
  return code;
}

/** Department → directory group (idp_id = department code). */
export function toSnapshotGroup(entity: Record<string, unknown>, where = 'Departments'): SnapshotGroup {
  const idpId = requireCode(entity, 'DepartmentCode', where);
  return { idpId, name: text(entity.DepartmentName) ?? idpId, rawAttributes: rawEntity(entity) };
}

type ODataEmployment = { EmploymentId?: unknown; StartDate?: unknown; PrimaryEmployment?: unknown };
type ODataAccount = { Username?: unknown; Role?: unknown } | null;

/**
 * Person → directory user: idp_id = person code; the internal email is the primary work email, the external one
 * personal; inactive for people marked inactive and for leavers (leaving date passed).
 */
export function toSnapshotUser(
  entity: Record<string, unknown>,
  groupNames: ReadonlyMap<string, string>,
  today: string,
  where = 'People',
): SnapshotUser {
  const idpId = requireCode(entity, 'PersonCode', where);
  const internal = text(entity.InternalEmail);
  const external = text(entity.ExternalEmail);
  const emails: DirectoryUserEmail[] = [];
  if (internal) emails.push({ primary: true, type: 'work', value: internal });
  if (external) emails.push({ primary: !internal, type: 'personal', value: external });
  const firstName = text(entity.GivenName);
  const lastName = text(entity.FamilyName);
  const preferred = text(entity.PreferredGivenName);
  const account = (entity.UserAccount ?? null) as ODataAccount;
  const employments = Array.isArray(entity.Employments) ? (entity.Employments as ODataEmployment[]) : [];
  const primary = employments.find((e) => e?.PrimaryEmployment === true) ?? employments[0];
  const leavingDate = text(entity.LeavingDate);
  const active = entity.ActiveEmployee !== false && !(leavingDate && leavingDate < today);
  const department = text(entity.DepartmentCode);
  const jobTitle = text(entity.JobTitle);
  return {
    idpId,
    email: internal ?? external,
    firstName,
    lastName,
    name: [preferred ?? firstName, lastName].filter(Boolean).join(' ') || null,
    username: text(account?.Username) ?? internal,
    jobTitle,
    state: active ? 'active' : 'inactive',
    emails,
    customAttributes: {
      department_name: department ? (groupNames.get(department) ?? null) : null,
      employee_number: text(primary?.EmploymentId),
      job_title: jobTitle,
      employment_start_date: text(entity.StartDate),
      role: text(account?.Role),
    },
    rawAttributes: rawEntity(entity),
    groupIdpIds: department ? [department] : [],
  };
}
