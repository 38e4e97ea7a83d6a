import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

type DialogProps = {
  open: boolean;
  title: string;
  /** Called for the close button, Escape, and after the dialog closed itself. */
  onClose(): void;
  children: ReactNode;
  /** Buttons of the footer; the safe choice first. */
  actions: ReactNode;
  /**
   * Where focus goes on closing, when not back to the opener: an action may have removed the
   * opener (a revoked token's row), and focus must not fall back to the page's start.
   */
  returnFocus?: () => HTMLElement | null | undefined;
};

const focusable = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * KERN dialog on the native modal `<dialog>`: the browser keeps the page behind it inert and
 * closes it on Escape. Tab after the last control would leave for the browser's own controls, so
 * Tab and Shift+Tab cycle between the dialog's first and last control. Focus goes back to the
 * element that opened it.
 */
export function Dialog({ open, title, onClose, children, actions, returnFocus }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab' || !ref.current) return;
    const controls = Array.from(ref.current.querySelectorAll<HTMLElement>(focusable)).filter(
      (control) => !control.matches(':disabled') && control.getClientRects().length > 0,
    );
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === ref.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  function closed() {
    const preferred = returnFocus?.();
    const target = preferred?.isConnected ? preferred : opener.current;
    opener.current = null;
    if (target?.isConnected) target.focus();
    if (open) onClose();
  }

  return (
    <dialog
      ref={ref}
      className="kern-dialog"
      aria-labelledby={titleId}
      onClose={closed}
      onKeyDown={keepFocusInside}
    >
      <header className="kern-dialog__header">
        <h2 className="kern-title kern-title--large" id={titleId}>
          {title}
        </h2>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={onClose}>
          <span className="kern-icon kern-icon--close" aria-hidden="true" />
          <span className="kern-label kern-sr-only">{t('dialog.close')}</span>
        </button>
      </header>
      <section className="kern-dialog__body">{children}</section>
      <footer className="kern-dialog__footer">{actions}</footer>
    </dialog>
  );
}
