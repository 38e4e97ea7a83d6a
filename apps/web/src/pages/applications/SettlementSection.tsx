import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { getSettlement, type Settlement } from '../../api/applications';
import { money } from '../../components/applications/format';
import { Badge } from '../../components/Badge';
import { DescriptionList } from '../../components/DescriptionList';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { TableScroller } from '../../components/TableScroller';
import { useApiData, useReloadOn } from '../../hooks/useApiData';
import { currentLanguage } from '../../i18n';
import { formatBasisPoints } from '../../utils/basisPoints';

/**
 * The settlement of the proof of use (Verwendungsnachweis – Abrechnung) as the API computes it:
 * each cost line with the rule the settlement applied to it, then the steps from the eligible
 * costs to the amount to repay. The texts of rules and steps are the domain's own wording, sent
 * by the API in the user's language, so the screen and the recovery notice say the same.
 * A new `version` reloads the settlement in place after a change elsewhere in the section.
 */
export function SettlementSection({ applicationId, version }: { applicationId: string; version: string }) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => getSettlement(applicationId, { signal }),
    [applicationId],
  );
  const { state, reload } = useApiData(load);
  useReloadOn(version, reload);

  return (
    <>
      <h3 className="kern-heading-small" id="abrechnung">
        {t('settlement.heading')}
      </h3>
      {state.status === 'loading' && <Loader label={t('settlement.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('settlement.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && <SettlementView settlement={state.data} />}
    </>
  );
}

function SettlementView({ settlement }: { settlement: Settlement }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <div className="settlement">
      <p className="kern-body">
        <Badge
          variant={settlement.state === 'settled' ? 'success' : 'info'}
          label={t(`settlement.state.${settlement.state}`)}
        />{' '}
        {t(`settlement.stateHint.${settlement.state}`, { financingType: settlement.financingTypeText })}
      </p>
      <TableScroller label={t('settlement.linesCaption')}>
        <table className="kern-table kern-table--small">
          <caption className="kern-title">{t('settlement.linesCaption')}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                {t('settlement.line')}
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                {t('settlement.planned')}
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                {t('settlement.actual')}
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                {t('settlement.eligible')}
              </th>
              <th scope="col" className="kern-table__header">
                {t('settlement.rule')}
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {settlement.lines.map((line) => (
              <tr key={`${line.cashYear}-${line.category}`} className="kern-table__row">
                <th scope="row" className="kern-table__header">
                  {t(`costCategories.${line.category}`)} {line.cashYear}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{money(line.plannedCents)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(line.actualCents)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(line.eligibleCents)}</td>
                <td className="kern-table__cell settlement__rule">
                  {line.rule !== 'within_plan' && (
                    <>
                      <Badge
                        variant={
                          line.rule === 'overrun_offset' || line.rule === 'net_of_vat' ? 'info' : 'warning'
                        }
                        label={t(`settlement.ruleShort.${line.rule}`)}
                      />{' '}
                    </>
                  )}
                  {line.ruleText}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {t('settlement.total')}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{money(settlement.plannedCents)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{money(settlement.actualCents)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {money(settlement.eligibleCents)}
              </td>
              <td className="kern-table__cell" />
            </tr>
          </tfoot>
        </table>
      </TableScroller>
      <h4 className="kern-heading-small" id="abrechnung-schritte">
        {t('settlement.stepsHeading')}
      </h4>
      <DescriptionList
        items={settlement.steps.map((step) => ({
          key: step.key,
          term: step.label,
          value:
            step.basisPoints === undefined
              ? money(step.amountCents)
              : t('settlement.shareValue', {
                  share: formatBasisPoints(step.basisPoints, language),
                  amount: money(step.amountCents),
                }),
        }))}
      />
    </div>
  );
}
