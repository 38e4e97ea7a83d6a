import { type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alert';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { describeError } from './form/formErrors';

type RevokeTokenDialogProps<T> = {
  /** The token asked about; null closes the dialog. */
  token: T | null;
  title: string;
  body: string;
  revoke(token: T): Promise<void>;
  onClose(): void;
  onRevoked(): void;
  /** Where focus goes once the token (and the row whose button opened the dialog) is gone. */
  focusAfterRevoke: RefObject<HTMLElement | null>;
};

/** Asks before an API token is revoked, for its owner and for a district's admins alike. */
export function RevokeTokenDialog<T>({
  token,
  title,
  body,
  revoke,
  onClose,
  onRevoked,
  focusAfterRevoke,
}: RevokeTokenDialogProps<T>) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const revoked = useRef(false);

  async function confirm() {
    if (token === null) return;
    setBusy(true);
    setError(null);
    try {
      await revoke(token);
      revoked.current = true;
      onRevoked();
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={token !== null}
      title={title}
      onClose={() => {
        setError(null);
        onClose();
      }}
      returnFocus={() => {
        const target = revoked.current ? focusAfterRevoke.current : null;
        revoked.current = false;
        return target;
      }}
      actions={
        <>
          <Button variant="secondary" label={t('common.cancel')} onClick={onClose} />
          <Button
            variant="primary"
            icon="delete"
            label={t('tokens.revokeConfirm')}
            onClick={() => void confirm()}
            disabled={busy}
          />
        </>
      }
    >
      <p className="kern-body">{body}</p>
      {error && (
        <Alert variant="danger" title={t('tokens.revokeFailed')} role="alert">
          <p className="kern-body">{error}</p>
        </Alert>
      )}
    </Dialog>
  );
}
