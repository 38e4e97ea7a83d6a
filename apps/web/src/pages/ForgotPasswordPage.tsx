import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestPasswordReset } from '../api/identity';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/form/ErrorSummary';
import { TextField } from '../components/form/TextField';
import { useFormErrors } from '../components/form/useFormErrors';
import { Page } from '../components/Page';
import { TextLink } from '../components/TextLink';
import { paths } from '../paths';

/**
 * Asks for a reset link. The confirmation is the same whether or not the address has an account,
 * so the page cannot be used to find out who is registered.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState(false);
  const confirmation = useRef<HTMLDivElement>(null);
  const fields = useMemo(() => ({ email: { id: 'reset-email', label: t('login.email') } }), [t]);
  const form = useFormErrors(fields);

  useEffect(() => {
    if (sent) confirmation.current?.focus();
  }, [sent]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return form.showFieldErrors({ email: (tr) => tr('login.emailMissing') });
    setSubmitting(true);
    try {
      await requestPasswordReset(email.trim());
      form.clear();
      setSent(true);
    } catch (error) {
      form.showApiError(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Page title={t('forgotPassword.title')} heading={t('forgotPassword.heading')} hasErrors={form.failed}>
      {sent ? (
        <div ref={confirmation} tabIndex={-1} className="focus-target">
          <Alert variant="success" title={t('forgotPassword.sentTitle')} role="status">
            <p className="kern-body">{t('forgotPassword.sentBody', { email: email.trim() })}</p>
          </Alert>
          <p className="kern-body page__block">
            <TextLink to={paths.login}>{t('forgotPassword.backToLogin')}</TextLink>
          </p>
        </div>
      ) : (
        <>
          <p className="kern-body">{t('forgotPassword.intro')}</p>
          <ErrorSummary {...form.summaryProps} />
          <form className="form" noValidate onSubmit={(event) => void submit(event)}>
            <TextField
              id={fields.email.id}
              label={fields.email.label}
              hint={t('forgotPassword.emailHint')}
              type="email"
              autoComplete="email"
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={form.fieldError('email')}
            />
            <div className="page__actions">
              <Button type="submit" icon="mail" label={t('forgotPassword.submit')} disabled={submitting} />
            </div>
          </form>
          <p className="kern-body">
            <TextLink to={paths.login}>{t('forgotPassword.backToLogin')}</TextLink>
          </p>
        </>
      )}
    </Page>
  );
}
