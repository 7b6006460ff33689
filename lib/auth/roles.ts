export const STAFF_ROLES = ['owner', 'hr_professional', 'it_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  owner: 'Owner',
  hr_professional: 'HR Professional',
  it_admin: 'IT admin',
};

/** Who may use each area. The owner may use everything. */
export const AREA_ROLES = {
  administration: ['owner', 'hr_professional'],
  directorySync: ['owner', 'it_admin'],
  members: ['owner'],
  /** Which directory integrations may be used (the Cezanne HR switch): owners only, as WorkOS support enables them. */
  directorySyncSettings: ['owner'],
  auditLog: ['owner', 'hr_professional'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Area = keyof typeof AREA_ROLES;

export function canUse(role: StaffRole, area: Area): boolean {
  return (AREA_ROLES[area] as readonly StaffRole[]).includes(role);
}
