'use client';
import { useActionState, useEffect } from 'react';
import { useRouter } from 'next/navigation';
import Link from 'next/link';
import { toast } from 'sonner';
import { createPersonAction, updatePersonAction } from '@/app/(dashboard)/admin/people/actions';
import { SelectField, TextField, RequiredNote } from '@/components/ui/field';
import { buttonClass, SubmitButton } from '@/components/ui/button';
import { Card } from '@/components/ui/layout';
import { CheckboxField } from '@/components/ui/checkbox-field';

export type PersonFormValues = {
  personId?: string;
  employmentRecordId?: string;
  personCode: string;
  givenName: string;
  familyName: string;
  preferredGivenName: string;
  internalEmail: string;
  externalEmail: string;
  departmentId: string;
  jobTitle: string;
  activeEmployee: boolean;
  employmentId: string;
  startDate: string;
  endDate: string;
  primaryEmployment: boolean;
};

type Props = { initial: PersonFormValues; departments: { id: string; name: string }[]; cancelHref: string };

/** Create or edit a person with their first (primary) employment. */
export function PersonForm({ initial, departments, cancelHref }: Props) {
  const editing = Boolean(initial.personId);
  const [state, action] = useActionState(editing ? updatePersonAction : createPersonAction, undefined);
  const router = useRouter();
  useEffect(() => {
    if (!state) return;
    if (state.ok && state.data) {
      toast.success(
        state.data.leaver
          ? 'Person saved. Their primary employment has ended, so they are a leaver (inactive).'
          : 'Person saved',
      );
      router.push(`/admin/people/${state.data.id}`);
      router.refresh();
    } else if (state.ok === false && state.formError) {
      toast.error(state.formError);
    }
  }, [state, router]);
  const errors = state?.fieldErrors ?? {};
  const submitted = state && !state.ok ? state.values : undefined;
  const text = (name: keyof PersonFormValues) => (submitted ? (submitted[name] ?? '') : String(initial[name] ?? ''));
  const checked = (name: 'activeEmployee' | 'primaryEmployment') =>
    submitted ? submitted[name] === 'on' : initial[name];
  // Re-mount the form after each failed submit so the typed values come back as its defaults.
  const formKey = submitted ? JSON.stringify(submitted) : 'initial';

  return (
    <form action={action} noValidate key={formKey} className="space-y-6">
      <RequiredNote />
      {initial.personId && <input type="hidden" name="personId" value={initial.personId} />}
      {initial.employmentRecordId && (
        <input type="hidden" name="employmentRecordId" value={initial.employmentRecordId} />
      )}
      <Card
        title="Person"
        description="The person code and emails are unique in your company; emails are compared ignoring case."
      >
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <TextField
            label="Person code"
            name="personCode"
            required
            defaultValue={text('personCode')}
            error={errors.personCode}
            autoComplete="off"
          />
          <TextField label="Job title" name="jobTitle" defaultValue={text('jobTitle')} error={errors.jobTitle} />
          <TextField
            label="Given name"
            name="givenName"
            required
            defaultValue={text('givenName')}
            error={errors.givenName}
          />
          <TextField
            label="Family name"
            name="familyName"
            required
            defaultValue={text('familyName')}
            error={errors.familyName}
          />
          <TextField
            label="Preferred given name"
            name="preferredGivenName"
            defaultValue={text('preferredGivenName')}
            error={errors.preferredGivenName}
            hint="Shown instead of the given name where set."
          />
          <SelectField
            label="Department"
            name="departmentId"
            defaultValue={text('departmentId')}
            error={errors.departmentId}
          >
            <option value="">No department</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Internal email"
            name="internalEmail"
            type="email"
            defaultValue={text('internalEmail')}
            error={errors.internalEmail}
            hint="The work address; SCIM can match users by it."
          />
          <TextField
            label="External email"
            name="externalEmail"
            type="email"
            defaultValue={text('externalEmail')}
            error={errors.externalEmail}
            hint="A personal address, optional."
          />
        </div>
        <div className="mt-4">
          <CheckboxField
            label="Active employee"
            name="activeEmployee"
            defaultChecked={checked('activeEmployee')}
            error={errors.activeEmployee}
            hint="Cleared automatically when the primary employment has ended: that person is a leaver."
          />
        </div>
      </Card>
      <Card
        title={editing ? 'Employment' : 'First employment'}
        description={
          editing
            ? 'The primary employment (add or remove others on the person’s page).'
            : 'Optional here; the employment ID is unique in your company. SCIM can match users by it.'
        }
      >
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <TextField
            label="Employment ID"
            name="employmentId"
            defaultValue={text('employmentId')}
            error={errors.employmentId}
            autoComplete="off"
          />
          <TextField
            label="Start date"
            name="startDate"
            type="date"
            defaultValue={text('startDate')}
            error={errors.startDate}
          />
          <TextField
            label="End date"
            name="endDate"
            type="date"
            defaultValue={text('endDate')}
            error={errors.endDate}
            hint="Leave empty while employed."
          />
        </div>
        <div className="mt-4">
          <CheckboxField
            label="Primary employment"
            name="primaryEmployment"
            defaultChecked={checked('primaryEmployment')}
            error={errors.primaryEmployment}
          />
        </div>
      </Card>
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Saving…">Save person</SubmitButton>
        <Link href={cancelHref} className={buttonClass('secondary')}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
