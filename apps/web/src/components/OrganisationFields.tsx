import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Organisation, OrganisationFields as OrganisationPayload } from '../api/identity';
import { formatIban, isValidIban, normaliseIban } from '@kiezfonds/domain';
import type { FieldSpec } from './form/formErrors';
import {
  LegalRepresentativesFields,
  representativeFieldId,
  representativeRow,
  type RepresentativeValues,
} from './LegalRepresentativesFields';
import { RadioGroup } from './form/RadioGroup';
import { TextField } from './form/TextField';

/** The organisation form as typed: strings, and the VAT answer still possibly unanswered. */
export type OrganisationValues = {
  name: string;
  legalForm: string;
  street: string;
  postalCode: string;
  city: string;
  /** At least one row: an empty one to start with. */
  legalRepresentatives: RepresentativeValues[];
  financeRegistrationNumber: string;
  vatDeductible: '' | 'yes' | 'no';
  iban: string;
};

/** The fields that hold one text each. */
type TextKey = Exclude<keyof OrganisationValues, 'legalRepresentatives'>;

/** In the order of the form, with the representatives after the city. */
const keys: readonly (TextKey | 'legalRepresentatives')[] = [
  'name',
  'legalForm',
  'street',
  'postalCode',
  'city',
  'legalRepresentatives',
  'financeRegistrationNumber',
  'vatDeductible',
  'iban',
];

export function emptyOrganisation(): OrganisationValues {
  return {
    name: '',
    legalForm: '',
    street: '',
    postalCode: '',
    city: 'Berlin',
    legalRepresentatives: [representativeRow()],
    financeRegistrationNumber: '',
    vatDeductible: '',
    iban: '',
  };
}

export function organisationValues(organisation: Organisation): OrganisationValues {
  return {
    name: organisation.name,
    legalForm: organisation.legalForm,
    street: organisation.street,
    postalCode: organisation.postalCode,
    city: organisation.city,
    legalRepresentatives:
      organisation.legalRepresentatives.length > 0
        ? organisation.legalRepresentatives.map(({ name, role }) => representativeRow(name, role))
        : [representativeRow()],
    financeRegistrationNumber: organisation.financeRegistrationNumber ?? '',
    vatDeductible: organisation.vatDeductible ? 'yes' : 'no',
    iban: organisation.iban ? formatIban(organisation.iban) : '',
  };
}

/** The request body; optional fields left empty are left out. */
export function organisationPayload(values: OrganisationValues): OrganisationPayload {
  const payload: OrganisationPayload = {
    name: values.name.trim(),
    legalForm: values.legalForm.trim(),
    street: values.street.trim(),
    postalCode: values.postalCode.trim(),
    city: values.city.trim(),
    legalRepresentatives: values.legalRepresentatives.map(({ name, role }) => ({
      name: name.trim(),
      role: role.trim(),
    })),
    vatDeductible: values.vatDeductible === 'yes',
  };
  if (values.financeRegistrationNumber.trim()) {
    payload.financeRegistrationNumber = values.financeRegistrationNumber.trim();
  }
  if (values.iban.trim()) payload.iban = normaliseIban(values.iban);
  return payload;
}

/**
 * Client-side checks, keyed like the API's fields below the organisation (`city`,
 * `legalRepresentatives.0.name`); the server checks again. Every row shown must be complete: an
 * unwanted one is removed, so the rows and the API's indexes stay the same.
 */
export function organisationProblems(
  values: OrganisationValues,
  t: TFunction,
): Partial<Record<string, string>> {
  const problems: Partial<Record<string, string>> = {};
  if (!values.name.trim()) problems.name = t('organisationForm.nameMissing');
  if (!values.legalForm.trim()) problems.legalForm = t('organisationForm.legalFormMissing');
  if (!values.street.trim()) problems.street = t('organisationForm.streetMissing');
  if (!/^[0-9]{5}$/.test(values.postalCode.trim()))
    problems.postalCode = t('organisationForm.postalCodeInvalid');
  if (!values.city.trim()) problems.city = t('organisationForm.cityMissing');
  values.legalRepresentatives.forEach(({ name, role }, index) => {
    if (!name.trim())
      problems[`legalRepresentatives.${index}.name`] = t('organisationForm.representativeNameMissing');
    if (!role.trim())
      problems[`legalRepresentatives.${index}.role`] = t('organisationForm.representativeRoleMissing');
  });
  if (!values.vatDeductible) problems.vatDeductible = t('organisationForm.vatMissing');
  if (values.iban.trim() && !isValidIban(values.iban)) problems.iban = t('organisationForm.ibanInvalid');
  return problems;
}

