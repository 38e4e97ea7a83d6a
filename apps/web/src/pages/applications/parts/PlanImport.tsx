import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApplicationDetail, importPlan, planTemplateUrl } from '../../../api/applications';
import { type ApiErrorDetail, isApiError } from '../../../api/client';
import { useApplicationDraft } from '../draftContext';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { classes, describedBy, FieldError } from '../../../components/form/FieldError';
import { describeError, type Message, messageText } from '../../../components/form/formErrors';
import { serverRuleText } from '../../../components/form/serverText';

/** The server's limit for a plan file (docs/api/applications.md); checked here too for a quick answer. */
const maxBytes = 1024 * 1024;
const accepted = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** `costPlan.row.4.amountCents`: a problem at a row and column of the file. */
const ROW_FIELD = /^(costPlan|financingPlan)\.row\.(\d+)\.(\w+)$/;

/** A problem inside the file (a sheet, or a row and column of it), rather than with the upload. */
function inFile(field: string): boolean {
  return field === 'costPlan' || field === 'financingPlan' || ROW_FIELD.test(field);
}

/**
 * The file's column headers (docs/api/applications.md): German in every UI language, because
 * that is what the carrier sees in the file.
 */
const FILE_HEADERS: Record<string, string> = {
  cashYear: 'Kassenjahr',
  category: 'Kostenart',
  description: 'Beschreibung',
  amountCents: 'Betrag (€)',
  requestedCents: 'Beantragte Fördermittel (€)',
  ownCents: 'Eigenanteil (€)',
  thirdPartyCents: 'Drittmittel (€)',
};

/** "Kostenplan, Zeile 4, Spalte „Betrag (€)“: …" — where in the file, then what is wrong. */
function useProblemText() {
  const { t } = useTranslation();
  return (detail: ApiErrorDetail): string => {
    const message = detail.message ? serverRuleText(detail.rule, detail.message) : t('errors.unexpected');
    if (detail.field === 'costPlan' || detail.field === 'financingPlan') {
      return t('planImport.problemIn', { sheet: t(`planImport.sheets.${detail.field}`), message });
    }
    const at = ROW_FIELD.exec(detail.field);
    if (!at) return message;
    const [, sheet, row = '', column = ''] = at as unknown as [
      string,
      'costPlan' | 'financingPlan',
      string,
      string,
    ];
    return t('planImport.problemAt', {
      sheet: t(`planImport.sheets.${sheet}`),
      row,
      column: FILE_HEADERS[column] ?? column,
      message,
    });
  };
}

/**
 * Issue 19, item 4: the cost and financing plan from a spreadsheet. The template holds the saved
 * plans; an uploaded file replaces them only when every row is valid, otherwise each problem is
 * listed with its row and column and nothing changes.
 */
export function PlanImport({ detail }: { detail: ApplicationDetail }) {
  const { t } = useTranslation();
  const draft = useApplicationDraft();
  const problemText = useProblemText();
  const input = useRef<HTMLInputElement>(null);
  const problemBox = useRef<HTMLDivElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  // Texts made when shown, so they follow a language switch (`Message`).
  const [error, setError] = useState<{ text: Message } | null>(null);
  const [problems, setProblems] = useState<readonly ApiErrorDetail[]>([]);
  const [done, setDone] = useState<{ text: Message } | null>(null);
  const id = 'kostenplan-datei';
  // A new list of problems takes the reader to it (the submit button was disabled meanwhile, so
  // the focus would otherwise be lost).
  useEffect(() => {
    if (problems.length > 0) problemBox.current?.focus();
  }, [problems]);
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;

  function refuse(message: Message) {
    setError({ text: message });
    input.current?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setProblems([]);
    if (!file) return refuse((tr) => tr('planImport.chooseFile'));
    if (file.size > maxBytes) return refuse((tr) => tr('planImport.tooLarge'));
    setBusy(true);
    try {
      // The import names the version it replaces: what was typed before must be saved first.
      if ((await draft.flush()) === null) return refuse((tr) => tr('planImport.saveFirst'));
      const saved = await importPlan(detail.id, draft.currentVersion(), file);
      draft.adoptSaved(saved, (content) => ({
        ...content,
        costPlan: saved.costPlan,
        financingPlan: saved.financingPlan,
      }));
      setError(null);
      setFile(null);
      if (input.current) input.current.value = '';
      const counts = { costs: saved.costPlan.length, years: saved.financingPlan.length };
      setDone({ text: (tr) => tr('planImport.done', counts) });
    } catch (failure) {
      const rows = isApiError(failure) ? failure.details.filter((d) => inFile(d.field)) : [];
      if (rows.length > 0) {
        setError(null);
        setProblems(rows);
      } else if (isApiError(failure) && failure.details.length > 0) {
        const { details } = failure;
        refuse(() => details.map((d) => (d.message ? serverRuleText(d.rule, d.message) : d.rule)).join(' '));
      } else {
        refuse((tr) => describeError(failure, tr));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="plan-import" aria-labelledby="kostenplan-datei-titel">
      <h2 className="kern-heading-small" id="kostenplan-datei-titel">
        {t('planImport.heading')}
      </h2>
      <p className="kern-body">{t('planImport.intro')}</p>
      <p className="kern-body">
        <a className="kern-link" href={planTemplateUrl(detail.id)} download>
          <span className="kern-icon kern-icon--download" aria-hidden="true" /> {t('planImport.template')}
        </a>
      </p>
      {detail.editable && (
        <form noValidate className="attachment-upload" onSubmit={(event) => void submit(event)}>
          <div className={classes('kern-form-input', error !== null && 'kern-form-input--error')}>
            <label className="kern-label" htmlFor={id}>
              {t('planImport.file')}
            </label>
            <div className="kern-hint" id={hintId}>
              {t('planImport.hint')}
            </div>
            <input
              ref={input}
              id={id}
              type="file"
              accept={accepted}
              className="kern-form-input__input"
              aria-describedby={describedBy(hintId, errorId)}
              aria-invalid={error ? true : undefined}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setError(null);
              }}
            />
            {error && errorId && <FieldError id={errorId} message={messageText(error.text, t)} />}
          </div>
          <div>
            <Button
              type="submit"
              variant="secondary"
              icon="drive-folder-upload"
              label={t('planImport.submit')}
              disabled={busy}
            />
          </div>
          <p className="kern-body kern-body--small" role="status">
            {busy ? t('planImport.busy') : done && messageText(done.text, t)}
          </p>
        </form>
      )}
      {problems.length > 0 && (
        <div ref={problemBox} tabIndex={-1} className="focus-target" id="kostenplan-datei-fehler">
          <Alert variant="danger" title={t('planImport.problemsTitle', { count: problems.length })}>
            <p className="kern-body">{t('planImport.problemsIntro')}</p>
            <ul className="kern-list">
              {problems.map((problem) => (
                <li key={`${problem.field}:${problem.rule}`}>{problemText(problem)}</li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
    </section>
  );
}
