import type { TFunction } from 'i18next';
import type { IndicatorValue } from '../../api/areas';
import type { Language } from '../../i18n';

const KNOWN_INDICATORS = ['statusindex', 'dynamikindex', 'status_dynamik_index'];

/** The monitoring's indicators by their German names; a district's own ones as they were imported. */
export function indicatorLabel(key: string, t: TFunction): string {
  return KNOWN_INDICATORS.includes(key)
    ? t(`areas.indicatorNames.${key as 'statusindex' | 'dynamikindex' | 'status_dynamik_index'}`)
    : key;
}

/** `-1.2300` → `-1,23` (German) or `-1.23`: exact, from the decimal string, never through a float. */
export function formatIndicator(value: IndicatorValue, language: Language): string {
  if (value.value === null) return value.class ?? '';
  const [integer, fraction = ''] = value.value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const number = trimmed ? `${integer}${language === 'de' ? ',' : '.'}${trimmed}` : (integer ?? '');
  return value.class ? `${number} (${value.class})` : number;
}

export const AREA_KINDS = [
  'planungsraum',
  'bezirksregion',
  'prognoseraum',
  'qm_area',
  'aktionsraum',
] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
export type FundKind = 'netzwerkfonds' | 'aktionsfonds' | 'projektfonds' | 'baufonds';

export function areaKindLabel(kind: string, t: TFunction): string {
  return t(`callAdmin.areaKinds.${kind as AreaKind}`);
}

export function fundKindLabel(kind: string, t: TFunction): string {
  return t(`finance.kinds.${kind as FundKind}`);
}

/** Five shades from light to dark for the map: a sequential scale readable without colour names. */
export const SHADES = ['#eef3fb', '#c6d6ef', '#8fb0de', '#4f7fc4', '#1d4e95'] as const;

/**
 * Which shade `value` falls in between the smallest and largest value shown. When all are equal
 * (e.g. no money anywhere yet) every area gets the lightest: nothing stands out.
 */
export function shadeIndex(value: number, min: number, max: number): number {
  if (max <= min) return 0;
  return Math.min(SHADES.length - 1, Math.floor(((value - min) / (max - min)) * SHADES.length));
}
