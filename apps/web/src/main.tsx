import '@kern-ux/native/dist/kern.min.css';
import './styles/fonts.css';
import './styles/app.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { SessionProvider } from './session/SessionProvider';
import { UnreadProvider } from './session/UnreadProvider';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element');

createRoot(container).render(
  <StrictMode>
    <ErrorBoundary standalone>
      <BrowserRouter>
        <SessionProvider>
          <UnreadProvider>
            <App />
          </UnreadProvider>
        </SessionProvider>
      </BrowserRouter>
    </ErrorBoundary>
  </StrictMode>,
);
