import type { Person } from '@/lib/hr/people';
import { formatTimestamp, type EpochMicros } from './odata';

export type EmploymentRecord = { employmentId: string; startDate: string; endDate: string | null; isPrimary: boolean };
export type AccountRecord = { userName: string; roleName: string | null; active: boolean };

/** What the People entity is built from: one person row with its employments and user account. */
export type PersonRecord = Pick<
  Person,
  | 'id'
  | 'personCode'
  | 'givenName'
  | 'familyName'
  | 'preferredGivenName'
  | 'internalEmail'
  | 'externalEmail'
  | 'jobTitle'
  | 'activeEmployee'
> & {
  departmentCode: string | null;
  modifiedMicros: EpochMicros;
  employments: EmploymentRecord[];
  account: AccountRecord | null;
};

export type DepartmentRecord = { id: string; code: string; name: string; modifiedMicros: EpochMicros };

/** Property names of the People entity, in output order (also the names `$select` accepts). */
export const PERSON_PROPERTIES = [
  'PersonCode',
  'GivenName',
  'FamilyName',
  'PreferredGivenName',
  'InternalEmail',
  'ExternalEmail',
  'JobTitle',
  'DepartmentCode',
  'ActiveEmployee',
  'StartDate',
  'LeavingDate',
  'Employments',
  'UserAccount',
  'LastModified',
] as const;

export const DEPARTMENT_PROPERTIES = ['DepartmentCode', 'DepartmentName', 'LastModified'] as const;

export type ODataEmployment = {
  EmploymentId: string;
  StartDate: string;
  EndDate: string | null;
  PrimaryEmployment: boolean;
};
export type ODataPerson = {
  PersonCode: string;
  GivenName: string;
  FamilyName: string;
  PreferredGivenName: string | null;
  InternalEmail: string | null;
  ExternalEmail: string | null;
  JobTitle: string | null;
  DepartmentCode: string | null;
  ActiveEmployee: boolean;
  StartDate: string | null;
  LeavingDate: string | null;
  Employments: ODataEmployment[];
  UserAccount: { Username: string; Role: string | null; Active: boolean } | null;
  LastModified: string;
};
export type ODataDepartment = { DepartmentCode: string; DepartmentName: string; LastModified: string };

/**
 * The person's start is their earliest employment start; they have left only when every employment has ended,
 * on the latest end date.
 */
export function startAndLeavingDates(employments: EmploymentRecord[]): {
  start: string | null;
  leaving: string | null;
} {
  let start: string | null = null;
  let leaving: string | null = null;
  let open = false;
  for (const { startDate, endDate } of employments) {
    if (start === null || startDate < start) start = startDate;
    if (endDate === null) open = true;
    else if (leaving === null || endDate > leaving) leaving = endDate;
  }
  return { start, leaving: open ? null : leaving };
}

export function toODataPerson(person: PersonRecord): ODataPerson {
  const { start, leaving } = startAndLeavingDates(person.employments);
  return {
    PersonCode: person.personCode,
    GivenName: person.givenName,
    FamilyName: person.familyName,
    PreferredGivenName: person.preferredGivenName,
    InternalEmail: person.internalEmail,
    ExternalEmail: person.externalEmail,
    JobTitle: person.jobTitle,
    DepartmentCode: person.departmentCode,
    ActiveEmployee: person.activeEmployee,
    StartDate: start,
    LeavingDate: leaving,
    Employments: person.employments.map((e) => ({
      EmploymentId: e.employmentId,
      StartDate: e.startDate,
      EndDate: e.endDate,
      PrimaryEmployment: e.isPrimary,
    })),
    UserAccount: person.account
      ? { Username: person.account.userName, Role: person.account.roleName, Active: person.account.active }
      : null,
    LastModified: formatTimestamp(person.modifiedMicros),
  };
}

export function toODataDepartment(department: DepartmentRecord): ODataDepartment {
  return {
    DepartmentCode: department.code,
    DepartmentName: department.name,
    LastModified: formatTimestamp(department.modifiedMicros),
  };
}

/** OData key syntax: `'O''Brien'` for the code `O'Brien`. */
export function odataKey(code: string): string {
  return `'${code.replace(/'/g, "''")}'`;
}
