import type { LegalRepresentative } from '@kiezfonds/persistence';

/** A carrier organisation as the API answers it. */
export interface OrganisationView {
  id: string;
  name: string;
  legalForm: string;
  street: string;
  postalCode: string;
  city: string;
  /** Name and function of each legal representative, in the order given; at least one once filled in. */
  legalRepresentatives: LegalRepresentative[];
  financeRegistrationNumber: string | null;
  vatDeductible: boolean;
  iban: string | null;
  /** Null until a coordinator or admin has verified the organisation. */
  verifiedAt: Date | null;
  createdAt: Date;
}

export interface OrganisationRow {
  id: string;
  name: string;
  legal_form: string;
  street: string;
  postal_code: string;
  city: string;
  legal_representatives: LegalRepresentative[];
  finance_registration_number: string | null;
  vat_deductible: boolean;
  iban: string | null;
  verified_at: Date | null;
  created_at: Date;
}

export const ORGANISATION_COLUMNS =
  'id, name, legal_form, street, postal_code, city, legal_representatives, finance_registration_number, vat_deductible, iban, verified_at, created_at';

export function describeOrganisation(row: OrganisationRow): OrganisationView {
  return {
    id: row.id,
    name: row.name,
    legalForm: row.legal_form,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    legalRepresentatives: row.legal_representatives.map(({ name, role }) => ({ name, role })),
    financeRegistrationNumber: row.finance_registration_number,
    vatDeductible: row.vat_deductible,
    iban: row.iban,
    verifiedAt: row.verified_at,
    createdAt: row.created_at,
  };
}

/**
 * The list as a jsonb parameter: pg would send a JavaScript array as a Postgres array, so it goes as
 * JSON text, with only the two known keys.
 */
export function legalRepresentativesJson(representatives: readonly LegalRepresentative[]): string {
  return JSON.stringify(representatives.map(({ name, role }) => ({ name, role })));
}
