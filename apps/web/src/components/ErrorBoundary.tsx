import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { site } from '../site';
import { Alert } from './Alert';
import { Button } from './Button';
import { Page } from './Page';

type ErrorBoundaryProps = {
  children: ReactNode;
  /** Set on the outermost boundary, which has no layout around it and must bring its own `main`. */
  standalone?: boolean;
};
type ErrorBoundaryState = { error: unknown };

/**
 * Catches rendering errors below it and shows a page with a reload button instead of a blank
 * screen. The layout keys its boundary by location, so navigating elsewhere starts afresh; an
 * outer, standalone boundary catches errors in the layout itself.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // React already reports the error to the console; a monitoring hook would go here.
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return this.props.standalone ? (
      <main className="kern-container site-main">
        <ErrorFallback />
      </main>
    ) : (
      <ErrorFallback />
    );
  }
}

function ErrorFallback() {
  const { t } = useTranslation();
  return (
    <Page title={t('error.title')} heading={t('error.heading')}>
      <Alert variant="danger" title={t('error.alertTitle')} role="alert">
        <p className="kern-body">{t('error.body', { email: site.contactEmail })}</p>
      </Alert>
      <div className="page__actions">
        <Button
          variant="primary"
          icon="autorenew"
          label={t('error.reload')}
          onClick={() => window.location.reload()}
        />
      </div>
    </Page>
  );
}
