import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { ErrorSummary } from '../components/form/ErrorSummary';
import { TextField } from '../components/form/TextField';
import { useFormErrors } from '../components/form/useFormErrors';
import { Page } from '../components/Page';
import type { LoginState } from '../components/RequireSession';
import { TextLink } from '../components/TextLink';
import { paths } from '../paths';
import { useSession } from '../session/SessionContext';

/** Only paths inside the app; anything else (`//evil.example`) falls back to the start page. */
function safeReturnPath(from: unknown): string {
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : paths.home;
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const returnTo = safeReturnPath(state.from);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const fields = useMemo(
    () => ({
      email: { id: 'login-email', label: t('login.email') },
      password: { id: 'login-password', label: t('login.password') },
    }),
    [t],
  );
  const form = useFormErrors(fields, t('login.failedTitle'));

  if (session.status === 'signedIn' && !submitting) return <Navigate to={returnTo} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password)
      return form.showFieldErrors((tr) => ({
        email: email.trim() ? undefined : tr('login.emailMissing'),
        password: password ? undefined : tr('login.passwordMissing'),
      }));
    setSubmitting(true);
    try {
      await session.signIn(email.trim(), password);
      form.clear();
      await navigate(returnTo, { replace: true });
    } catch (error) {
      // 401 and 429 carry the server's explanation (wrong credentials, locked for n minutes).
      form.showApiError(error);
      setSubmitting(false);
    }
  }

  return (
    <Page title={t('login.title')} heading={t('login.heading')} hasErrors={form.failed}>
      {!form.failed && (state.signedOut === 'here' || state.signedOut === 'everywhere') && (
        <Alert variant="success" title={t(`login.signedOut.${state.signedOut}`)} role="status" />
      )}
      {!form.failed && state.signedOut === 'expired' && (
        <Alert variant="info" title={t('login.signedOut.expired')}>
          <p className="kern-body">{t('login.requiredBody')}</p>
        </Alert>
      )}
      {!form.failed && state.from && !state.signedOut && (
        <Alert variant="info" title={t('login.requiredTitle')}>
          <p className="kern-body">{t('login.requiredBody')}</p>
        </Alert>
      )}
      <ErrorSummary {...form.summaryProps} />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={fields.email.id}
          label={fields.email.label}
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={form.fieldError('email')}
        />
        <TextField
          id={fields.password.id}
          label={fields.password.label}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={form.fieldError('password')}
        />
        <div className="page__actions">
          <Button type="submit" icon="arrow-forward" label={t('login.submit')} disabled={submitting} />
        </div>
      </form>
      <ul className="kern-list link-list">
        <li>
          <TextLink to={paths.forgotPassword}>{t('login.forgotPassword')}</TextLink>
        </li>
        <li>
          <TextLink to={paths.register}>{t('login.registerLink')}</TextLink>
        </li>
      </ul>
    </Page>
  );
}