/**
 * Field specs for the error summary. `pathPrefix` is how the API names the fields
 * (`organisation.` in a registration, nothing when the organisation itself is changed);
 * `representatives` is the number of rows shown, each with its name and function.
 */
export function organisationFieldSpecs(
  t: TFunction,
  idPrefix: string,
  pathPrefix: string,
  representatives: number,
): Record<string, FieldSpec> {
  const specs: Record<string, FieldSpec> = {};
  for (const key of keys) {
    if (key === 'legalRepresentatives') {
      // The list as a whole (none, too many) is reached at the first name.
      specs[`${pathPrefix}${key}`] = {
        id: representativeFieldId(idPrefix, 0, 'name'),
        label: t('organisationForm.legalRepresentatives'),
      };
      for (let index = 0; index < representatives; index++) {
        const number = index + 1;
        for (const part of ['name', 'role'] as const) {
          specs[`${pathPrefix}${key}.${index}.${part}`] = {
            id: representativeFieldId(idPrefix, index, part),
            label:
              part === 'name'
                ? t('organisationForm.representativeNameOf', { number })
                : t('organisationForm.representativeRoleOf', { number }),
          };
        }
      }
      continue;
    }
    const id = key === 'vatDeductible' ? `${idPrefix}-vatDeductible-yes` : `${idPrefix}-${key}`;
    const label = key === 'vatDeductible' ? t('organisationForm.vatShort') : t(`organisationForm.${key}`);
    specs[`${pathPrefix}${key}`] = { id, label };
  }
  return specs;
}

type OrganisationFieldsProps = {
  idPrefix: string;
  values: OrganisationValues;
  onChange(values: OrganisationValues): void;
  /** The error of a field by its API path below the organisation (`city`, `legalRepresentatives.0.name`). */
  errorOf(field: string): string | undefined;
};

/** Name, legal form, address, tax and bank details of a carrier organisation. */
export function OrganisationFields({ idPrefix, values, onChange, errorOf }: OrganisationFieldsProps) {
  const { t } = useTranslation();
  const set = (key: TextKey) => (value: string) => onChange({ ...values, [key]: value });
  const id = (key: TextKey) => `${idPrefix}-${key}`;
  return (
    <>
      <TextField
        id={id('name')}
        label={t('organisationForm.name')}
        hint={t('organisationForm.nameHint')}
        autoComplete="organization"
        value={values.name}
        onChange={set('name')}
        error={errorOf('name')}
      />
      <TextField
        id={id('legalForm')}
        label={t('organisationForm.legalForm')}
        hint={t('organisationForm.legalFormHint')}
        value={values.legalForm}
        onChange={set('legalForm')}
        error={errorOf('legalForm')}
      />
      <TextField
        id={id('street')}
        label={t('organisationForm.street')}
        autoComplete="street-address"
        value={values.street}
        onChange={set('street')}
        error={errorOf('street')}
      />
      <TextField
        id={id('postalCode')}
        label={t('organisationForm.postalCode')}
        autoComplete="postal-code"
        inputMode="numeric"
        maxLength={5}
        width={4}
        value={values.postalCode}
        onChange={set('postalCode')}
        error={errorOf('postalCode')}
      />
      <TextField
        id={id('city')}
        label={t('organisationForm.city')}
        autoComplete="address-level2"
        value={values.city}
        onChange={set('city')}
        error={errorOf('city')}
      />
      <LegalRepresentativesFields
        idPrefix={idPrefix}
        values={values.legalRepresentatives}
        onChange={(legalRepresentatives) => onChange({ ...values, legalRepresentatives })}
        errorOf={errorOf}
      />
      <TextField
        id={id('financeRegistrationNumber')}
        label={t('organisationForm.financeRegistrationNumber')}
        hint={t('organisationForm.financeRegistrationNumberHint')}
        optional
        value={values.financeRegistrationNumber}
        onChange={set('financeRegistrationNumber')}
        error={errorOf('financeRegistrationNumber')}
      />
      <RadioGroup
        id={`${idPrefix}-vatDeductible`}
        name={`${idPrefix}-vatDeductible`}
        legend={t('organisationForm.vatDeductible')}
        hint={t('organisationForm.vatDeductibleHint')}
        value={values.vatDeductible}
        options={[
          { value: 'yes', label: t('common.yes') },
          { value: 'no', label: t('common.no') },
        ]}
        onChange={set('vatDeductible')}
        error={errorOf('vatDeductible')}
      />
      <TextField
        id={id('iban')}
        label={t('organisationForm.iban')}
        hint={t('organisationForm.ibanHint')}
        optional
        autoComplete="off"
        spellCheck={false}
        value={values.iban}
        onChange={set('iban')}
        error={errorOf('iban')}
      />
    </>
  );
}
