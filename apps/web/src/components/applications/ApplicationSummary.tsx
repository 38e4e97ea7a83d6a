import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApplicationContent, Attachment, Call, CostLine } from '../../api/applications';
import { type PartKey, partKeys } from './parts';
import { DescriptionList, type DescriptionItem } from '../DescriptionList';
import { day, fileSize, money } from './format';
import { PlanBalanceTable } from './PlanBalanceTable';

type SummaryProps = {
  title: string;
  content: ApplicationContent;
  /** The call, for the names of action fields, areas and required attachments. */
  call?: Call | null;
  attachments?: Attachment[] | null;
  /** Where "Ändern" leads for a part; no links when the content is read only. */
  changeLink?(part: PartKey): string;
  /** Heading level of each part's title. */
  headingLevel?: 2 | 3;
  /** Prefix for ids, when two summaries share a page. */
  idPrefix?: string;
};

/**
 * "Check your answers": every part of the application as a KERN summary block with its answers,
 * and a link to change the part while that is allowed.
 */
export function ApplicationSummary({
  title,
  content,
  call,
  attachments,
  changeLink,
  headingLevel = 2,
  idPrefix = 'zusammenfassung',
}: SummaryProps) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const none = t('summary.none');
  const text = (value: string | undefined) =>
    value && value.trim() ? <span className="summary__text">{value}</span> : none;
  const names = (ids: string[] | undefined, items: { id: string; name: string }[] | undefined) =>
    ids && ids.length > 0
      ? ids.map((id) => items?.find((item) => item.id === id)?.name ?? id).join(', ')
      : none;
  const yesNo = (value: boolean | undefined) =>
    value === true ? t('common.yes') : value === false ? t('common.no') : none;
  const declarations = content.declarations ?? {};

  const items: Record<PartKey, DescriptionItem[]> = {
    project: [
      { key: 'title', term: t('applicationForm.project.title'), value: text(title) },
      { key: 'summary', term: t('applicationForm.project.summary'), value: text(content.summary) },
      {
        key: 'goals',
        term: t('applicationForm.project.goals'),
        value:
          content.goals && content.goals.length > 0 ? (
            <ol className="kern-list kern-list--number">
              {content.goals.map((goal, index) => (
                <li key={index}>
                  {goal.goal || none} – {t('applicationForm.project.indicator')}: {goal.indicator || none};{' '}
                  {t('applicationForm.project.targetValue')}: {goal.targetValue || none}
                </li>
              ))}
            </ol>
          ) : (
            none
          ),
      },
      {
        key: 'targetGroups',
        term: t('applicationForm.project.targetGroups'),
        value:
          content.targetGroups && content.targetGroups.length > 0 ? content.targetGroups.join(', ') : none,
      },
    ],
    scope: [
      {
        key: 'actionFields',
        term: t('applicationForm.scope.actionFields'),
        value: names(content.actionFieldIds, call?.actionFields),
      },
      { key: 'areas', term: t('applicationForm.scope.areas'), value: names(content.areaIds, call?.areas) },
    ],
    period: [
      {
        key: 'start',
        term: t('applicationForm.period.start'),
        value: content.periodStart ? day(content.periodStart) : none,
      },
      {
        key: 'end',
        term: t('applicationForm.period.end'),
        value: content.periodEnd ? day(content.periodEnd) : none,
      },
    ],
    costPlan: [
      {
        key: 'costs',
        term: t('applicationForm.parts.costPlan'),
        value: <CostLines lines={content.costPlan ?? []} />,
      },
    ],
    financingPlan: [
      {
        key: 'balance',
        term: t('applicationForm.parts.financingPlan'),
        value: (
          <PlanBalanceTable
            costPlan={content.costPlan ?? []}
            financingPlan={content.financingPlan ?? []}
            captionId={`${idPrefix}-abgleich`}
          />
        ),
      },
      {
        key: 'thirdPartySources',
        term: t('planEditor.financing.thirdPartySources'),
        value: text(content.thirdPartySources),
      },
    ],
    evaluation: [
      {
        key: 'concept',
        term: t('applicationForm.evaluation.concept'),
        value: text(content.evaluationConcept),
      },
    ],
    declarations: [
      {
        key: 'projectNotStarted',
        term: t('applicationForm.declarations.projectNotStartedShort'),
        value: yesNo(declarations.projectNotStarted),
      },
      {
        key: 'subsidyFraudAcknowledged',
        term: t('applicationForm.declarations.subsidyFraudAcknowledgedShort'),
        value: yesNo(declarations.subsidyFraudAcknowledged),
      },
      {
        key: 'transparencyConsent',
        term: t('applicationForm.declarations.transparencyConsentShort'),
        value:
          declarations.transparencyConsent === false
            ? `${t('common.no')}: ${declarations.transparencyRefusalReason || none}`
            : yesNo(declarations.transparencyConsent),
      },
    ],
    attachments: [
      {
        key: 'attachments',
        term: t('applicationForm.parts.attachments'),
        value:
          attachments && attachments.length > 0 ? (
            <ul className="kern-list">
              {attachments.map((attachment) => (
                <li key={attachment.id}>
                  {call?.requiredAttachments.find((r) => r.key === attachment.kind)?.label ??
                    (attachment.kind === 'other' ? t('attachments.other') : attachment.kind)}
                  : {attachment.fileName} ({fileSize(attachment.sizeBytes)})
                </li>
              ))}
            </ul>
          ) : (
            none
          ),
      },
    ],
  };

  return (
    <div className="application-summary">
      {partKeys.map((part, index) => (
        <SummaryBlock
          key={part}
          number={index + 1}
          heading={t(`applicationForm.parts.${part}`)}
          Heading={Heading}
          change={changeLink?.(part)}
        >
          <DescriptionList items={items[part]} />
        </SummaryBlock>
      ))}
    </div>
  );
}

function SummaryBlock({
  number,
  heading,
  Heading,
  change,
  children,
}: {
  number: number;
  heading: string;
  Heading: 'h2' | 'h3';
  change?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="kern-summary">
      <div className="kern-summary__header">
        <Heading className="kern-title kern-summary__title-wrapper">
          <span className="kern-number" aria-hidden="true">
            {number}
          </span>
          <span>{heading}</span>
        </Heading>
        {change && (
          <Link className="kern-link" to={change}>
            {t('summary.change')}
            <span className="kern-sr-only">: {heading}</span>
          </Link>
        )}
      </div>
      <div className="kern-summary__body">{children}</div>
    </div>
  );
}

function CostLines({ lines }: { lines: CostLine[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <>{t('summary.none')}</>;
  return (
    <ul className="kern-list">
      {lines.map((line, index) => (
        <li key={index}>
          {line.cashYear ?? t('summary.none')},{' '}
          {line.category ? t(`costCategories.${line.category}`) : t('summary.none')}:{' '}
          {line.description || t('summary.none')} – {money(line.amountCents)}
        </li>
      ))}
    </ul>
  );
}
