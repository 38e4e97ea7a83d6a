/// <reference types="jest" />
import { programmeYears } from './programmeYears';

describe('programmeYears', () => {
  it('offers two years ahead down to two back, newest first', () => {
    expect(programmeYears(undefined, 2026)).toEqual([2028, 2027, 2026, 2025, 2024]);
  });

  it('puts a chosen year outside the range in its place', () => {
    expect(programmeYears(2030, 2026)).toEqual([2030, 2028, 2027, 2026, 2025, 2024]);
    expect(programmeYears(2019, 2026)).toEqual([2028, 2027, 2026, 2025, 2024, 2019]);
  });

  it('lists a chosen year inside the range once', () => {
    expect(programmeYears(2027, 2026)).toEqual([2028, 2027, 2026, 2025, 2024]);
  });
});
