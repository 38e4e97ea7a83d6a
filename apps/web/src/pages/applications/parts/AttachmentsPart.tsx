import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Attachment,
  attachmentUrl,
  deleteAttachment,
  getCall,
  listAttachments,
  type RequiredAttachment,
  uploadAttachment,
} from '../../../api/applications';
import { dateTime, fileSize } from '../../../components/applications/format';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { type Confirmation, ConfirmDialog } from '../../../components/ConfirmDialog';
import { classes, describedBy, FieldError } from '../../../components/form/FieldError';
import { describeError } from '../../../components/form/formErrors';
import { Loader } from '../../../components/Loader';
import { LoadError } from '../../../components/LoadError';
import { useApiData } from '../../../hooks/useApiData';
import type { PartProps } from '../ApplicationPartPage';
import { useApplicationDraft } from '../draftContext';

/** The server's limit (docs/api/applications.md); checked here too for a quick answer. */
const maxBytes = 20 * 1024 * 1024;
const accepted = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods';

/** Attachments: the call's required ones first, then any other; upload, list with size, remove. */
export function AttachmentsPart({ detail, errorOf }: PartProps) {
  const { t } = useTranslation();
  const { refreshProblems } = useApplicationDraft();
  const [version, setVersion] = useState(0);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [call, attachments] = await Promise.all([
        getCall(detail.call.id, { signal }),
        listAttachments(detail.id, { signal }),
      ]);
      return { required: call.requiredAttachments, attachments: attachments.items, version };
    },
    [detail.call.id, detail.id, version],
  );
  const { state, reload } = useApiData(load);
  const changed = () => {
    setVersion((n) => n + 1);
    refreshProblems();
  };

  if (state.status === 'loading') return <Loader label={t('attachments.loading')} />;
  if (state.status === 'failed')
    return <LoadError title={t('attachments.loadFailed')} error={state.error} onRetry={reload} />;
  const { required, attachments } = state.data;
  const labelOf = (kind: string) =>
    required.find((r) => r.key === kind)?.label ?? (kind === 'other' ? t('attachments.other') : kind);

  return (
    <>
      <p className="kern-body">{t('attachments.intro')}</p>
      <div id="anlagen-gruppe" tabIndex={-1} className="focus-target">
        {errorOf('attachments') && <FieldError id="anlagen-fehler" message={errorOf('attachments')!} />}
      </div>
      {required.length > 0 && (
        <>
          <h2 className="kern-heading-small">{t('attachments.requiredHeading')}</h2>
          <ul className="attachment-uploads">
            {required.map((item) => (
              <li key={item.key}>
                <UploadForm
                  applicationId={detail.id}
                  kind={item}
                  present={attachments.some((a) => a.kind === item.key)}
                  error={errorOf(`attachments.${item.key}`)}
                  onUploaded={changed}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 className="kern-heading-small">{t('attachments.otherHeading')}</h2>
      <UploadForm
        applicationId={detail.id}
        kind={{ key: 'other', label: t('attachments.other') }}
        present={false}
        onUploaded={changed}
      />
      <h2 className="kern-heading-small">{t('attachments.listHeading')}</h2>
      <AttachmentTable
        applicationId={detail.id}
        attachments={attachments}
        labelOf={labelOf}
        onRemove={
          detail.editable
            ? (attachment) =>
                setConfirmation({
                  title: t('attachments.removeTitle'),
                  body: t('attachments.removeBody', { name: attachment.fileName }),
                  confirmLabel: t('attachments.removeConfirm'),
                  action: async () => {
                    await deleteAttachment(detail.id, attachment.id);
                    changed();
                  },
                  returnFocus: () => document.getElementById('anlagen-gruppe'),
                })
            : undefined
        }
      />
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </>
  );
}

/** The attachments with kind, size and upload time; each a download (the server never serves them inline). */
export function AttachmentTable({
  applicationId,
  attachments,
  labelOf,
  onRemove,
}: {
  applicationId: string;
  attachments: Attachment[];
  labelOf(kind: string): string;
  onRemove?(attachment: Attachment): void;
}) {
  const { t } = useTranslation();
  if (attachments.length === 0) return <p className="kern-body">{t('attachments.none')}</p>;
  return (
    <div className="kern-table-responsive table-wrapper">
      <table className="kern-table kern-table--small">
        <caption className="kern-sr-only">{t('attachments.listHeading')}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t('attachments.file')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('attachments.kind')}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('attachments.size')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('attachments.uploadedAt')}
            </th>
            {onRemove && (
              <th scope="col" className="kern-table__header">
                <span className="kern-sr-only">{t('attachments.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {attachments.map((attachment) => (
            <tr key={attachment.id} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                <a
                  className="kern-link"
                  href={attachmentUrl(applicationId, attachment.id)}
                  download={attachment.fileName}
                >
                  {attachment.fileName}
                </a>
              </th>
              <td className="kern-table__cell">{labelOf(attachment.kind)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{fileSize(attachment.sizeBytes)}</td>
              <td className="kern-table__cell">{dateTime(attachment.uploadedAt)}</td>
              {onRemove && (
                <td className="kern-table__cell">
                  <button
                    type="button"
                    className="kern-btn kern-btn--tertiary"
                    onClick={() => onRemove(attachment)}
                  >
                    <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                    <span className="kern-label">
                      {t('attachments.remove')}
                      <span className="visually-hidden"> {attachment.fileName}</span>
                    </span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UploadForm({
  applicationId,
  kind,
  present,
  error: outsideError,
  onUploaded,
}: {
  applicationId: string;
  kind: RequiredAttachment;
  present: boolean;
  error?: string;
  onUploaded(): void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = `anlage-${kind.key}`;
  const message = error ?? outsideError;
  const hintId = `${id}-hint`;
  const errorId = message ? `${id}-error` : undefined;
  const statusLabel = useMemo(
    () => (present ? t('attachments.present') : t('attachments.missing')),
    [present, t],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (!file) {
      setError(t('attachments.chooseFile'));
      input.current?.focus();
      return;
    }
    if (file.size > maxBytes) {
      setError(t('attachments.tooLarge', { size: fileSize(file.size) }));
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const uploaded = await uploadAttachment(applicationId, kind.key, file);
      setError(null);
      setFile(null);
      if (input.current) input.current.value = '';
      setDone(t('attachments.uploaded', { name: uploaded.fileName }));
      onUploaded();
    } catch (failure) {
      setError(describeError(failure, t));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate className="attachment-upload" onSubmit={(event) => void submit(event)}>
      <div className={classes('kern-form-input', message && 'kern-form-input--error')}>
        <label className="kern-label" htmlFor={id}>
          {kind.label}{' '}
          {kind.key !== 'other' && <Badge variant={present ? 'success' : 'warning'} label={statusLabel} />}
        </label>
        <div className="kern-hint" id={hintId}>
          {t('attachments.hint')}
        </div>
        <input
          ref={input}
          id={id}
          type="file"
          accept={accepted}
          className="kern-form-input__input"
          aria-describedby={describedBy(hintId, errorId)}
          aria-invalid={message ? true : undefined}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setError(null);
          }}
        />
        {message && errorId && <FieldError id={errorId} message={message} />}
      </div>
      <div>
        <Button
          type="submit"
          variant="secondary"
          icon="drive-folder-upload"
          label={t('attachments.upload')}
          aria-label={t('attachments.uploadFor', { label: kind.label })}
          disabled={busy}
        />
      </div>
      <p className="kern-body kern-body--small" role="status">
        {busy ? t('attachments.uploading') : done}
      </p>
    </form>
  );
}
