import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alert';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { describeError } from './form/formErrors';

/** What to confirm: the question, its consequences, and the action to run on "yes". */
export type Confirmation = {
  title: string;
  body: string;
  confirmLabel: string;
  action(): Promise<void>;
  /** Where focus goes after the action succeeded, if its button may be gone (see `Dialog`). */
  returnFocus?: () => HTMLElement | null | undefined;
};

/**
 * Asks before a consequential action. The dialog stays open while the action runs and shows
 * why it failed, so the user can cancel or try again.
 */
export function ConfirmDialog({
  confirmation,
  onClose,
}: {
  confirmation: Confirmation | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Kept from the moment of success: by the time the dialog closes, `confirmation` is null.
  const focusAfterSuccess = useRef<Confirmation['returnFocus']>(undefined);

  function close() {
    setError(null);
    onClose();
  }

  async function confirm() {
    if (!confirmation) return;
    setBusy(true);
    setError(null);
    try {
      await confirmation.action();
      focusAfterSuccess.current = confirmation.returnFocus;
      onClose();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={confirmation !== null}
      title={confirmation?.title ?? ''}
      onClose={close}
      returnFocus={() => {
        const target = focusAfterSuccess.current?.();
        focusAfterSuccess.current = undefined;
        return target;
      }}
      actions={
        <>
          <Button variant="secondary" label={t('common.cancel')} onClick={close} />
          <Button
            variant="primary"
            label={confirmation?.confirmLabel ?? ''}
            onClick={() => void confirm()}
            disabled={busy}
          />
        </>
      }
    >
      <p className="kern-body">{confirmation?.body}</p>
      {error && (
        <Alert variant="danger" title={t('common.actionFailed')} role="alert">
          <p className="kern-body">{error}</p>
        </Alert>
      )}
    </Dialog>
  );
}
