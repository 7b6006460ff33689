'use client';
import { useTransition } from 'react';
import { reportResult } from '@/components/ui/use-action-toast';
import { changeRoleAction, setDisabledAction } from '@/app/(dashboard)/settings/members/actions';
import { Badge, Table, TableHead, td } from '@/components/ui/layout';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { STAFF_ROLES, STAFF_ROLE_LABELS, type StaffRole } from '@/lib/auth/roles';

type Member = { id: string; name: string; email: string; role: StaffRole; disabled: boolean; createdAt: string };

export function MembersTable({ members, currentId }: { members: Member[]; currentId: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <Table label="Members">
      <TableHead columns={['Name', 'Email', 'Role', 'Status']} actions />
      <tbody className="divide-y divide-slate-100">
        {members.map((member) => (
          <tr key={member.id} data-testid={`member-${member.email}`}>
            <td className={td}>{member.name}</td>
            <td className={td}>{member.email}</td>
            <td className={td}>
              {member.id === currentId ? (
                // Your own role is not a menu that refuses to open: it says why it cannot change here.
                <div>
                  <span className="font-medium">{STAFF_ROLE_LABELS[member.role]}</span>
                  <p className="text-xs text-slate-600" data-testid="own-role-note">
                    You cannot change your own role here; another owner can.
                  </p>
                </div>
              ) : (
                <>
                  <label className="sr-only" htmlFor={`role-${member.id}`}>
                    Role of {member.email}
                  </label>
                  <select
                    id={`role-${member.id}`}
                    className="rounded-md border-0 py-1 text-sm ring-1 ring-slate-300"
                    defaultValue={member.role}
                    disabled={pending}
                    onChange={(event) => {
                      const role = event.target.value;
                      startTransition(async () => {
                        reportResult(await changeRoleAction(undefined, { memberId: member.id, role }), 'Role changed');
                      });
                    }}
                  >
                    {STAFF_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {STAFF_ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                </>
              )}
            </td>
            <td className={td}>
              {member.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
            </td>
            <td className={`${td} text-right`}>
              {member.id !== currentId &&
                (member.disabled ? (
                  <ConfirmButton
                    label="Enable"
                    variant="primary"
                    title={`Enable ${member.email}?`}
                    description="They can sign in again with their password."
                    confirmLabel="Enable"
                    onConfirm={async () => {
                      reportResult(
                        await setDisabledAction(undefined, { memberId: member.id, disabled: 'false' }),
                        'Member enabled',
                      );
                    }}
                  />
                ) : (
                  <ConfirmButton
                    label="Disable"
                    title={`Disable ${member.email}?`}
                    description="They are signed out at their next request and cannot sign in until enabled again."
                    confirmLabel="Disable"
                    onConfirm={async () => {
                      reportResult(
                        await setDisabledAction(undefined, { memberId: member.id, disabled: 'true' }),
                        'Member disabled',
                      );
                    }}
                  />
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
