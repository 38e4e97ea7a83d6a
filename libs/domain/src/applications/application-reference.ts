/**
 * An application's file number (Antragsnummer), e.g. `NWF-SPA-2027-0014`: the fund, the
 * district's code, the programme year, and the number within that district and year, padded to
 * at least four digits and growing beyond (`NWF-SPA-2027-10000`), never cut. The database assigns
 * it (ADR 0014); this is the shape everyone else may rely on.
 */
export const APPLICATION_REFERENCE_PATTERN = /^NWF-([A-Z0-9]{1,8})-(\d{4})-(\d{4,})$/;

export interface ApplicationReferenceParts {
  districtCode: string;
  programmeYear: number;
  number: number;
}

/** The parts of a well-formed reference, or null for anything else. */
export function parseApplicationReference(reference: string): ApplicationReferenceParts | null {
  const match = APPLICATION_REFERENCE_PATTERN.exec(reference);
  if (!match) return null;
  const number = Number(match[3]);
  // Padding only up to four digits: `00014` is not a reference the database would give.
  if (number < 1 || String(number).padStart(4, '0') !== match[3]) return null;
  return { districtCode: match[1]!, programmeYear: Number(match[2]), number };
}
