import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { confirmPasswordReset } from '../api/identity';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/form/ErrorSummary';
import { useFormErrors } from '../components/form/useFormErrors';
import { Page } from '../components/Page';
import { TextLink } from '../components/TextLink';
import { paths } from '../paths';
import { NewPasswordFields } from '../components/form/NewPasswordFields';
import { newPasswordProblems } from '../components/form/passwordChecks';

type Outcome = 'form' | 'done' | 'linkInvalid';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(token ? 'form' : 'linkInvalid');
  const result = useRef<HTMLDivElement>(null);
  const fields = useMemo(
    () => ({
      password: { id: 'new-password', label: t('password.new') },
      confirmation: { id: 'new-password-confirmation', label: t('password.repeat') },
    }),
    [t],
  );
  const form = useFormErrors(fields);

  useEffect(() => {
    if (outcome !== 'form') result.current?.focus();
  }, [outcome]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = newPasswordProblems(password, confirmation, t);
    if (problems.password || problems.confirmation)
      return form.showFieldErrors((tr) => newPasswordProblems(password, confirmation, tr));
    setSubmitting(true);
    try {
      await confirmPasswordReset(token, password);
      form.clear();
      setOutcome('done');
    } catch (error) {
      if (isApiError(error) && error.status === 410) setOutcome('linkInvalid');
      else form.showApiError(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Page title={t('resetPassword.title')} heading={t('resetPassword.heading')} hasErrors={form.failed}>
      {outcome === 'done' && (
        <div ref={result} tabIndex={-1} className="focus-target">
          <Alert variant="success" title={t('resetPassword.doneTitle')} role="status">
            <p className="kern-body">{t('resetPassword.doneBody')}</p>
          </Alert>
          <p className="kern-body page__block">
            <TextLink to={paths.login}>{t('resetPassword.toLogin')}</TextLink>
          </p>
        </div>
      )}
      {outcome === 'linkInvalid' && (
        <div ref={result} tabIndex={-1} className="focus-target">
          <Alert variant="warning" title={t('resetPassword.invalidTitle')}>
            <p className="kern-body">{t('resetPassword.invalidBody')}</p>
          </Alert>
          <p className="kern-body page__block">
            <TextLink to={paths.forgotPassword}>{t('resetPassword.requestNew')}</TextLink>
          </p>
        </div>
      )}
      {outcome === 'form' && (
        <>
          <p className="kern-body">{t('resetPassword.intro')}</p>
          <ErrorSummary {...form.summaryProps} />
          <form className="form" noValidate onSubmit={(event) => void submit(event)}>
            <NewPasswordFields
              ids={{ password: fields.password.id, confirmation: fields.confirmation.id }}
              password={password}
              confirmation={confirmation}
              onPassword={setPassword}
              onConfirmation={setConfirmation}
              errors={{
                password: form.fieldError('password'),
                confirmation: form.fieldError('confirmation'),
              }}
            />
            <div className="page__actions">
              <Button type="submit" icon="check" label={t('resetPassword.submit')} disabled={submitting} />
            </div>
          </form>
        </>
      )}
    </Page>
  );
}
