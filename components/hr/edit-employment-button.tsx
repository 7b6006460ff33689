'use client';
import { useActionState, useState } from 'react';
import { toast } from 'sonner';
import { updateEmploymentAction } from '@/app/(dashboard)/admin/people/actions';
import { Button, FormActions } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Sheet } from '@/components/ui/sheet';
import { useActionOutcome } from '@/components/ui/use-action-toast';

type Employment = { id: string; employmentId: string; startDate: string; endDate: string | null; isPrimary: boolean };

function EditEmploymentForm({
  personId,
  employment,
  onDone,
}: {
  personId: string;
  employment: Employment;
  onDone: () => void;
}) {
  const [state, action] = useActionState(updateEmploymentAction, undefined);
  useActionOutcome(state, (data) => {
    toast.success(
      data?.becameLeaver
        ? 'Employment saved. Its end date has passed, so this person is now a leaver (inactive).'
        : 'Employment saved',
    );
    onDone();
  });
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} noValidate className="space-y-4" key={JSON.stringify(values)} aria-label="Edit employment">
      <input type="hidden" name="personId" value={personId} />
      <input type="hidden" name="employmentRecordId" value={employment.id} />
      <TextField
        label="Employment ID"
        name="employmentId"
        defaultValue={values.employmentId ?? employment.employmentId}
        error={errors.employmentId}
      />
      <TextField
        label="Start date"
        name="startDate"
        type="date"
        defaultValue={values.startDate ?? employment.startDate}
        error={errors.startDate}
      />
      <TextField
        label="End date"
        name="endDate"
        type="date"
        defaultValue={values.endDate ?? employment.endDate ?? ''}
        error={errors.endDate}
        hint={employment.isPrimary ? 'An end date in the past makes this person a leaver.' : undefined}
      />
      <FormActions submitLabel="Save employment" pendingLabel="Saving…" onCancel={onDone} />
    </form>
  );
}

/** "Edit" on any employment row: ID and dates in a side panel. */
export function EditEmploymentButton({ personId, employment }: { personId: string; employment: Employment }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)} aria-label={`Edit employment ${employment.employmentId}`}>
        Edit
      </Button>
      <Sheet
        open={open}
        onOpenChange={setOpen}
        title={`Edit employment ${employment.employmentId}`}
        description={employment.isPrimary ? 'The primary employment.' : 'Not the primary employment.'}
      >
        {open && <EditEmploymentForm personId={personId} employment={employment} onDone={() => setOpen(false)} />}
      </Sheet>
    </>
  );
}
