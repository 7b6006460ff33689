'use client';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { saveScimSettingsAction } from '@/app/(dashboard)/admin/integrations/scim/actions';
import { SubmitButton } from '@/components/ui/button';
import { FormAlert, SelectField } from '@/components/ui/field';
import { useActionToast } from '@/components/ui/use-action-toast';
import { MATCH_METHOD_LABELS, MATCH_METHODS, USER_IDENTIFIER_LABELS, USER_IDENTIFIERS, type MatchMethod } from '@/lib/scim/settings-schema';
import { Switch } from '@/components/ui/switch';

type Props = {
  matchMethod: MatchMethod;
  createSamlMappings: boolean;
  identityProviderId: string | null;
  identityProviders: { id: string; name: string }[];
};

export function ScimSettingsForm(props: Props) {
  const [state, action] = useActionState(saveScimSettingsAction, undefined);
  useActionToast(state, 'SCIM settings saved');
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const errors = state?.fieldErrors ?? {};
  const [saml, setSaml] = useState(props.createSamlMappings);
  const matchMethod = values.matchMethod ?? props.matchMethod;
  const idp = values.identityProviderId ?? props.identityProviderId ?? '';

  return (
    <form action={action} className="space-y-6" noValidate>
      <div role="radiogroup" aria-labelledby="match-method-label" aria-describedby="match-method-hint" className="space-y-2">
        <p id="match-method-label" className="text-sm font-semibold text-slate-800">
          Match User from Provider to Cezanne
        </p>
        <p id="match-method-hint" className="text-xs text-slate-500">
          How a user that Okta provisions is linked to an existing person record. Accounts are only created for people who already exist.
        </p>
        <div className="grid gap-2 sm:grid-cols-2">
          {MATCH_METHODS.map((method, i) => (
            <div key={method} className="flex items-start gap-3 rounded-md p-3 ring-1 ring-slate-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500">
              <input
                id={`match-${method}`}
                type="radio"
                name="matchMethod"
                value={method}
                defaultChecked={matchMethod === method}
                aria-describedby={`match-${method}-hint`}
                className="mt-1 size-4 accent-brand-600"
              />
              <div>
                <label htmlFor={`match-${method}`} className="text-sm font-medium text-slate-800">
                  <span aria-hidden className="mr-1 text-slate-400">{i + 1}.</span>
                  {MATCH_METHOD_LABELS[method].label}
                </label>
                <p id={`match-${method}-hint`} className="text-xs text-slate-500">
                  {MATCH_METHOD_LABELS[method].hint}
                </p>
              </div>
            </div>
          ))}
        </div>
        {errors.matchMethod && (
          <p className="text-xs text-red-600" data-testid="error-matchMethod">
            {errors.matchMethod}
          </p>
        )}
      </div>

      <div className="space-y-4 border-t border-slate-100 pt-5">
        <Switch
          label="Create SAML SSO Mappings"
          name="createSamlMappings"
          checked={saml}
          onChange={(event) => setSaml(event.target.checked)}
          description="If you intend to use SSO: each new user account gets a SAML mapping for the identity provider below. Updates never change it; edit mappings by hand."
        />
        {saml && (
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label="Identity Provider"
              name="identityProviderId"
              defaultValue={idp}
              error={errors.identityProviderId}
              hint={
                props.identityProviders.length === 0 ? (
                  <>
                    No identity providers yet.{' '}
                    <Link className="underline" href="/admin/identity-providers">
                      Add your Okta identity provider
                    </Link>{' '}
                    first.
                  </>
                ) : (
                  'The identity provider that corresponds to your Okta identity provider.'
                )
              }
            >
              <option value="">Choose an identity provider…</option>
              {props.identityProviders.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <SelectField label="User Identifier" name="userIdentifier" defaultValue="scim_username" error={errors.userIdentifier} hint="The SAML user identifier is the SCIM userName.">
              {USER_IDENTIFIERS.map((id) => (
                <option key={id} value={id}>
                  {USER_IDENTIFIER_LABELS[id]}
                </option>
              ))}
            </SelectField>
          </div>
        )}
      </div>

      {state && !state.ok && state.formError && !Object.keys(errors).length && <FormAlert message={state.formError} />}
      <div className="flex justify-end border-t border-slate-100 pt-4">
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}
