import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { classes, describedBy, FieldError } from './form/FieldError';
import { TextField } from './form/TextField';

/** As the API allows: one to ten people, names of up to 200 and functions of up to 100 characters. */
export const LEGAL_REPRESENTATIVES_MAX = 10;
export const REPRESENTATIVE_NAME_MAX = 200;
export const REPRESENTATIVE_ROLE_MAX = 100;

/** One row of the form; `key` keeps React's rows (and focus) with their person when one is removed. */
export type RepresentativeValues = { key: string; name: string; role: string };

let lastKey = 0;

export function representativeRow(name = '', role = ''): RepresentativeValues {
  lastKey += 1;
  return { key: `representative-${lastKey}`, name, role };
}

/** Ids of a row's inputs; the API names the same row `legalRepresentatives.<index>.name`. */
export const representativeFieldId = (idPrefix: string, index: number, part: 'name' | 'role') =>
  `${idPrefix}-legalRepresentatives-${index}-${part}`;

type LegalRepresentativesFieldsProps = {
  idPrefix: string;
  values: readonly RepresentativeValues[];
  onChange(values: RepresentativeValues[]): void;
  /** Errors by the API's path below the organisation: `legalRepresentatives`, `legalRepresentatives.0.name`. */
  errorOf(field: string): string | undefined;
};

/**
 * The legal representatives as a repeatable group: a fieldset per person with name and function,
 * a button to add another (up to ten) and one to remove each while more than one is left. Focus
 * follows: to the new row's name after adding, to the next (or last) row's name after removing.
 */
export function LegalRepresentativesFields({
  idPrefix,
  values,
  onChange,
  errorOf,
}: LegalRepresentativesFieldsProps) {
  const { t } = useTranslation();
  const groupId = `${idPrefix}-legalRepresentatives`;
  const hintId = `${groupId}-hint`;
  const error = errorOf('legalRepresentatives');
  const errorId = error ? `${groupId}-error` : undefined;

  const change = (index: number, part: 'name' | 'role') => (value: string) =>
    onChange(values.map((row, i) => (i === index ? { ...row, [part]: value } : row)));

  function add() {
    onChange([...values, representativeRow()]);
    focusLater(representativeFieldId(idPrefix, values.length, 'name'));
  }

  function remove(index: number) {
    onChange(values.filter((_, i) => i !== index));
    focusLater(representativeFieldId(idPrefix, Math.min(index, values.length - 2), 'name'));
  }

  return (
    <fieldset
      id={groupId}
      className={classes('kern-fieldset', error && 'kern-fieldset--error')}
      aria-describedby={describedBy(hintId, errorId)}
    >
      <legend className="kern-label">{t('organisationForm.legalRepresentatives')}</legend>
      <div className="kern-hint" id={hintId}>
        {t('organisationForm.legalRepresentativesHint', { max: LEGAL_REPRESENTATIVES_MAX })}
      </div>
      {error && errorId && <FieldError id={errorId} message={error} />}
      <div className="kern-fieldset__body">
        {values.map((row, index) => {
          const number = index + 1;
          return (
            <fieldset className="kern-fieldset representative" key={row.key}>
              <legend className="kern-label">{t('organisationForm.representative', { number })}</legend>
              <div className="kern-fieldset__body">
                <TextField
                  id={representativeFieldId(idPrefix, index, 'name')}
                  label={t('organisationForm.representativeName')}
                  autoComplete="off"
                  maxLength={REPRESENTATIVE_NAME_MAX}
                  value={row.name}
                  onChange={change(index, 'name')}
                  error={errorOf(`legalRepresentatives.${index}.name`)}
                />
                <TextField
                  id={representativeFieldId(idPrefix, index, 'role')}
                  label={t('organisationForm.representativeRole')}
                  hint={t('organisationForm.representativeRoleHint')}
                  autoComplete="off"
                  maxLength={REPRESENTATIVE_ROLE_MAX}
                  value={row.role}
                  onChange={change(index, 'role')}
                  error={errorOf(`legalRepresentatives.${index}.role`)}
                />
                {values.length > 1 && (
                  <div className="page__actions">
                    <Button
                      variant="tertiary"
                      icon="delete"
                      label={t('organisationForm.representativeRemove', { number })}
                      onClick={() => remove(index)}
                    />
                  </div>
                )}
              </div>
            </fieldset>
          );
        })}
      </div>
      {values.length < LEGAL_REPRESENTATIVES_MAX && (
        <div className="page__actions">
          <Button
            variant="secondary"
            icon="add"
            label={t('organisationForm.representativeAdd')}
            onClick={add}
          />
        </div>
      )}
    </fieldset>
  );
}

/** Focuses a field once React has rendered the change that creates or moves it. */
function focusLater(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
