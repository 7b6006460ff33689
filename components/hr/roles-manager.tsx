'use client';
import { useActionState, useState } from 'react';
import { toast } from 'sonner';
import { reportResult, useActionOutcome } from '@/components/ui/use-action-toast';
import { deleteRoleAction, saveRoleAction } from '@/app/(dashboard)/admin/roles/actions';
import { Button, FormActions } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { Sheet } from '@/components/ui/sheet';
import { count } from '@/lib/format';
import { Badge, Table, TableHead, td } from '@/components/ui/layout';

type Locale = { code: string; label: string };
type Role = {
  id: string;
  originalName: string;
  isBase: boolean;
  translations: Record<string, string>;
  accountCount: number;
};

function RoleForm({ role, locales, onDone }: { role: Role | null; locales: readonly Locale[]; onDone: () => void }) {
  const [state, action] = useActionState(saveRoleAction, undefined);
  useActionOutcome(state, (data) => {
    toast.success(data.created ? 'Role added' : 'Role saved');
    onDone();
  });
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? state.values : undefined;
  return (
    <Sheet
      open
      onOpenChange={(open) => !open && onDone()}
      title={role ? `Edit ${role.originalName}` : 'Add role'}
      description="Translated names are what people see in their language; SCIM only ever matches the original name."
    >
      <form action={action} noValidate className="space-y-4" key={JSON.stringify(values ?? role?.id ?? 'new')}>
        {role && <input type="hidden" name="roleId" value={role.id} />}
        <TextField
          label="Original name"
          name="originalName"
          required
          defaultValue={values?.originalName ?? role?.originalName ?? ''}
          error={errors.originalName}
          readOnly={role?.isBase}
          hint={role?.isBase ? 'A base role keeps its original name.' : 'Exactly what Okta sends as “Cezanne Role”.'}
        />
        {locales.map((l) => (
          <TextField
            key={l.code}
            label={`${l.label} name`}
            name={`name_${l.code}`}
            lang={l.code}
            defaultValue={values?.[`name_${l.code}`] ?? role?.translations[l.code] ?? ''}
            error={errors[`name_${l.code}`]}
          />
        ))}
        <FormActions submitLabel="Save role" pendingLabel="Saving…" onCancel={onDone} />
      </form>
    </Sheet>
  );
}

export function RolesManager({ roles, locales }: { roles: Role[]; locales: readonly Locale[] }) {
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const close = () => setEditing(null);
  return (
    <div>
      <div className="space-y-4">
        <div>
          <Button onClick={() => setEditing('new')}>Add role</Button>
        </div>
        <Table label="Roles">
          <TableHead columns={['Original name', 'Type', ...locales.map((l) => l.label), 'Accounts']} actions />
          <tbody className="divide-y divide-slate-100">
            {roles.map((role) => (
              <tr key={role.id} data-testid={`role-${role.originalName}`}>
                <td className={`${td} font-medium`}>{role.originalName}</td>
                <td className={td}>{role.isBase ? <Badge>Base</Badge> : <Badge tone="blue">Custom</Badge>}</td>
                {locales.map((l) => (
                  <td key={l.code} className={td} lang={l.code}>
                    {role.translations[l.code] ?? <span className="text-slate-500">—</span>}
                  </td>
                ))}
                <td className={td}>{role.accountCount.toLocaleString('en')}</td>
                <td className={`${td} space-x-2 whitespace-nowrap text-right`}>
                  <Button variant="ghost" onClick={() => setEditing(role)} aria-label={`Edit ${role.originalName}`}>
                    Edit
                  </Button>
                  {!role.isBase && (
                    <ConfirmButton
                      label="Delete"
                      title={`Delete the role ${role.originalName}?`}
                      description={
                        role.accountCount
                          ? `${count(role.accountCount, 'user account holds', 'user accounts hold')} this role and will have none. Okta requests naming it will be refused until it exists again.`
                          : 'Okta requests naming this role will be refused afterwards.'
                      }
                      confirmLabel="Delete role"
                      onConfirm={async () => {
                        const result = await deleteRoleAction(undefined, { id: role.id });
                        reportResult(result, `Role “${role.originalName}” deleted`, 'Nothing was deleted.');
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      {editing && (
        <RoleForm
          key={editing === 'new' ? 'new' : editing.id}
          role={editing === 'new' ? null : editing}
          locales={locales}
          onDone={close}
        />
      )}
    </div>
  );
}
