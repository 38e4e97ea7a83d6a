import type { TFunction } from 'i18next';
import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Change,
  getDiff,
  getDoubleFunding,
  listChangeRequests,
  listVersions,
  type Problem,
} from '../../api/applications';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { dateTime, day, money } from '../../components/applications/format';
import { problemFieldLabel } from '../../components/applications/problemText';
import { Badge } from '../../components/Badge';
import { CheckboxField } from '../../components/form/CheckboxField';
import { SelectField } from '../../components/form/SelectField';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { useApiData } from '../../hooks/useApiData';

export const manualChecks = ['eligible', 'fitsCall', 'notStarted'] as const;
export type ManualCheck = (typeof manualChecks)[number];

/**
 * The coordinator's formal check (DOMAIN.md step 3): what the server checked (complete, in time,
 * sums, limits) and what only a person can judge, ticked by hand before the check may pass.
 */
export function FormalCheck({
  automatic,
  ticked,
  onTick,
}: {
  /** `later`: not checked now because it is due at a later step (shown as such, not as fulfilled). */
  automatic: { key: string; ok: boolean; later?: boolean; label: string; detail?: string }[];
  ticked: ReadonlySet<ManualCheck>;
  onTick(check: ManualCheck, on: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="page__section" aria-labelledby="formalpruefung-ueberschrift">
      <h2 className="kern-heading-medium" id="formalpruefung-ueberschrift">
        {t('formalCheck.heading')}
      </h2>
      <h3 className="kern-heading-small">{t('formalCheck.automaticHeading')}</h3>
      <ul className="checklist">
        {automatic.map((item) => (
          <li key={item.key} className="checklist__item">
            <Badge
              variant={item.later ? 'info' : item.ok ? 'success' : 'warning'}
              label={
                item.later ? t('formalCheck.later') : item.ok ? t('formalCheck.ok') : t('formalCheck.notOk')
              }
            />{' '}
            <span className="kern-body">{item.label}</span>
            {item.detail && (
              <span className="kern-body kern-body--small kern-body--muted table-subline">{item.detail}</span>
            )}
          </li>
        ))}
      </ul>
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{t('formalCheck.manualHeading')}</legend>
        <div className="kern-fieldset__body">
          {manualChecks.map((check, index) => (
            <CheckboxField
              key={check}
              id={index === 0 ? 'formalpruefung' : `formalpruefung-${check}`}
              label={t(`formalCheck.manual.${check}`)}
              checked={ticked.has(check)}
              onChange={(on) => onTick(check, on)}
            />
          ))}
        </div>
      </fieldset>
    </section>
  );
}

/** Tracked projects of the same carrier in an overlapping period (docs/api/funds.md, "Double funding"). */
export function DoubleFundingPanel({ applicationId, version }: { applicationId: string; version: number }) {
  const { t } = useTranslation();
  const load = useCallback(
    async (signal: AbortSignal) => ({ version, report: await getDoubleFunding(applicationId, { signal }) }),
    [applicationId, version],
  );
  const { state, reload } = useApiData(load);
  return (
    <section className="page__section" aria-labelledby="doppelfoerderung">
      <h2 className="kern-heading-medium" id="doppelfoerderung">
        {t('doubleFunding.heading')}
      </h2>
      {state.status === 'loading' && <Loader label={t('doubleFunding.loading')} />}
      {state.status === 'failed' &&
        (isApiError(state.error) && state.error.status === 403 ? (
          <p className="kern-body">{t('doubleFunding.notForYou')}</p>
        ) : (
          <LoadError title={t('doubleFunding.loadFailed')} error={state.error} onRetry={reload} />
        ))}
      {state.status === 'loaded' &&
        (state.data.report.matches.length === 0 ? (
          <p className="kern-body">
            {state.data.report.periodStart ? t('doubleFunding.none') : t('doubleFunding.noPeriod')}
          </p>
        ) : (
          <Alert
            variant="warning"
            title={t('doubleFunding.found', { count: state.data.report.matches.length })}
          >
            <p className="kern-body">{t('doubleFunding.explain')}</p>
            <ul className="kern-list">
              {state.data.report.matches.map((match) => (
                <li key={match.trackedProjectId} className="kern-body">
                  {match.sameDistrict
                    ? t('doubleFunding.match', {
                        title: match.title ?? '–',
                        fund: match.fundName ?? t(`finance.kinds.${match.fundKind}`),
                        area: match.areaName ?? '–',
                        start: day(match.periodStart),
                        end: day(match.periodEnd),
                        amount: money(match.amountCents),
                      })
                    : t('doubleFunding.otherDistrict', {
                        district: match.districtName,
                        kind: t(`finance.kinds.${match.fundKind}`),
                        start: day(match.periodStart),
                        end: day(match.periodEnd),
                      })}
                </li>
              ))}
            </ul>
            {state.data.report.warnings.length > 0 && (
              <p className="kern-body kern-body--small">
                {t('doubleFunding.recorded', {
                  count: state.data.report.warnings.length,
                  at: dateTime(state.data.report.warnings[state.data.report.warnings.length - 1]!.occurredAt),
                })}
              </p>
            )}
          </Alert>
        ))}
    </section>
  );
}

/** Change requests sent to the carrier, with deadline and when they were answered. */
export function ChangeRequestList({ applicationId, version }: { applicationId: string; version: number }) {
  const { t } = useTranslation();
  const load = useCallback(
    async (signal: AbortSignal) => ({ version, list: await listChangeRequests(applicationId, { signal }) }),
    [applicationId, version],
  );
  const { state, reload } = useApiData(load);
  if (state.status === 'loading') return <Loader label={t('changeRequests.loading')} />;
  if (state.status === 'failed')
    return <LoadError title={t('changeRequests.loadFailed')} error={state.error} onRetry={reload} />;
  if (state.data.list.items.length === 0) return <p className="kern-body">{t('changeRequests.none')}</p>;
  return (
    <ol className="history-list">
      {state.data.list.items.map((request) => (
        <li key={request.id} className="history-list__item">
          <p className="kern-body">
            <span className="kern-body--bold">{dateTime(request.requestedAt)}</span>
            {request.requestedBy && ` – ${request.requestedBy}`}
            {' – '}
            {t('changeRequests.deadline', { deadline: dateTime(request.replyDeadline) })}{' '}
            {request.answeredAt ? (
              <Badge
                variant="success"
                label={t('changeRequests.answered', {
                  at: dateTime(request.answeredAt),
                  version: request.answeredVersion ?? '–',
                })}
              />
            ) : (
              <Badge variant="warning" label={t('changeRequests.open')} />
            )}
          </p>
          <p className="kern-body history-list__comment">{request.message}</p>
        </li>
      ))}
    </ol>
  );
}

function valueText(path: string, value: unknown, t: TFunction): ReactNode {
  if (value === null || value === undefined || value === '')
    return <span className="kern-body--muted">–</span>;
  if (typeof value === 'string' && /Cents$/.test(path) && /^\d+$/.test(value)) return money(value);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(', ');
  return (
    <ul className="kern-list diff__list">
      {(Array.isArray(value) ? value : [value]).map((item, index) => (
        <li key={index}>
          {typeof item === 'object' && item !== null
            ? Object.entries(item as Record<string, unknown>)
                .map(([k, v]) => `${k}: ${/Cents$/.test(k) && typeof v === 'string' ? money(v) : String(v)}`)
                .join('; ')
            : String(item)}
        </li>
      ))}
    </ul>
  );
}

/** Submitted versions and what changed between two of them (the coordinator's view of a reply). */
export function VersionDiff({ applicationId, version }: { applicationId: string; version: number }) {
  const { t } = useTranslation();
  const loadVersions = useCallback(
    async (signal: AbortSignal) => ({ version, list: await listVersions(applicationId, { signal }) }),
    [applicationId, version],
  );
  const versions = useApiData(loadVersions);
  const items = versions.state.status === 'loaded' ? versions.state.data.list.items : [];
  const last = items[items.length - 1]?.number ?? 0;
  const [chosen, setChosen] = useState<{ from: number; to: number } | null>(null);
  const from = chosen?.from ?? Math.max(1, last - 1);
  const to = chosen?.to ?? last;
  const loadDiff = useCallback(
    (signal: AbortSignal) =>
      from >= 1 && to > from ? getDiff(applicationId, from, to, { signal }) : Promise.resolve(null),
    [applicationId, from, to],
  );
  const diff = useApiData(loadDiff);

  if (versions.state.status === 'loading') return <Loader label={t('versions.loading')} />;
  if (versions.state.status === 'failed')
    return (
      <LoadError title={t('versions.loadFailed')} error={versions.state.error} onRetry={versions.reload} />
    );
  if (items.length === 0) return <p className="kern-body">{t('versions.none')}</p>;
  const options = items.map((item) => ({
    value: String(item.number),
    label: t('versions.option', { number: item.number, at: dateTime(item.submittedAt) }),
  }));
  return (
    <>
      <ul className="kern-list">
        {items.map((item) => (
          <li key={item.number} className="kern-body">
            {t('versions.item', {
              number: item.number,
              at: dateTime(item.submittedAt),
              by: item.submittedBy ?? '–',
            })}
          </li>
        ))}
      </ul>
      {items.length < 2 ? (
        <p className="kern-body">{t('versions.onlyOne')}</p>
      ) : (
        <>
          <div className="diff__choice">
            <SelectField
              id="fassung-von"
              label={t('versions.from')}
              value={String(from)}
              options={options}
              onChange={(value) => setChosen({ from: Number(value), to })}
            />
            <SelectField
              id="fassung-bis"
              label={t('versions.to')}
              value={String(to)}
              options={options}
              onChange={(value) => setChosen({ from, to: Number(value) })}
            />
          </div>
          {to <= from && <p className="kern-body">{t('versions.chooseLater')}</p>}
          {diff.state.status === 'loading' && <Loader label={t('versions.diffLoading')} />}
          {diff.state.status === 'failed' && (
            <LoadError title={t('versions.diffFailed')} error={diff.state.error} onRetry={diff.reload} />
          )}
          {diff.state.status === 'loaded' && diff.state.data && (
            <DiffTable changes={diff.state.data.changes} from={from} to={to} />
          )}
        </>
      )}
    </>
  );
}

function DiffTable({ changes, from, to }: { changes: Change[]; from: number; to: number }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <p className="kern-body">{t('versions.noChanges')}</p>;
  return (
    <div className="kern-table-responsive table-wrapper">
      <table className="kern-table kern-table--small diff">
        <caption className="kern-title">{t('versions.caption', { from, to, count: changes.length })}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t('versions.field')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('versions.before', { number: from })}
            </th>
            <th scope="col" className="kern-table__header">
              {t('versions.after', { number: to })}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {changes.map((change) => (
            <tr key={change.path} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {problemFieldLabel({ field: change.path } as Problem, t)}
              </th>
              <td className="kern-table__cell diff__before">{valueText(change.path, change.before, t)}</td>
              <td className="kern-table__cell diff__after">{valueText(change.path, change.after, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
