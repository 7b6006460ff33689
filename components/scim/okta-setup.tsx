import Link from 'next/link';
import { CopyButton } from '@/components/ui/copy-button';

/** What to copy where in Okta (and Entra), and the rules Roster applies to what Okta sends. */
export function OktaSetupPanel({ tenantId, scimUrl }: { tenantId: string; scimUrl: string }) {
  return (
    <div className="space-y-5 text-sm text-slate-700">
      <p data-testid="scim-product-note">
        Roster speaks the Cezanne HR SCIM API, so Okta connects to it through the Cezanne app, and the labels that say
        “Cezanne” (the switch, the match method, the Cezanne Role attribute) refer to Roster here.
      </p>
      <ol className="list-decimal space-y-2 pl-5">
        <li>
          In a separate browser tab, log in to Okta as an administrator. Navigate to{' '}
          <strong>Applications › Browse App Catalog</strong> and search for the Cezanne app (the app that connects to
          Roster).
        </li>
        <li>
          Select the <strong>Provisioning</strong> tab, then <strong>Integration</strong>. Click{' '}
          <strong>Configure API Integration</strong>, then check <strong>Enable API Integration</strong>.
        </li>
        <li>
          Copy the <strong>Tenant ID</strong> (the end of the SCIM URL) into Okta&apos;s <strong>Tenant ID</strong>{' '}
          field: <code className="rounded bg-slate-100 px-1 font-mono text-xs break-all">{tenantId}</code>{' '}
          <CopyButton value={tenantId} what="Tenant ID for Okta" />
        </li>
        <li>
          Copy the newly generated <strong>Secret</strong> into Okta&apos;s <strong>OAuth2 bearer token</strong> field.
          (It is shown once, right after you click Generate.)
        </li>
        <li>
          <strong>Test API Credentials</strong> in Okta and save. Okta then reads{' '}
          <code className="font-mono text-xs break-all">GET /Users?startIndex=1&amp;count=2</code>, which appears in the
          SCIM request log.
        </li>
        <li>
          Select <strong>To App</strong> on the left-hand side and tick <strong>Create Users</strong>,{' '}
          <strong>Update User Attributes</strong> and <strong>Deactivate Users</strong>. Save your changes.
        </li>
        <li>
          Leave <strong>Push Groups</strong> off: groups are Roster&apos;s departments, managed in HR, and Roster
          refuses group changes (they would fail in Okta).
        </li>
        <li>
          Assign users to the Cezanne app in Okta: they are provisioned in Roster when a matching person record exists.
        </li>
      </ol>
      <div className="rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
        <h3 className="font-semibold text-slate-800">What Roster does with Okta&apos;s attributes</h3>
        <ul className="mt-2 list-disc space-y-1.5 pl-5">
          <li>
            <strong>Given Name / Family Name</strong> are required by Okta but not used: the names come from the linked
            person record, so they cannot be updated from Okta.
          </li>
          <li>
            <strong>Employee Number</strong> is only required at user creation, and only when matching by person code
            (3) or employment ID (4). Otherwise it can be left blank. It cannot be updated.
          </li>
          <li>
            <strong>Cezanne Role</strong> must be an existing role, base or custom, named by its original (untranslated)
            name — see{' '}
            <Link className="underline" href="/admin/roles">
              Roles
            </Link>
            .
          </li>
          <li>
            Only Username, Cezanne Role and Email can be updated. Deactivating a user in Okta deactivates the account;
            it stays visible.
          </li>
          <li>
            SAML mappings are created with a new user account; updating the user leaves them unchanged. To change them,
            edit them by hand.
          </li>
        </ul>
      </div>
      <p className="text-xs text-slate-600">
        Microsoft Entra ID: use the SCIM URL as the Tenant URL (adding{' '}
        <code className="font-mono break-all">?aadOptscim062020</code> gives standard PATCH requests) and the secret as
        the Secret Token. Entra&apos;s requests work in both forms. SCIM URL:{' '}
        <code className="font-mono break-all">{scimUrl}</code>
      </p>
      <p className="text-xs text-slate-600" data-testid="entra-employee-number">
        Microsoft Entra ID matching by person code (3) or employment ID (4): in Entra&apos;s attribute mappings, map the
        person code or employment ID to{' '}
        <code className="font-mono break-all">
          urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber
        </code>
        . Entra does not send it by default, and without it Roster cannot match the user to a person.
      </p>
      <p className="text-xs text-slate-600">
        The SCIM URL must end with the Tenant ID; a URL without it is answered &ldquo;the SCIM URL is missing the tenant
        ID&rdquo;.
      </p>
    </div>
  );
}
