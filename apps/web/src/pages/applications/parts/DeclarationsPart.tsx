import { useTranslation } from 'react-i18next';
import type { Declarations } from '../../../api/applications';
import { Alert } from '../../../components/Alert';
import { declarationsDueStates } from '../../../components/applications/parts';
import { TextAreaField } from '../../../components/applications/TextAreaField';
import { classes, FieldError } from '../../../components/form/FieldError';
import { RadioGroup } from '../../../components/form/RadioGroup';
import type { PartProps } from '../ApplicationPartPage';

const confirmations = ['projectNotStarted', 'subsidyFraudAcknowledged'] as const;

/**
 * The declarations of the full application (DOMAIN.md step 7): the project has not started,
 * liability for subsidy fraud (§ 264 StGB), and consent to the transparency database or a reason.
 */
export function DeclarationsPart({ detail, content, change, errorOf }: PartProps) {
  const { t } = useTranslation();
  const declarations = content.declarations ?? {};
  const set = (patch: Partial<Declarations>) =>
    change((c) => ({ ...c, declarations: { ...(c.declarations ?? {}), ...patch } }));
  const consent =
    declarations.transparencyConsent === true
      ? 'yes'
      : declarations.transparencyConsent === false
        ? 'no'
        : '';
  return (
    <>
      <p className="kern-body">{t('applicationForm.declarations.intro')}</p>
      {declarationsDueStates.includes(detail.state) ? (
        <Alert variant="warning" title={t('applicationForm.declarations.dueTitle')}>
          <p className="kern-body">{t('applicationForm.declarations.dueBody')}</p>
        </Alert>
      ) : (
        <Alert variant="info" title={t('applicationForm.declarations.laterTitle')}>
          <p className="kern-body">{t('applicationForm.declarations.laterBody')}</p>
        </Alert>
      )}
      {confirmations.map((key) => {
        const error = errorOf(`declarations.${key}`);
        const id = `erklaerung-${key}`;
        return (
          <div key={key} className={classes('kern-form-input', error && 'kern-form-input--error')}>
            <div className="kern-form-check">
              <input
                id={id}
                type="checkbox"
                className={classes('kern-form-check__checkbox', error && 'kern-form-check__checkbox--error')}
                checked={declarations[key] === true}
                aria-describedby={error ? `${id}-error` : undefined}
                aria-invalid={error ? true : undefined}
                onChange={(event) => set({ [key]: event.target.checked })}
              />
              <label className="kern-label" htmlFor={id}>
                {t(`applicationForm.declarations.${key}`)}
              </label>
            </div>
            {error && <FieldError id={`${id}-error`} message={error} />}
          </div>
        );
      })}
      <RadioGroup
        id="erklaerung-transparencyConsent"
        name="transparenz"
        legend={t('applicationForm.declarations.transparencyConsent')}
        hint={t('applicationForm.declarations.transparencyHint')}
        value={consent}
        options={[
          { value: 'yes', label: t('applicationForm.declarations.consentYes') },
          { value: 'no', label: t('applicationForm.declarations.consentNo') },
        ]}
        error={errorOf('declarations.transparencyConsent')}
        onChange={(value) => set({ transparencyConsent: value === 'yes' })}
      />
      {consent === 'no' && (
        <TextAreaField
          id="erklaerung-transparencyRefusalReason"
          label={t('applicationForm.declarations.refusalReason')}
          hint={t('applicationForm.declarations.refusalReasonHint')}
          rows={4}
          value={declarations.transparencyRefusalReason ?? ''}
          error={errorOf('declarations.transparencyRefusalReason')}
          onChange={(transparencyRefusalReason) => set({ transparencyRefusalReason })}
        />
      )}
    </>
  );
}
