import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { register } from '../api/identity';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/form/ErrorSummary';
import { NewPasswordFields } from '../components/form/NewPasswordFields';
import { newPasswordProblems } from '../components/form/passwordChecks';
import { SelectField } from '../components/form/SelectField';
import { TextField } from '../components/form/TextField';
import { useFormErrors } from '../components/form/useFormErrors';
import {
  emptyOrganisation,
  OrganisationFields,
  organisationFieldSpecs,
  organisationPayload,
  organisationProblems,
  type OrganisationValues,
} from '../components/OrganisationFields';
import { Page } from '../components/Page';
import { TextLink } from '../components/TextLink';
import { currentLanguage, type Language, isLanguage } from '../i18n';
import { paths } from '../paths';
import { useLanguageOptions } from '../components/form/languageOptions';

type UserValues = { displayName: string; email: string; language: Language };

/** Self-registration of a carrier organisation with its first user, verified later by a coordinator. */
export function RegisterPage() {
  const { t } = useTranslation();
  const languageOptions = useLanguageOptions();
  const [organisation, setOrganisation] = useState<OrganisationValues>(emptyOrganisation);
  const [user, setUser] = useState<UserValues>({ displayName: '', email: '', language: currentLanguage() });
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);
  const confirmationRef = useRef<HTMLDivElement>(null);

  const representatives = organisation.legalRepresentatives.length;
  const fields = useMemo(
    () => ({
      ...organisationFieldSpecs(t, 'register-organisation', 'organisation.', representatives),
      'user.displayName': { id: 'register-user-displayName', label: t('account.displayName') },
      'user.email': { id: 'register-user-email', label: t('login.email') },
      'user.language': { id: 'register-user-language', label: t('account.language') },
      'user.password': { id: 'register-user-password', label: t('password.new') },
      confirmation: { id: 'register-user-password-confirmation', label: t('password.repeat') },
    }),
    [t, representatives],
  );
  const form = useFormErrors(fields);

  useEffect(() => {
    if (done) confirmationRef.current?.focus();
  }, [done]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const check = (tr: TFunction) => {
      const problems: Partial<Record<string, string>> = {};
      for (const [key, message] of Object.entries(organisationProblems(organisation, tr))) {
        problems[`organisation.${key}`] = message;
      }
      if (!user.displayName.trim()) problems['user.displayName'] = tr('account.displayNameMissing');
      if (!user.email.trim().includes('@')) problems['user.email'] = tr('login.emailInvalid');
      const passwordProblems = newPasswordProblems(password, confirmation, tr);
      problems['user.password'] = passwordProblems.password;
      problems.confirmation = passwordProblems.confirmation;
      return problems;
    };
    // Checked again in the language the user may switch to while the errors are shown.
    if (Object.values(check(t)).some(Boolean)) return form.showFieldErrors(check);

    setSubmitting(true);
    try {
      await register({
        organisation: organisationPayload(organisation),
        user: {
          displayName: user.displayName.trim(),
          email: user.email.trim(),
          language: user.language,
          password,
        },
      });
      form.clear();
      setDone(true);
    } catch (error) {
      form.showApiError(error, {
        email_in_use: 'user.email',
        organisation_name_taken: 'organisation.name',
      });
    } finally {
      setSubmitting(false);
    }
  }

  if (done) {
    return (
      <Page title={t('register.doneTitle')} heading={t('register.doneHeading')}>
        <div ref={confirmationRef} tabIndex={-1} className="focus-target">
          <Alert variant="success" title={t('register.doneAlert')} role="status">
            <p className="kern-body">{t('register.doneBody', { organisation: organisation.name.trim() })}</p>
          </Alert>
          <p className="kern-body page__block">{t('register.doneNext')}</p>
          <p className="kern-body page__block">
            <TextLink to={paths.login}>{t('register.toLogin')}</TextLink>
          </p>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('register.title')} heading={t('register.heading')} hasErrors={form.failed}>
      <p className="kern-body">{t('register.intro')}</p>
      <p className="kern-body">
        {t('register.invitedHint')} <TextLink to={paths.login}>{t('register.toLogin')}</TextLink>
      </p>
      <ErrorSummary {...form.summaryProps} />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <fieldset className="kern-fieldset form-section">
          <legend className="kern-heading-medium form-section__legend">
            {t('register.organisationLegend')}
          </legend>
          <div className="kern-fieldset__body">
            <OrganisationFields
              idPrefix="register-organisation"
              values={organisation}
              onChange={setOrganisation}
              errorOf={(key) => form.errors.fields[`organisation.${key}`]}
            />
          </div>
        </fieldset>
        <fieldset className="kern-fieldset form-section">
          <legend className="kern-heading-medium form-section__legend">{t('register.userLegend')}</legend>
          <div className="kern-hint">{t('register.userHint')}</div>
          <div className="kern-fieldset__body">
            <TextField
              id={fields['user.displayName'].id}
              label={fields['user.displayName'].label}
              autoComplete="name"
              value={user.displayName}
              onChange={(displayName) => setUser({ ...user, displayName })}
              error={form.errors.fields['user.displayName']}
            />
            <TextField
              id={fields['user.email'].id}
              label={fields['user.email'].label}
              type="email"
              autoComplete="email"
              spellCheck={false}
              value={user.email}
              onChange={(email) => setUser({ ...user, email })}
              error={form.errors.fields['user.email']}
            />
            <SelectField
              id={fields['user.language'].id}
              label={fields['user.language'].label}
              hint={t('account.languageHint')}
              value={user.language}
              options={languageOptions}
              onChange={(language) => {
                if (isLanguage(language)) setUser({ ...user, language });
              }}
              error={form.errors.fields['user.language']}
            />
            <NewPasswordFields
              ids={{ password: fields['user.password'].id, confirmation: fields.confirmation.id }}
              password={password}
              confirmation={confirmation}
              onPassword={setPassword}
              onConfirmation={setConfirmation}
              errors={{
                password: form.errors.fields['user.password'],
                confirmation: form.errors.fields.confirmation,
              }}
            />
          </div>
        </fieldset>
        <div className="page__actions">
          <Button type="submit" icon="arrow-forward" label={t('register.submit')} disabled={submitting} />
        </div>
      </form>
    </Page>
  );
}
