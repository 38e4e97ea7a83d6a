import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { paths } from '../paths';
import { useUnread } from '../session/UnreadContext';

/**
 * Link to the notifications with the unread count. The accessible name says it in words
 * ("Benachrichtigungen, 3 ungelesen"); the visible badge shows the number.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { count } = useUnread();
  const label =
    count === null ? t('bell.label') : count === 0 ? t('bell.labelNone') : t('bell.labelUnread', { count });
  return (
    <NavLink
      className="kern-btn kern-btn--tertiary notification-bell"
      to={paths.notifications}
      aria-label={label}
    >
      <BellIcon />
      {count !== null && count > 0 && (
        <span className="notification-bell__count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </NavLink>
  );
}

/** KERN has no bell icon; this one follows its icon size and takes the text colour. */
function BellIcon() {
  return (
    <svg
      className="notification-bell__icon"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="currentColor"
        d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2Zm6-6V11c0-3.07-1.64-5.64-4.5-6.32V4a1.5 1.5 0 0 0-3 0v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2Zm-2 1H8v-6c0-2.48 1.51-4.5 4-4.5s4 2.02 4 4.5v6Z"
      />
    </svg>
  );
}
