import { useTranslation } from 'react-i18next';
import type { ApplicationState } from '../../api/applications';
import { Badge } from '../Badge';
import { stateVariants } from './lifecycle';

/** The state of an application as a KERN badge; the label carries the meaning, not the colour. */
export function StateBadge({ state }: { state: ApplicationState }) {
  const { t } = useTranslation();
  return <Badge variant={stateVariants[state] ?? 'info'} label={t(`applicationStates.${state}`)} />;
}
