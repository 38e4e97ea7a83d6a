import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, clientErrorCodes, getHealth } from '../api/client';
import { Alert } from './Alert';
import { Badge } from './Badge';
import { Button } from './Button';

type HealthState = { kind: 'checking' } | { kind: 'ok' } | { kind: 'failed'; code: string };

function errorCode(error: unknown): string {
  return error instanceof ApiError ? error.code : clientErrorCodes.network;
}

/** One line telling whether the API answers, with a retry when it does not. */
export function HealthStatus() {
  const { t } = useTranslation();
  const [state, setState] = useState<HealthState>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getHealth({ signal: controller.signal }).then(
      () => setState({ kind: 'ok' }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', code: errorCode(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  function retry() {
    setState({ kind: 'checking' });
    setAttempt((n) => n + 1);
  }

  return (
    <div className="health-status" aria-live="polite">
      {state.kind === 'checking' && <p className="kern-body">{t('health.checking')}</p>}
      {state.kind === 'ok' && <Badge variant="success" label={t('health.ok')} />}
      {state.kind === 'failed' && (
        <Alert variant="danger" title={t('health.errorTitle')}>
          <p className="kern-body">{t('health.errorBody')}</p>
          <p className="kern-body kern-body--small kern-body--muted">
            {t('health.errorCode', { code: state.code })}
          </p>
          <div>
            <Button variant="secondary" icon="autorenew" label={t('health.retry')} onClick={retry} />
          </div>
        </Alert>
      )}
    </div>
  );
}
