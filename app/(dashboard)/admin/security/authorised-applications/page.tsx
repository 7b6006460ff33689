import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { utcMinute } from '@/lib/format';
import { listApplicationActivity, listApplications, SCOPE_LABELS } from '@/lib/hr-api/applications';
import { publicBaseUrl } from '@/lib/public-url';
import { SERVICE_PATH } from '@/lib/hr-api/api';
import { Card, PageHeader } from '@/components/ui/layout';
import { CopyValue } from '@/components/ui/copy-value';
import { ApplicationsManager, type ApplicationRow } from '@/components/hr-api/applications-manager';

export const metadata = { title: 'Authorised Applications' };

const ACTIVITY_LABELS: Record<string, string> = {
  'authorised_application.created': 'created',
  'authorised_application.secret_regenerated': 'secret regenerated',
  'authorised_application.revoked': 'revoked',
  'authorised_application.deleted': 'deleted',
};

export default async function AuthorisedApplicationsPage() {
  const staff = await requirePageAccess('administration');
  const db = getDb();
  const [applications, activity] = await Promise.all([
    listApplications(db, staff.tenantId),
    listApplicationActivity(db, staff.tenantId, 10),
  ]);
  const base = publicBaseUrl(await headers());
  const rows: ApplicationRow[] = applications.map((app) => ({
    id: app.id,
    name: app.name,
    description: app.description,
    clientId: app.clientId,
    secretLastFour: app.secretLastFour,
    scopeLabels: app.scopes.map((scope) => SCOPE_LABELS[scope]),
    createdAt: utcMinute(app.createdAt),
    secretRotatedAt: utcMinute(app.secretRotatedAt),
    lastUsedAt: app.lastUsedAt ? utcMinute(app.lastUsedAt) : null,
    revokedAt: app.revokedAt ? utcMinute(app.revokedAt) : null,
  }));
  const endpoints = [
    { label: 'Token URL', value: `${base}/oauth/token`, testId: 'token-url' },
    { label: 'HR API base URL', value: `${base}${SERVICE_PATH}`, testId: 'api-base-url' },
  ];

  return (
    <>
      <PageHeader
        title="Authorised Applications"
        description="Applications that read (and, with API write access, update) people through the HR API with an OAuth2 Client ID and Client Secret. Give the credentials to the system that needs them, such as a Cezanne HR directory in Directory Sync."
      />
      <div className="space-y-6">
        <ApplicationsManager applications={rows} />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card
            title="Connection details"
            description="Clients use the client credentials grant, then call the API with the bearer token."
          >
            <div className="space-y-3">
              {endpoints.map((endpoint) => (
                <CopyValue
                  key={endpoint.testId}
                  label={endpoint.label}
                  value={endpoint.value}
                  testId={endpoint.testId}
                />
              ))}
            </div>
          </Card>
          <Card title="Recent activity">
            {activity.length === 0 ? (
              <p className="text-sm text-slate-500">No changes yet.</p>
            ) : (
              <ul className="space-y-2 text-sm" aria-label="Recent activity">
                {activity.map((entry) => (
                  <li key={entry.id}>
                    <span className="font-medium text-slate-800">{entry.target}</span>{' '}
                    {ACTIVITY_LABELS[entry.action] ?? entry.action}
                    <div className="text-xs text-slate-500">
                      {utcMinute(entry.createdAt)} · {entry.actorEmail ?? 'system'}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
