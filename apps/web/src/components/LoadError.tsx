import { useTranslation } from 'react-i18next';
import { describeError } from './form/formErrors';
import { Alert } from './Alert';
import { Button } from './Button';

/** Shown where data could not be loaded, with the reason and a retry. */
export function LoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <Alert variant="danger" title={title}>
      <p className="kern-body">{describeError(error, t)}</p>
      <div>
        <Button variant="secondary" icon="autorenew" label={t('health.retry')} onClick={onRetry} />
      </div>
    </Alert>
  );
}
