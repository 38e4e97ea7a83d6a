import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { getCall } from '../../../api/applications';
import { CheckboxListField } from '../../../components/applications/CheckboxListField';
import { Loader } from '../../../components/Loader';
import { LoadError } from '../../../components/LoadError';
import { useApiData } from '../../../hooks/useApiData';
import type { PartProps } from '../ApplicationPartPage';

/** Action fields and areas, chosen from those the call covers. */
export function ScopePart({ detail, content, change, errorOf }: PartProps) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => getCall(detail.call.id, { signal }), [detail.call.id]);
  const { state, reload } = useApiData(load);
  if (state.status === 'loading') return <Loader label={t('applicationForm.scope.loading')} />;
  if (state.status === 'failed')
    return <LoadError title={t('applicationForm.scope.loadFailed')} error={state.error} onRetry={reload} />;
  const call = state.data;
  return (
    <>
      <CheckboxListField
        id="handlungsfelder"
        legend={t('applicationForm.scope.actionFields')}
        hint={t('applicationForm.scope.actionFieldsHint')}
        options={call.actionFields.map((field) => ({ value: field.id, label: field.name }))}
        values={content.actionFieldIds ?? []}
        error={errorOf('actionFieldIds')}
        onChange={(actionFieldIds) => change((c) => ({ ...c, actionFieldIds }))}
      />
      <CheckboxListField
        id="gebiete"
        legend={t('applicationForm.scope.areas')}
        hint={t('applicationForm.scope.areasHint')}
        options={call.areas.map((area) => ({ value: area.id, label: area.name }))}
        values={content.areaIds ?? []}
        error={errorOf('areaIds')}
        onChange={(areaIds) => change((c) => ({ ...c, areaIds }))}
      />
    </>
  );
}
