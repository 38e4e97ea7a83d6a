import { type MouseEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { describeError } from '../../components/form/formErrors';
import { currentLanguage } from '../../i18n';
import { type DownloadProgress, downloadFile, saveBlob } from './downloadFile';

type State =
  | { status: 'idle' }
  | { status: 'loading'; progress: DownloadProgress }
  | { status: 'done'; name: string }
  | { status: 'failed'; message: string };

function sizeText(bytes: number): string {
  const language = currentLanguage() === 'de' ? 'de-DE' : 'en-GB';
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [bytes / 1000, 'kilobyte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/**
 * A download link that shows how far the file has come. It stays a real link (with the address,
 * for "save link as" and for browsers without scripts); a click fetches the file instead, shows a
 * KERN progress bar with the bytes so far and a cancel button, and hands the finished file to the
 * browser. Screen readers hear the start and the end (a status line), not every chunk.
 */
export function ExportLink({
  href,
  label,
  fallbackName,
}: {
  href: string;
  label: string;
  fallbackName: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const progressId = useId();

  useEffect(() => () => controller.current?.abort(), []);

  async function start(event: MouseEvent<HTMLAnchorElement>) {
    // A modified click (new tab, save as) is the browser's business.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (state.status === 'loading') return;
    const abort = new AbortController();
    controller.current = abort;
    let received = 0;
    setState({ status: 'loading', progress: { received: 0, total: null } });
    try {
      const file = await downloadFile(
        href,
        (progress) => {
          received = progress.received;
          setState({ status: 'loading', progress });
        },
        abort.signal,
      );
      const name = file.name ?? fallbackName;
      saveBlob(file.blob, name);
      setState({ status: 'done', name });
    } catch (error) {
      if (abort.signal.aborted) {
        setState({ status: 'idle' });
        return;
      }
      setState({
        status: 'failed',
        message: received > 0 ? t('exportDownload.broken') : describeError(error, t),
      });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  const loading = state.status === 'loading' ? state.progress : null;
  return (
    <div className="export-link">
      <a className="kern-link" href={href} download onClick={(event) => void start(event)}>
        {label}
      </a>
      {loading && (
        <div className="kern-progress">
          <label className="kern-label" htmlFor={progressId}>
            {loading.total
              ? t('exportDownload.progressOf', {
                  received: sizeText(loading.received),
                  total: sizeText(loading.total),
                })
              : t('exportDownload.progress', { received: sizeText(loading.received) })}
          </label>
          {loading.total ? (
            <progress id={progressId} max={loading.total} value={loading.received} />
          ) : (
            // No length announced: an indeterminate bar, the label counts the bytes.
            <progress id={progressId} />
          )}
          <Button
            variant="tertiary"
            label={t('exportDownload.cancel')}
            onClick={() => controller.current?.abort()}
          />
        </div>
      )}
      <p className="kern-body kern-body--small" role="status">
        {loading && t('exportDownload.started')}
        {state.status === 'done' && t('exportDownload.done', { name: state.name })}
      </p>
      {state.status === 'failed' && (
        <Alert variant="danger" title={t('exportDownload.failed')} role="alert">
          <p className="kern-body">{state.message}</p>
        </Alert>
      )}
    </div>
  );
}
