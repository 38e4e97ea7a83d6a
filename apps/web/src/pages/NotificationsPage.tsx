import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type AppNotification,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../api/identity';
import { Alert } from '../components/Alert';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { describeError } from '../components/form/formErrors';
import { Loader } from '../components/Loader';
import { LoadError } from '../components/LoadError';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { useApiData } from '../hooks/useApiData';
import { currentLanguage } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { useUnread } from '../session/UnreadContext';

const pageSize = 20;

/** Only links inside the app are followed; notifications come from the server, but stay careful. */
function isAppPath(link: string | null): link is string {
  return typeof link === 'string' && link.startsWith('/') && !link.startsWith('//');
}

/** The in-app notifications, newest first, with marking as read. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const unread = useUnread();
  const [page, setPage] = useState(1);
  const load = useCallback(
    (signal: AbortSignal) => listNotifications({ page, pageSize }, { signal }),
    [page],
  );
  const { state, reload } = useApiData(load);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function change(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      reload();
      unread.refresh();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  const pages = state.status === 'loaded' ? Math.max(1, Math.ceil(state.data.total / pageSize)) : 1;

  return (
    <Page title={t('notifications.title')} heading={t('notifications.heading')}>
      {state.status === 'loading' && <Loader label={t('notifications.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('notifications.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {error && (
        <Alert variant="danger" title={t('common.actionFailed')} role="alert">
          <p className="kern-body">{error}</p>
        </Alert>
      )}
      {state.status === 'loaded' && (
        <>
          <div className="notifications__toolbar">
            <p className="kern-body" role="status">
              {t('notifications.summary', { count: state.data.total, unread: state.data.unread })}
            </p>
            {state.data.unread > 0 && (
              <Button
                variant="secondary"
                icon="check"
                label={t('notifications.markAllRead')}
                onClick={() => void change(markAllNotificationsRead)}
                disabled={busy}
              />
            )}
          </div>
          {state.data.items.length === 0 ? (
            <p className="kern-body">{t('notifications.none')}</p>
          ) : (
            <ul className="notification-list">
              {state.data.items.map((notification) => (
                <NotificationItem
                  key={notification.id}
                  notification={notification}
                  busy={busy}
                  onRead={() => void change(() => markNotificationRead(notification.id))}
                />
              ))}
            </ul>
          )}
          <Pager page={page} pages={pages} label={t('notifications.pagesLabel')} onPage={setPage} />
        </>
      )}
    </Page>
  );
}

function NotificationItem({
  notification,
  busy,
  onRead,
}: {
  notification: AppNotification;
  busy: boolean;
  onRead(): void;
}) {
  const { t } = useTranslation();
  const unread = notification.readAt === null;
  const headingId = `benachrichtigung-${notification.id}`;
  return (
    <li className={unread ? 'notification notification--unread' : 'notification'}>
      <article className="kern-card" aria-labelledby={headingId}>
        <div className="kern-card__container">
          <div className="kern-card__header notification__header">
            <h2 className="kern-title" id={headingId}>
              {notification.subject}
            </h2>
            {unread && <Badge variant="info" label={t('notifications.unread')} />}
          </div>
          <div className="kern-card__body">
            <p className="kern-body kern-body--small kern-body--muted">
              {formatDateTime(notification.createdAt, currentLanguage())}
            </p>
            <p className="kern-body notification__body">{notification.body}</p>
            <div className="page__actions">
              {isAppPath(notification.link) && (
                <Link className="kern-link" to={notification.link} onClick={unread ? onRead : undefined}>
                  {t('notifications.open')}
                  <span className="visually-hidden">: {notification.subject}</span>
                </Link>
              )}
              {unread && (
                <button
                  type="button"
                  className="kern-btn kern-btn--tertiary kern-btn--x-small"
                  onClick={onRead}
                  disabled={busy}
                >
                  <span className="kern-icon kern-icon--check" aria-hidden="true" />
                  <span className="kern-label">
                    {t('notifications.markRead')}
                    <span className="visually-hidden">: {notification.subject}</span>
                  </span>
                </button>
              )}
            </div>
          </div>
        </div>
      </article>
    </li>
  );
}
