import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApplicationContent, ApplicationDetail } from '../../api/applications';
import { Alert } from '../../components/Alert';
import { costFieldId, financingFieldId } from '../../components/applications/PlanEditors';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FieldSpec } from '../../components/form/formErrors';
import { Page } from '../../components/Page';
import { TextLink } from '../../components/TextLink';
import { applicationPath } from '../../paths';
import { NotFoundPage } from '../NotFoundPage';
import { useApplicationDraft } from './draftContext';
import { AttachmentsPart } from './parts/AttachmentsPart';
import { DeclarationsPart } from './parts/DeclarationsPart';
import { CostPlanPart, FinancingPlanPart } from './parts/PlanParts';
import { EvaluationPart, PeriodPart, ProjectPart } from './parts/TextParts';
import { ScopePart } from './parts/ScopePart';
import {
  contentPath,
  partOfSlug,
  type PartKey,
  problemsOfPart,
  unsavedCostLines,
} from '../../components/applications/parts';
import { problemFieldLabel, problemMessage } from '../../components/applications/problemText';
import { SaveIndicator } from './SaveIndicator';

/** What every part editor gets: the content, a way to change it, and the problems to show at fields. */
export type PartProps = {
  detail: ApplicationDetail;
  content: ApplicationContent;
  title: string;
  change(content: (content: ApplicationContent) => ApplicationContent): void;
  changeTitle(title: string): void;
  /** The problem at exactly this content path (`costPlan.0.amountCents`), once the part was checked. */
  errorOf(path: string): string | undefined;
};

/** The element the error summary jumps to for a problem's path; the group's first field for group problems. */
export function fieldIdOf(path: string, content: ApplicationContent): string {
  const [head = '', second, third] = path.split('.');
  const index = second !== undefined && /^\d+$/.test(second) ? Number(second) : null;
  switch (head) {
    case 'title':
      return 'antrag-titel';
    case 'summary':
      return 'antrag-kurzbeschreibung';
    case 'goals':
      return index === null ? 'ziel-0-goal' : `ziel-${index}-${third ?? 'goal'}`;
    case 'targetGroups':
      return `zielgruppe-${index ?? 0}`;
    case 'actionFieldIds':
      return 'handlungsfelder';
    case 'areaIds':
      return 'gebiete';
    case 'periodStart':
    case 'period':
      return 'zeitraum-beginn';
    case 'periodEnd':
      return 'zeitraum-ende';
    case 'predecessorId':
      return 'vorgaenger';
    case 'costPlan':
    case 'costs':
      return index === null
        ? 'kostenplan-gruppe'
        : costFieldId(index, (third ?? 'amountCents') as 'amountCents');
    case 'financingPlan':
    case 'requested':
    case 'requestedCents':
    case 'plan':
    case 'sums': {
      if (index !== null) return financingFieldId(index, (third ?? 'requestedCents') as 'requestedCents');
      const yearRow = second
        ? (content.financingPlan ?? []).findIndex((line) => String(line.cashYear) === second)
        : -1;
      return yearRow >= 0 ? financingFieldId(yearRow, 'requestedCents') : 'finanzierungsplan-gruppe';
    }
    case 'thirdPartySources':
      return 'drittmittel-quellen';
    case 'evaluationConcept':
      return 'evaluationskonzept';
    case 'declarations':
      if (second === 'transparencyConsent') return 'erklaerung-transparencyConsent-yes';
      return `erklaerung-${second ?? 'projectNotStarted'}`;
    case 'attachments':
    case 'requiredAttachments':
      return second ? `anlage-${second}` : 'anlagen-gruppe';
    default:
      return 'antrag-teil';
  }
}

const editors: Record<PartKey, (props: PartProps) => ReactNode> = {
  project: ProjectPart,
  scope: ScopePart,
  period: PeriodPart,
  costPlan: CostPlanPart,
  financingPlan: FinancingPlanPart,
  evaluation: EvaluationPart,
  declarations: DeclarationsPart,
  attachments: AttachmentsPart,
};

