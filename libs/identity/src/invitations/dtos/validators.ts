import { isValidIban } from '@kiezfonds/domain';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Surrounding blanks are never meant; a name of only blanks then fails its length rule. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Rule `iban`: the form, the country's length and the check digits (mod 97). Blanks are allowed. */
export const IsIban = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'iban', validator: { validate: (value) => typeof value === 'string' && isValidIban(value) } },
    options,
  );

/** Rule `postalCode`: a German Postleitzahl, five digits. */
export const IsGermanPostalCode = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'postalCode',
      validator: { validate: (value) => typeof value === 'string' && /^[0-9]{5}$/.test(value) },
    },
    options,
  );
