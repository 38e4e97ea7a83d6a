import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { noticeCounts, retryFailedNotices } from '../api/identity';
import { isApiError } from '../api/client';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { DescriptionList } from '../components/DescriptionList';
import { Loader } from '../components/Loader';
import { LoadError } from '../components/LoadError';
import { Page } from '../components/Page';
import { useApiData } from '../hooks/useApiData';

/**
 * The delivery of notices for the installation's administrators (issue 17): how many wait for the
 * queue, how many failed for good after about a day of retries, and one action that sends every
 * failed notice again. A district's administrator is told that this is the installation's view.
 */
export function NoticeDeliveryPage() {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => noticeCounts({ signal }), []);
  const { state, reload } = useApiData(load);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ retried: number } | { failed: unknown } | null>(null);

  async function retry() {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await retryFailedNotices());
      reload();
    } catch (error) {
      setOutcome({ failed: error });
    } finally {
      setBusy(false);
    }
  }

  const notOurs = state.status === 'failed' && isApiError(state.error) && state.error.status === 403;
  return (
    <Page title={t('noticeDelivery.title')} heading={t('noticeDelivery.title')}>
      <p className="kern-body">{t('noticeDelivery.intro')}</p>
      {state.status === 'loading' && <Loader label={t('noticeDelivery.loading')} />}
      {notOurs && (
        <Alert variant="info" title={t('noticeDelivery.installationOnlyTitle')} className="page__block">
          <p className="kern-body">{t('noticeDelivery.installationOnly')}</p>
        </Alert>
      )}
      {state.status === 'failed' && !notOurs && (
        <LoadError title={t('noticeDelivery.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && (
        <>
          <DescriptionList
            items={[
              { key: 'pending', term: t('noticeDelivery.pending'), value: state.data.pending },
              { key: 'failed', term: t('noticeDelivery.failed'), value: state.data.failed },
            ]}
          />
          <div className="page__actions">
            <Button
              label={t('noticeDelivery.retry')}
              icon="autorenew"
              disabled={busy || state.data.failed === 0}
              onClick={() => void retry()}
            />
          </div>
        </>
      )}
      <div role="status">
        {outcome && 'retried' in outcome && (
          <p className="kern-body">{t('noticeDelivery.retried', { count: outcome.retried })}</p>
        )}
      </div>
      {outcome && 'failed' in outcome && (
        <LoadError
          title={t('noticeDelivery.retryFailed')}
          error={outcome.failed}
          onRetry={() => void retry()}
        />
      )}
    </Page>
  );
}
