'use client';
import { useActionState, useState, useTransition } from 'react';
import { toast } from 'sonner';
import { reportResult, useActionOutcome } from '@/components/ui/use-action-toast';
import {
  addEmploymentAction,
  makePrimaryEmploymentAction,
  removeEmploymentAction,
} from '@/app/(dashboard)/admin/people/actions';
import { Button, FormActions } from '@/components/ui/button';
import { hasEnded, todayIso } from '@/lib/hr/leaver-rule';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { Sheet } from '@/components/ui/sheet';
import { Badge, Card, TableHead, td } from '@/components/ui/layout';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { EditEmploymentButton } from './edit-employment-button';

type Employment = { id: string; employmentId: string; startDate: string; endDate: string | null; isPrimary: boolean };

function AddEmploymentForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const [state, action] = useActionState(addEmploymentAction, undefined);
  useActionOutcome(state, (data) => {
    toast.success(
      data?.becameLeaver
        ? 'Employment added. Its end date has passed, so this person is now a leaver (inactive).'
        : 'Employment added',
    );
    onDone();
  });
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} noValidate className="space-y-4" key={JSON.stringify(values)} aria-label="Add employment">
      <input type="hidden" name="personId" value={personId} />
      <div className="space-y-4">
        <TextField
          label="Employment ID"
          name="employmentId"
          required
          defaultValue={values.employmentId}
          error={errors.employmentId}
        />
        <TextField
          label="Start date"
          name="startDate"
          required
          type="date"
          defaultValue={values.startDate}
          error={errors.startDate}
        />
        <TextField label="End date" name="endDate" type="date" defaultValue={values.endDate} error={errors.endDate} />
      </div>
      <CheckboxField
        label="Primary employment"
        name="primaryEmployment"
        defaultChecked={values.primaryEmployment === 'on'}
        hint="Replaces the current primary employment."
      />
      <FormActions submitLabel="Add employment" pendingLabel="Adding…" onCancel={onDone} />
    </form>
  );
}

export function EmploymentsCard({ personId, employments }: { personId: string; employments: Employment[] }) {
  const [adding, setAdding] = useState(false);
  const [pending, startTransition] = useTransition();
  const today = todayIso();
  return (
    <Card
      title="Employments"
      description="Employment IDs are unique in your company. The primary employment decides whether the person is a leaver."
    >
      {employments.length === 0 ? (
        <p className="text-sm text-slate-500">No employment yet.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Employments">
            <TableHead columns={['Employment ID', 'Start date', 'End date', 'Primary']} actions plain />
            <tbody className="divide-y divide-slate-100">
              {employments.map((e) => (
                <tr key={e.id}>
                  <td className={`${td} font-mono text-xs`}>{e.employmentId}</td>
                  <td className={td}>{e.startDate}</td>
                  <td className={td}>
                    {e.endDate ?? <span className="text-slate-500">—</span>}
                    {hasEnded(e.endDate, today) && <span className="ml-2 text-xs text-slate-500">(ended)</span>}
                  </td>
                  <td className={td}>{e.isPrimary ? <Badge tone="blue">Primary</Badge> : null}</td>
                  <td className={`${td} space-x-2 text-right whitespace-nowrap`}>
                    <EditEmploymentButton personId={personId} employment={e} />
                    {!e.isPrimary && (
                      <Button
                        variant="ghost"
                        disabled={pending}
                        onClick={() =>
                          startTransition(async () => {
                            const result = await makePrimaryEmploymentAction(undefined, {
                              personId,
                              employmentRecordId: e.id,
                            });
                            reportResult(
                              result,
                              result.data?.becameLeaver
                                ? 'Primary employment changed; it has ended, so this person is a leaver.'
                                : 'Primary employment changed',
                              'Nothing was changed.',
                            );
                          })
                        }
                      >
                        Make primary
                      </Button>
                    )}
                    <ConfirmButton
                      label="Remove"
                      title={`Remove employment ${e.employmentId}?`}
                      description="The employment is deleted; the person record stays. SCIM can no longer match this person by this employment ID."
                      confirmLabel="Remove employment"
                      onConfirm={async () => {
                        const result = await removeEmploymentAction(undefined, { personId, employmentRecordId: e.id });
                        reportResult(result, 'Employment removed', 'Nothing was changed.');
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-4">
        <Button variant="secondary" onClick={() => setAdding(true)}>
          Add employment
        </Button>
      </div>
      <Sheet open={adding} onOpenChange={setAdding} title="Add employment">
        <AddEmploymentForm personId={personId} onDone={() => setAdding(false)} />
      </Sheet>
    </Card>
  );
}
