import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiErrorDetail, isApiError } from '../api/client';
import { useMe } from '../session/SessionContext';
import { Alert } from './Alert';
import { Button } from './Button';
import { SelectField } from './form/SelectField';
import { describeError, type Message, messageText } from './form/formErrors';
import { shownRuleText } from './form/serverText';

export type TableImportProps<T> = {
  /** Prefix of the form's ids: `${id}-import` (heading), `${id}-datei`, `${id}-bezirk`, `${id}-probelauf`. */
  id: string;
  heading: string;
  /** What the table must look like: shown under the heading. */
  intro: ReactNode;
  /** The districts the caller may import into; a choice is offered when there are several. */
  districtIds: string[];
  fileLabel: string;
  fileHint?: string;
  /** The file types the picker offers, as in `<input accept>`. */
  accept: string;
  submitLabel: string;
  /** Whether the route takes `dryRun`: then a checkbox „Nur prüfen“ is offered. */
  offerDryRun?: boolean;
  upload(districtId: string, file: File, dryRun: boolean): Promise<T>;
  /** The success message of an answer (a dry run's too). */
  result(answer: T, dryRun: boolean): { title: string; body: ReactNode };
  /** Called after a real (not dry) import, e.g. to reload what the page shows. */
  onImported?(answer: T): void;
  /** Told whether the last attempt failed, so the page title can say so. */
  onErrors?(failed: boolean): void;
  /** How a located problem reads when the file has no rows and columns (GeoJSON: feature and member). */
  problemText?(problem: ApiErrorDetail): string;
};

/**
 * The one form for every table import (indicators, LOR grid, projects of earlier years): pick a
 * file, optionally check it only, and see every problem by row and column as the API names it
 * (`details[]` with `row` and `column`), or what was read.
 */
export function TableImportForm<T>(props: TableImportProps<T>) {
  const { t } = useTranslation();
  const me = useMe();
  const { id, districtIds } = props;
  const names = new Map(me.roles.map((r) => [r.districtId, r.districtName ?? r.districtId]));
  const [districtId, setDistrictId] = useState(districtIds[0]!);
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<readonly ApiErrorDetail[] | null>(null);
  // Kept as a translation, not as text, so it follows a language switch while shown.
  const [message, setMessage] = useState<{ text: Message } | null>(null);
  const [done, setDone] = useState<{ title: string; body: ReactNode } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setProblems(null);
    setMessage(null);
    if (!file) {
      setMessage({ text: (tr) => tr('tableImport.fileRequired') });
      props.onErrors?.(true);
      return;
    }
    setBusy(true);
    const checkOnly = props.offerDryRun === true && dryRun;
    try {
      const answer = await props.upload(districtId, file, checkOnly);
      setDone(props.result(answer, checkOnly));
      props.onErrors?.(false);
      if (!checkOnly) props.onImported?.(answer);
    } catch (error) {
      props.onErrors?.(true);
      if (isApiError(error)) {
        setMessage({ text: (tr) => describeError(error, tr) });
        setProblems(error.details);
      } else setMessage({ text: (tr) => tr('tableImport.failed') });
    } finally {
      setBusy(false);
    }
  }

  const hintId = `${id}-datei-hinweis`;
  return (
    <form
      noValidate
      className="form page__section"
      aria-labelledby={`${id}-import`}
      onSubmit={(event) => void submit(event)}
    >
      <h2 className="kern-heading-medium" id={`${id}-import`}>
        {props.heading}
      </h2>
      {props.intro}
      {(message || problems) && (
        <ImportProblems
          message={message && messageText(message.text, t)}
          problems={problems}
          problemText={props.problemText}
        />
      )}
      {done && (
        <Alert variant="success" title={done.title}>
          {done.body}
        </Alert>
      )}
      {districtIds.length > 1 && (
        <SelectField
          id={`${id}-bezirk`}
          label={t('tableImport.district')}
          value={districtId}
          options={districtIds.map((value) => ({ value, label: names.get(value) ?? value }))}
          onChange={setDistrictId}
        />
      )}
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={`${id}-datei`}>
          {props.fileLabel}
        </label>
        {props.fileHint && (
          <div className="kern-hint" id={hintId}>
            {props.fileHint}
          </div>
        )}
        <input
          id={`${id}-datei`}
          type="file"
          accept={props.accept}
          className="kern-form-input__input"
          aria-describedby={props.fileHint ? hintId : undefined}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      {props.offerDryRun && (
        <div className="kern-form-check">
          <input
            id={`${id}-probelauf`}
            type="checkbox"
            className="kern-form-check__checkbox"
            checked={dryRun}
            onChange={(event) => setDryRun(event.target.checked)}
          />
          <label className="kern-label" htmlFor={`${id}-probelauf`}>
            {t('tableImport.dryRun')}
          </label>
        </div>
      )}
      <div>
        <Button type="submit" disabled={busy} label={props.submitLabel} />
      </div>
    </form>
  );
}

/** What was wrong with an uploaded table, each problem by row and column. */
function ImportProblems({
  message,
  problems,
  problemText,
}: {
  message: string | null;
  problems: readonly ApiErrorDetail[] | null;
  problemText?: (problem: ApiErrorDetail) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="kern-alert kern-alert--danger" role="alert" tabIndex={-1}>
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">{t('tableImport.problemsTitle')}</span>
      </div>
      <div className="kern-alert__body">
        {message && <p className="kern-body">{message}</p>}
        {problems && problems.length > 0 && (
          <ul className="kern-list">
            {problems.map((p, i) => (
              <li key={i}>
                {p.row !== undefined && problemText
                  ? problemText(p)
                  : p.row !== undefined
                    ? t('tableImport.problem', { row: p.row, column: p.column, message: shownRuleText(p) })
                    : `${p.field}: ${shownRuleText(p)}`}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
