import type { ReactNode } from 'react';
import { usePageTitle } from '../hooks/usePageTitle';

type PageProps = {
  /** Shown in the browser tab, followed by the app name. */
  title: string;
  /** The page's only `h1`. */
  heading: string;
  children: ReactNode;
};

/** Every routed page renders through this, so each has exactly one `h1` and its own title. */
export function Page({ title, heading, children }: PageProps) {
  usePageTitle(title);
  return (
    <article className="page">
      <h1 className="kern-heading-x-large">{heading}</h1>
      {children}
    </article>
  );
}
