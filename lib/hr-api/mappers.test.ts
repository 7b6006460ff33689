import { describe, expect, it } from 'vitest';
import {
  DEPARTMENT_PROPERTIES,
  odataKey,
  PERSON_PROPERTIES,
  startAndLeavingDates,
  toODataDepartment,
  toODataPerson,
  type PersonRecord,
} from './mappers';
import { serviceMetadataXml } from './metadata';

const employment = (startDate: string, endDate: string | null, isPrimary = false) => ({
  employmentId: startDate,
  startDate,
  endDate,
  isPrimary,
});

describe('People mapper', () => {
  it('start date is the earliest employment start; leaving date only when every employment has ended (the latest end)', () => {
    expect(startAndLeavingDates([])).toEqual({ start: null, leaving: null });
    expect(
      startAndLeavingDates([employment('2021-01-01', '2022-01-01'), employment('2019-05-01', '2020-01-01')]),
    ).toEqual({
      start: '2019-05-01',
      leaving: '2022-01-01',
    });
    expect(startAndLeavingDates([employment('2021-01-01', null), employment('2019-05-01', '2020-01-01')])).toEqual({
      start: '2019-05-01',
      leaving: null,
    });
  });

  it('toODataPerson emits exactly the People properties, in order', () => {
    const person: PersonRecord = {
      id: 'x',
      personCode: 'P1',
      givenName: 'A',
      familyName: 'B',
      preferredGivenName: null,
      internalEmail: null,
      externalEmail: null,
      jobTitle: null,
      departmentCode: null,
      activeEmployee: true,
      modifiedMicros: 1_767_225_600_000_000n,
      employments: [],
      account: null,
    };
    const entity = toODataPerson(person);
    expect(Object.keys(entity)).toEqual([...PERSON_PROPERTIES]);
    expect(entity.LastModified).toBe('2026-01-01T00:00:00.000000Z');
    expect(Object.keys(toODataDepartment({ id: 'd', code: 'C', name: 'N', modifiedMicros: 0n }))).toEqual([
      ...DEPARTMENT_PROPERTIES,
    ]);
  });

  it('$metadata declares every property the mappers emit', () => {
    const xml = serviceMetadataXml();
    for (const name of [...PERSON_PROPERTIES, ...DEPARTMENT_PROPERTIES])
      expect(xml).toContain(`<Property Name="${name}"`);
  });

  it("keys double their quotes: O'Brien → 'O''Brien'", () => {
    expect(odataKey("O'Brien")).toBe("'O''Brien'");
  });
});
