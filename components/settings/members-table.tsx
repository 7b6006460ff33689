'use client';
import { useState, useTransition } from 'react';
import { reportResult } from '@/components/ui/use-action-toast';
import {
  changeRoleAction,
  deleteMemberAction,
  resetPasswordAction,
  setDisabledAction,
} from '@/app/(dashboard)/settings/members/actions';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { Badge, Table, TableHead, td } from '@/components/ui/layout';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { STAFF_ROLES, STAFF_ROLE_LABELS, type StaffRole } from '@/lib/auth/roles';

type Member = { id: string; name: string; email: string; role: StaffRole; disabled: boolean; createdAt: string };

export function MembersTable({ members, currentId }: { members: Member[]; currentId: string }) {
  const [pending, startTransition] = useTransition();
  const [issued, setIssued] = useState<{ email: string; oneTimePassword: string } | null>(null);
  return (
    <>
      <Table label="Members">
        <TableHead columns={['Name', 'Email', 'Role', 'Status']} actions />
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => (
            <tr key={member.id} data-testid={`member-${member.email}`}>
              <td className={td}>{member.name}</td>
              <td className={td}>{member.email}</td>
              <td className={td}>
                {member.id === currentId ? (
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
                          reportResult(
                            await changeRoleAction(undefined, { memberId: member.id, role }),
                            'Role changed',
                          );
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
              <td className={`${td} space-x-2 whitespace-nowrap text-right`}>
                {member.id !== currentId && (
                  <ConfirmButton
                    label="Reset password"
                    variant="primary"
                    title={`Reset the password of ${member.email}?`}
                    description="Their current password stops working and they are signed out. You get a one-time password to hand over; they choose their own after signing in."
                    confirmLabel="Reset password"
                    onConfirm={async () => {
                      const result = await resetPasswordAction(undefined, { memberId: member.id });
                      if (reportResult(result, 'Password reset') && result.data) setIssued(result.data);
                    }}
                  />
                )}
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
                {member.id !== currentId && (
                  <ConfirmButton
                    label="Delete"
                    title={`Delete ${member.email}?`}
                    description="Their account is removed and they cannot sign in again. What they created stays; the audit log keeps their email. This cannot be undone."
                    confirmLabel="Delete member"
                    onConfirm={async () => {
                      reportResult(await deleteMemberAction(undefined, { memberId: member.id }), 'Member deleted');
                    }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Dialog
        open={issued !== null}
        onOpenChange={(open) => !open && setIssued(null)}
        title={`One-time password for ${issued?.email ?? ''}`}
        description="It will not be shown again. Hand it over safely; they choose their own password after signing in."
      >
        {issued && (
          <div className="mt-4 space-y-4" data-testid="one-time-password-panel">
            <div className="flex items-center gap-2">
              <code
                className="flex-1 break-all rounded bg-slate-100 px-2 py-1 font-mono"
                data-testid="one-time-password"
              >
                {issued.oneTimePassword}
              </code>
              <CopyButton value={issued.oneTimePassword} what="One-time password" />
            </div>
            <div className="flex justify-end">
              <Button variant="secondary" onClick={() => setIssued(null)}>
                Done
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}
