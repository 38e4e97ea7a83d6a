import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Organisation, OrganisationFields as OrganisationPayload } from '../api/identity';
import { formatIban, isValidIban, normaliseIban } from '../utils/iban';
import type { FieldSpec } from './form/formErrors';
import { RadioGroup } from './form/RadioGroup';
import { TextField } from './form/TextField';

/** The organisation form as typed: strings, and the VAT answer still possibly unanswered. */
export type OrganisationValues = {
  name: string;
  legalForm: string;
  street: string;
  postalCode: string;
  city: string;
  financeRegistrationNumber: string;
  vatDeductible: '' | 'yes' | 'no';
  iban: string;
};

export type OrganisationKey = keyof OrganisationValues;

const keys: readonly OrganisationKey[] = [
  'name',
  'legalForm',
  'street',
  'postalCode',
  'city',
  'financeRegistrationNumber',
  'vatDeductible',
  'iban',
];

export const emptyOrganisation: OrganisationValues = {
  name: '',
  legalForm: '',
  street: '',
  postalCode: '',
  city: 'Berlin',
  financeRegistrationNumber: '',
  vatDeductible: '',
  iban: '',
};

export function organisationValues(organisation: Organisation): OrganisationValues {
  return {
    name: organisation.name,
    legalForm: organisation.legalForm,
    street: organisation.street,
    postalCode: organisation.postalCode,
    city: organisation.city,
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
    vatDeductible: values.vatDeductible === 'yes',
  };
  if (values.financeRegistrationNumber.trim()) {
    payload.financeRegistrationNumber = values.financeRegistrationNumber.trim();
  }
  if (values.iban.trim()) payload.iban = normaliseIban(values.iban);
  return payload;
}

/** Client-side checks, keyed like the fields; the server checks again. */
export function organisationProblems(
  values: OrganisationValues,
  t: TFunction,
): Partial<Record<OrganisationKey, string>> {
  const problems: Partial<Record<OrganisationKey, string>> = {};
  if (!values.name.trim()) problems.name = t('organisationForm.nameMissing');
  if (!values.legalForm.trim()) problems.legalForm = t('organisationForm.legalFormMissing');
  if (!values.street.trim()) problems.street = t('organisationForm.streetMissing');
  if (!/^[0-9]{5}$/.test(values.postalCode.trim()))
    problems.postalCode = t('organisationForm.postalCodeInvalid');
  if (!values.city.trim()) problems.city = t('organisationForm.cityMissing');
  if (!values.vatDeductible) problems.vatDeductible = t('organisationForm.vatMissing');
  if (values.iban.trim() && !isValidIban(values.iban)) problems.iban = t('organisationForm.ibanInvalid');
  return problems;
}

/**
 * Field specs for the error summary. `pathPrefix` is how the API names the fields
 * (`organisation.` in a registration, nothing when the organisation itself is changed).
 */
export function organisationFieldSpecs(
  t: TFunction,
  idPrefix: string,
  pathPrefix = '',
): Record<string, FieldSpec> {
  const specs: Record<string, FieldSpec> = {};
  for (const key of keys) {
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
  errorOf(key: OrganisationKey): string | undefined;
};

/** Name, legal form, address, tax and bank details of a carrier organisation. */
export function OrganisationFields({ idPrefix, values, onChange, errorOf }: OrganisationFieldsProps) {
  const { t } = useTranslation();
  const set = (key: OrganisationKey) => (value: string) => onChange({ ...values, [key]: value });
  const id = (key: OrganisationKey) => `${idPrefix}-${key}`;
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
