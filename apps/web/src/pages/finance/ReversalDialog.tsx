import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type Booked, type LedgerEntry, reverseEntry } from '../../api/funds';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { describeError, type Message, messageText } from '../../components/form/formErrors';
import { serverRuleText } from '../../components/form/serverText';
import { TextField } from '../../components/form/TextField';
import { money } from './financeShared';

const reasonFieldId = 'storno-begruendung';
const formId = 'storno-formular';

/**
 * Asks before cancelling a ledger entry and takes the reason the ledger requires. The entry is
 * never edited: a reversing entry cancels it in full and both stay on record, which the dialog
 * says before anyone confirms. It stays open on a refusal (a budget cannot be reversed below what
 * is committed) and shows why.
 */
export function ReversalDialog({
  entry,
  onClose,
  onReversed,
}: {
  entry: LedgerEntry | null;
  onClose(): void;
  onReversed(result: Booked, entry: LedgerEntry): void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  // Kept as translations, not as text, so they follow a language switch while shown.
  const [fieldError, setFieldError] = useState<{ text: Message } | undefined>();
  const [refusal, setRefusal] = useState<{ text: Message } | null>(null);
  const [busy, setBusy] = useState(false);

  // The dialog stays mounted between entries, so what was typed is cleared whenever it closes.
  function reset() {
    setReason('');
    setFieldError(undefined);
    setRefusal(null);
  }

  function close() {
    reset();
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!entry || busy) return;
    setRefusal(null);
    if (!reason.trim()) {
      setFieldError({ text: (tr) => tr('reversal.reasonRequired') });
      document.getElementById(reasonFieldId)?.focus();
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    try {
      const result = await reverseEntry(entry.id, reason.trim());
      reset();
      onReversed(result, entry);
    } catch (error) {
      const detail = isApiError(error) ? error.details.find((d) => d.field === 'reason') : undefined;
      if (detail) {
        const { rule, message } = detail;
        setFieldError({ text: (tr) => (message ? serverRuleText(rule, message) : tr('forms.invalidValue')) });
        document.getElementById(reasonFieldId)?.focus();
      } else {
        setRefusal({ text: (tr) => describeError(error, tr) });
      }
    } finally {
      setBusy(false);
    }
  }

  const kind = entry ? t(`fund.kinds.${entry.kind}`) : '';
  return (
    <Dialog
      open={entry !== null}
      title={entry ? t('reversal.title', { seq: entry.seq }) : ''}
      onClose={close}
      actions={
        <>
          <Button variant="secondary" label={t('common.cancel')} onClick={close} />
          <Button
            type="submit"
            form={formId}
            variant="primary"
            label={t('reversal.confirm')}
            disabled={busy}
          />
        </>
      }
    >
      {entry && (
        <form id={formId} noValidate onSubmit={(event) => void submit(event)} className="form">
          <p className="kern-body">
            {t('reversal.explanation', {
              seq: entry.seq,
              kind,
              amount: money(entry.amountCents),
            })}
          </p>
          {entry.projectTitle && (
            <p className="kern-body">{t('reversal.project', { title: entry.projectTitle })}</p>
          )}
          <TextField
            id={reasonFieldId}
            label={t('reversal.reason')}
            hint={t('reversal.reasonHint')}
            value={reason}
            error={fieldError && messageText(fieldError.text, t)}
            autoComplete="off"
            onChange={setReason}
          />
          {refusal && (
            <Alert variant="danger" title={t('reversal.refused')} role="alert">
              <p className="kern-body">{messageText(refusal.text, t)}</p>
            </Alert>
          )}
        </form>
      )}
    </Dialog>
  );
}
