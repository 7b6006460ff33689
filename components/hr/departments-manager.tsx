'use client';
import { useActionState, useState } from 'react';
import Link from 'next/link';
import { toast } from 'sonner';
import { reportResult, useActionOutcome } from '@/components/ui/use-action-toast';
import { deleteDepartmentAction, saveDepartmentAction } from '@/app/(dashboard)/admin/departments/actions';
import { Button, FormActions } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { Sheet } from '@/components/ui/sheet';
import { EmptyState, Table, TableHead, td } from '@/components/ui/layout';

type Department = { id: string; name: string; code: string; peopleCount: number };

function DepartmentForm({ department, onDone }: { department: Department | null; onDone: () => void }) {
  const [state, action] = useActionState(saveDepartmentAction, undefined);
  useActionOutcome(state, (data) => {
    toast.success(data.created ? `Department “${data.name}” created` : `Department renamed to “${data.name}”`);
    onDone();
  });
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? state.values : undefined;
  return (
    <Sheet
      open
      onOpenChange={(open) => !open && onDone()}
      title={department ? `Rename ${department.name}` : 'New department'}
      description="Departments become the groups in Directory Sync."
    >
      <form action={action} noValidate className="space-y-4" key={JSON.stringify(values ?? department?.id ?? 'new')}>
        {department && <input type="hidden" name="departmentId" value={department.id} />}
        <TextField
          label="Department name"
          name="name"
          required
          defaultValue={values?.name ?? department?.name ?? ''}
          error={errors.name}
        />
        <TextField
          label="Department code"
          name="code"
          defaultValue={values?.code ?? department?.code ?? ''}
          error={errors.code}
          hint="Optional: made from the name when left empty."
        />
        <FormActions submitLabel="Save department" pendingLabel="Saving…" onCancel={onDone} />
      </form>
    </Sheet>
  );
}

export function DepartmentsManager({ departments }: { departments: Department[] }) {
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const close = () => setEditing(null);
  return (
    <div>
      <div className="space-y-4">
        <div>
          <Button onClick={() => setEditing('new')}>New department</Button>
        </div>
        {departments.length === 0 ? (
          <EmptyState
            title="No departments yet"
            description="Create the departments people belong to. Each person belongs to at most one."
          />
        ) : (
          <Table label="Departments">
            <TableHead columns={['Name', 'Code', 'People']} actions />
            <tbody className="divide-y divide-slate-100">
              {departments.map((d) => (
                <tr key={d.id}>
                  <td className={`${td} font-medium`}>
                    <Link href={`/admin/people?department=${d.id}`} className="text-brand-700 hover:underline">
                      {d.name}
                    </Link>
                  </td>
                  <td className={`${td} font-mono text-xs`}>{d.code}</td>
                  <td className={td}>{d.peopleCount.toLocaleString('en')}</td>
                  <td className={`${td} space-x-2 whitespace-nowrap text-right`}>
                    <Button variant="ghost" onClick={() => setEditing(d)} aria-label={`Rename ${d.name}`}>
                      Rename
                    </Button>
                    <ConfirmButton
                      label="Delete"
                      title={`Delete ${d.name}?`}
                      description={
                        d.peopleCount
                          ? `Its ${d.peopleCount.toLocaleString('en')} people keep their records and will have no department. Directory Sync removes the group at its next sync.`
                          : 'Nobody belongs to it. Directory Sync removes the group at its next sync.'
                      }
                      confirmLabel="Delete department"
                      onConfirm={async () => {
                        const result = await deleteDepartmentAction(undefined, { id: d.id });
                        reportResult(result, `Department “${d.name}” deleted`, 'Nothing was deleted.');
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
      {editing && (
        <DepartmentForm
          key={editing === 'new' ? 'new' : editing.id}
          department={editing === 'new' ? null : editing}
          onDone={close}
        />
      )}
    </div>
  );
}
