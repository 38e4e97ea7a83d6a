/** A carrier organisation as the API answers it. */
export interface OrganisationView {
  id: string;
  name: string;
  legalForm: string;
  street: string;
  postalCode: string;
  city: string;
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
  finance_registration_number: string | null;
  vat_deductible: boolean;
  iban: string | null;
  verified_at: Date | null;
  created_at: Date;
}

export const ORGANISATION_COLUMNS =
  'id, name, legal_form, street, postal_code, city, finance_registration_number, vat_deductible, iban, verified_at, created_at';

export function describeOrganisation(row: OrganisationRow): OrganisationView {
  return {
    id: row.id,
    name: row.name,
    legalForm: row.legal_form,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    financeRegistrationNumber: row.finance_registration_number,
    vatDeductible: row.vat_deductible,
    iban: row.iban,
    verifiedAt: row.verified_at,
    createdAt: row.created_at,
  };
}
