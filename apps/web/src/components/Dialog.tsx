import { type ReactNode, useEffect, useId, useRef } from 'react';
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

/**
 * KERN dialog on the native modal `<dialog>`: the browser traps focus and closes on Escape.
 * Focus goes back to the element that opened it.
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

  function closed() {
    const preferred = returnFocus?.();
    const target = preferred?.isConnected ? preferred : opener.current;
    opener.current = null;
    if (target?.isConnected) target.focus();
    if (open) onClose();
  }

  return (
    <dialog ref={ref} className="kern-dialog" aria-labelledby={titleId} onClose={closed}>
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
