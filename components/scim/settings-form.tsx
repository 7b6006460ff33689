'use client';
import Link from 'next/link';
import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { saveScimSettingsAction } from '@/app/(dashboard)/admin/integrations/scim/actions';
import { buttonClass } from '@/components/ui/button-class';
import { FormAlert, SelectField } from '@/components/ui/field';
import { useUnsavedChangesWarning } from '@/components/ui/use-unsaved-changes';
import {
  MATCH_METHOD_LABELS,
  MATCH_METHODS,
  USER_IDENTIFIER_LABELS,
  USER_IDENTIFIERS,
  type MatchMethod,
} from '@/lib/scim/settings-schema';
import { Switch } from '@/components/ui/switch';

type Settings = {
  matchMethod: MatchMethod;
  createSamlMappings: boolean;
  identityProviderId: string | null;
  userIdentifier: (typeof USER_IDENTIFIERS)[number];
};

type Props = Settings & { identityProviders: { id: string; name: string }[] };

const sameSettings = (a: Settings, b: Settings) =>
  a.matchMethod === b.matchMethod &&
  a.createSamlMappings === b.createSamlMappings &&
  (a.identityProviderId ?? '') === (b.identityProviderId ?? '') &&
  a.userIdentifier === b.userIdentifier;

/** The form data a save sends: every setting, always, so that nothing the user did not touch can change. */
function toFormData(draft: Settings): FormData {
  const form = new FormData();
  form.set('matchMethod', draft.matchMethod);
  if (draft.createSamlMappings) form.set('createSamlMappings', 'on');
  form.set('identityProviderId', draft.identityProviderId ?? '');
  form.set('userIdentifier', draft.userIdentifier);
  return form;
}

/**
 * "Matching and SSO": a controlled form that always shows what is stored. It is submitted by hand rather than through
 * `<form action>`, because React resets a form after its action, which showed the stored SAML settings as off and let
 * the next Save store them off.
 */
export function ScimSettingsForm({ identityProviders, ...props }: Props) {
  const stored: Settings = {
    matchMethod: props.matchMethod,
    createSamlMappings: props.createSamlMappings,
    identityProviderId: props.identityProviderId,
    userIdentifier: props.userIdentifier,
  };
  const [draft, setDraft] = useState<Settings>(stored);
  const [shown, setShown] = useState<Settings>(stored);
  // When the stored settings change (after a save, or another person's), show them.
  if (!sameSettings(shown, stored)) {
    setShown(stored);
    setDraft(stored);
  }
  const [state, dispatch, pending] = useActionState(saveScimSettingsAction, undefined);
  const errors = state?.fieldErrors ?? {};
  const dirty = !sameSettings(draft, stored);
  const formRef = useRef<HTMLFormElement>(null);
  useUnsavedChangesWarning(dirty);

  useEffect(() => {
    if (!state) return;
    if (state.ok) toast.success(state.data?.changed.length ? 'SCIM settings saved' : 'No changes to save');
    else {
      if (state.formError && !state.fieldErrors) toast.error(state.formError);
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }, [state]);

  const update = (patch: Partial<Settings>) => setDraft((current) => ({ ...current, ...patch }));

  return (
    <form
      ref={formRef}
      className="space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(() => dispatch(toFormData(draft)));
      }}
    >
      <div
        role="radiogroup"
        aria-labelledby="match-method-label"
        aria-describedby="match-method-hint"
        className="space-y-2"
      >
        <p id="match-method-label" className="text-sm font-semibold text-slate-800">
          Match User from Provider to Cezanne
        </p>
        <p id="match-method-hint" className="text-xs text-slate-600">
          How a user that Okta provisions is linked to an existing person record in Roster. Accounts are only created
          for people who already exist.
        </p>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {MATCH_METHODS.map((method, i) => (
            <div
              key={method}
              className="flex items-start gap-3 rounded-md p-3 ring-1 ring-slate-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500"
            >
              <input
                id={`match-${method}`}
                type="radio"
                name="matchMethod"
                value={method}
                checked={draft.matchMethod === method}
                onChange={() => update({ matchMethod: method })}
                aria-describedby={`match-${method}-hint`}
                className="mt-1 size-4 accent-brand-600"
              />
              <div>
                <label htmlFor={`match-${method}`} className="text-sm font-medium text-slate-800">
                  <span aria-hidden className="mr-1 text-slate-600">
                    {i + 1}.
                  </span>
                  {MATCH_METHOD_LABELS[method].label}
                </label>
                <p id={`match-${method}-hint`} className="text-xs text-slate-600">
                  {MATCH_METHOD_LABELS[method].hint}
                </p>
              </div>
            </div>
          ))}
        </div>
        {errors.matchMethod && (
          <p className="text-xs text-red-700" data-testid="error-matchMethod">
            {errors.matchMethod}
          </p>
        )}
      </div>

      <div className="space-y-4 border-t border-slate-100 pt-5">
        <Switch
          label="Create SAML SSO Mappings"
          name="createSamlMappings"
          checked={draft.createSamlMappings}
          onChange={(event) => update({ createSamlMappings: event.target.checked })}
          description="If you intend to use SSO: each new user account gets a SAML mapping for the identity provider below. Updates never change it; edit mappings by hand."
        />
        {draft.createSamlMappings && (
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <SelectField
              label="Identity Provider"
              name="identityProviderId"
              required
              value={draft.identityProviderId ?? ''}
              onChange={(event) => update({ identityProviderId: event.target.value || null })}
              error={errors.identityProviderId}
              hint={
                identityProviders.length === 0 ? (
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
              {identityProviders.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="User Identifier"
              name="userIdentifier"
              value={draft.userIdentifier}
              onChange={(event) => update({ userIdentifier: event.target.value as Settings['userIdentifier'] })}
              error={errors.userIdentifier}
              hint="The SAML user identifier is the SCIM userName."
            >
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
      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 pt-4">
        {dirty && (
          <p className="text-xs text-slate-600" data-testid="scim-settings-unsaved">
            Unsaved changes
          </p>
        )}
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass('primary')}>
          {pending && (
            <span
              className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent"
              aria-hidden
            />
          )}
          {pending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
