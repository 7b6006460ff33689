import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { listApiKeys, maskedKey } from '@/lib/api-keys/keys';
import { requirePageAccess } from '@/lib/auth/session';
import { utcMinute } from '@/lib/format';
import { publicBaseUrl } from '@/lib/public-url';
import { Card, PageHeader } from '@/components/ui/layout';
import { CopyValue } from '@/components/ui/copy-value';
import { ApiKeysManager, type ApiKeyRow } from '@/components/directory-sync/api-keys-manager';

export const metadata = { title: 'API Keys' };

/** The SDK options that point @workos-inc/node at this Roster (it has no environment variable for the host). */
function sdkSnippet(base: string): string {
  const url = new URL(base);
  const https = url.protocol === 'https:';
  const port = url.port ? `, port: ${url.port}` : '';
  return `new WorkOS(process.env.WORKOS_API_KEY, { apiHostname: '${url.hostname}'${port}, https: ${https} })`;
}

export default async function ApiKeysPage() {
  const staff = await requirePageAccess('directorySync');
  const keys = await listApiKeys(getDb(), staff.tenantId);
  const base = publicBaseUrl(await headers());
  const rows: ApiKeyRow[] = keys.map((key) => ({
    id: key.id,
    name: key.name,
    maskedKey: maskedKey(key),
    createdBy: key.createdByName ?? '—',
    createdAt: utcMinute(key.createdAt),
    lastUsedAt: key.lastUsedAt ? utcMinute(key.lastUsedAt) : null,
    revokedAt: key.revokedAt ? utcMinute(key.revokedAt) : null,
  }));

  return (
    <>
      <PageHeader
        title="API Keys"
        description="Secret keys for the WorkOS-compatible Directory Sync and Events API. Applications use them with the WorkOS SDKs, unchanged, to read this company's organizations, directories, users, groups and events."
      />
      <div className="space-y-6">
        <ApiKeysManager keys={rows} />
        <Card
          title="Connection details"
          description="The API is served at the root of this host, as the WorkOS SDKs expect."
        >
          <div className="space-y-3">
            <CopyValue label="API base URL" value={base} testId="api-base-url" />
            <CopyValue label="Node SDK (@workos-inc/node)" value={sdkSnippet(base)} testId="sdk-snippet" />
          </div>
        </Card>
      </div>
    </>
  );
}
