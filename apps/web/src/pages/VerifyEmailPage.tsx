import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { verifyEmail } from '../api/identity';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { describeError } from '../components/form/formErrors';
import { Page } from '../components/Page';
import { TextLink } from '../components/TextLink';
import { paths } from '../paths';

type Outcome = 'ready' | 'done' | 'linkInvalid' | 'failed';

/**
 * The page the confirmation mail links to. It confirms only on a click: mail scanners that open
 * links must not confirm an address on the owner's behalf.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [outcome, setOutcome] = useState<Outcome>(token ? 'ready' : 'linkInvalid');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome !== 'ready') result.current?.focus();
  }, [outcome]);

  async function confirm() {
    setBusy(true);
    try {
      await verifyEmail(token);
      setOutcome('done');
    } catch (caught) {
      if (isApiError(caught) && caught.status === 410) setOutcome('linkInvalid');
      else {
        setError(describeError(caught, t));
        setOutcome('failed');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('verifyEmail.title')} heading={t('verifyEmail.heading')}>
      {(outcome === 'ready' || outcome === 'failed') && (
        <>
          <p className="kern-body">{t('verifyEmail.intro')}</p>
          {outcome === 'failed' && (
            <div ref={result} tabIndex={-1} className="focus-target">
              <Alert variant="danger" title={t('verifyEmail.failedTitle')} role="alert">
                <p className="kern-body">{error}</p>
              </Alert>
            </div>
          )}
          <div className="page__actions">
            <Button
              icon="check"
              label={t('verifyEmail.submit')}
              disabled={busy}
              onClick={() => void confirm()}
            />
          </div>
        </>
      )}
      {outcome === 'done' && (
        <div ref={result} tabIndex={-1} className="focus-target">
          <Alert variant="success" title={t('verifyEmail.doneTitle')} role="status">
            <p className="kern-body">{t('verifyEmail.doneBody')}</p>
          </Alert>
          <p className="kern-body page__block">
            <TextLink to={paths.login}>{t('verifyEmail.toLogin')}</TextLink>
          </p>
        </div>
      )}
      {outcome === 'linkInvalid' && (
        <div ref={result} tabIndex={-1} className="focus-target">
          <Alert variant="warning" title={t('verifyEmail.invalidTitle')}>
            <p className="kern-body">{t('verifyEmail.invalidBody')}</p>
          </Alert>
          <p className="kern-body page__block">
            <TextLink to={paths.login}>{t('verifyEmail.toLogin')}</TextLink>
          </p>
        </div>
      )}
    </Page>
  );
}