/** One part of the application form (`/antraege/:id/<part>`). */
export function ApplicationPartPage() {
  const { part: slug } = useParams();
  const part = partOfSlug(slug);
  if (!part) return <NotFoundPage />;
  return <PartPage key={part} part={part} />;
}

function PartPage({ part }: { part: PartKey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const draft = useApplicationDraft();
  const { detail, content } = draft;
  // Problems show at the fields once the carrier asked for a check (here or on the check page).
  const [checks, setChecks] = useState(search.has('pruefen') ? 1 : 0);
  const [busy, setBusy] = useState(false);
  // Cost lines without a valid amount stay on this page only (autosave holds them back): they
  // are named like the server's problems, before them, and the carrier cannot leave unaware.
  const unsaved = part === 'costPlan' ? unsavedCostLines(content) : [];
  const unsavedPaths = new Set(unsaved.map((p) => p.field));
  const problems = [
    ...unsaved,
    ...problemsOfPart(draft.problems, part).filter((p) => !unsavedPaths.has(contentPath(p.field))),
  ];
  const partName = t(`applicationForm.parts.${part}`);
  const overview = applicationPath(detail.id);

  const errorOf = (path: string) => {
    if (checks === 0) return undefined;
    const problem = problems.find((p) => contentPath(p.field) === path);
    return problem ? problemMessage(problem, t) : undefined;
  };
  const specs: Record<string, FieldSpec> = {};
  const fieldErrors: Record<string, string> = {};
  for (const problem of problems) {
    const path = contentPath(problem.field);
    specs[path] ??= { id: fieldIdOf(path, content), label: problemFieldLabel(problem, t) };
    fieldErrors[path] ??= problemMessage(problem, t);
  }

  async function finish() {
    setBusy(true);
    const saved = await draft.flush();
    setBusy(false);
    if (!saved) return;
    if (unsaved.length > 0 || (problemsOfPart(saved, part).length > 0 && checks === 0)) {
      setChecks((n) => n + 1);
      return;
    }
    await navigate(overview);
  }

  const Editor = editors[part];
  return (
    <Page
      title={t('applicationForm.pageTitle', { part: partName, title: draft.title || detail.reference })}
      heading={partName}
      hasErrors={checks > 0 && problems.length > 0}
    >
      <p className="kern-body">
        <TextLink to={overview}>
          {t('applicationForm.backToOverview', { title: draft.title || detail.reference })}
        </TextLink>
      </p>
      {checks > 0 && (
        <ErrorSummary
          errors={{ fields: fieldErrors, general: [] }}
          fields={specs}
          focusKey={checks}
          title={t('applicationForm.partProblems')}
        />
      )}
      {!detail.editable && (
        <Alert variant="info" title={t('applicationForm.readOnlyTitle')}>
          <p className="kern-body">{t('applicationForm.readOnlyBody')}</p>
        </Alert>
      )}
      {/* Not a <form>: autosave stores every change, and the attachments part holds upload forms of its own. */}
      <div className="form application-part" id="antrag-teil">
        <fieldset className="application-part__fields" disabled={!detail.editable}>
          <legend className="kern-sr-only">{partName}</legend>
          <Editor
            detail={detail}
            content={content}
            title={draft.title}
            change={(change) => draft.update({ content: change })}
            changeTitle={(title) => draft.update({ title })}
            errorOf={errorOf}
          />
        </fieldset>
        <SaveIndicator />
        {detail.editable && (
          <div className="page__actions">
            <Button label={t('applicationForm.saveAndBack')} disabled={busy} onClick={() => void finish()} />
            {checks > 0 && problems.length > 0 && (
              <TextLink to={overview}>{t('applicationForm.continueLater')}</TextLink>
            )}
          </div>
        )}
      </div>
    </Page>
  );
}
