import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../hooks/usePageTitle';

type PageProps = {
  /** Shown in the browser tab, followed by the app name. */
  title: string;
  /** The page's only `h1`. */
  heading: string;
  /** A form on the page shows errors: the title starts with "Fehler:", as the first thing read out. */
  hasErrors?: boolean;
  children: ReactNode;
};

/** Every routed page renders through this, so each has exactly one `h1` and its own title. */
export function Page({ title, heading, hasErrors = false, children }: PageProps) {
  const { t } = useTranslation();
  usePageTitle(hasErrors ? t('forms.titleWithErrors', { title }) : title);
  return (
    <article className="page">
      <h1 className="kern-heading-x-large">{heading}</h1>
      {children}
    </article>
  );
}
