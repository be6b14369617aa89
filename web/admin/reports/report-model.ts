import type { Summary } from '../../../shared/reports/summary';
import { duration, fixed, fraction, pct } from './report-format';
import type { T } from './report-tables';

/** The stages in the order a car passes them (docs/kpis.md). */
export const STAGE_ORDER = ['checked_in', 'waiting_dispatch', 'in_service', 'quality_check', 'washing', 'ready'] as const;

/** One headline figure: its name, the figure, and what it is made of (`2/3`, `p90 …`). */
export interface Tile {
  key: string;
  label: string;
  value: string;
  detail: string;
}

export function tiles(t: T, s: Summary, lang: 'zh-CN' | 'en'): Tile[] {
  return [
    { key: 'rosIn', label: t('kpi.rosIn'), value: String(s.rosIn.count), detail: t('kpi.perDay', { n: fixed(s.rosIn.perDay.value) }) },
    { key: 'rosOut', label: t('kpi.rosOut'), value: String(s.rosOut.count), detail: t('kpi.perDay', { n: fixed(s.rosOut.perDay.value) }) },
    { key: 'onTimeDelivery', label: t('kpi.onTime'), value: pct(s.onTimeDelivery.value), detail: fraction(s.onTimeDelivery) },
    { key: 'sameDayDelivery', label: t('kpi.sameDay'), value: pct(s.sameDayDelivery.value), detail: fraction(s.sameDayDelivery) },
    { key: 'cycleTime', label: t('kpi.cycle'), value: duration(s.cycleTime.p50, lang), detail: t('kpi.p90', { v: duration(s.cycleTime.p90, lang) }) },
    {
      key: 'bayUtilisation',
      label: t('kpi.utilisation'),
      value: pct(s.bayUtilisation.value),
      detail: `${fixed(s.bayUtilisation.numerator)} / ${fixed(s.bayUtilisation.denominator)} h`,
    },
    { key: 'qcFirstPass', label: t('kpi.firstPass'), value: pct(s.qcFirstPass.value), detail: fraction(s.qcFirstPass) },
    { key: 'csi', label: t('kpi.csi'), value: fixed(s.csi.mean.value, 2), detail: t('kpi.responses', { n: s.csi.mean.denominator }) },
    { key: 'comebackRate', label: t('kpi.comeback'), value: pct(s.comebackRate.value), detail: fraction(s.comebackRate) },
    { key: 'showRate', label: t('kpi.showRate'), value: pct(s.appointments.showRate.value), detail: fraction(s.appointments.showRate) },
    { key: 'partsWaits', label: t('kpi.partsWaits'), value: String(s.partsWaits.count), detail: t('kpi.hoursLost', { h: fixed(s.partsWaits.hoursLost) }) },
    { key: 'hoursPerRo', label: t('kpi.hoursPerRo'), value: fixed(s.hoursPerRo.value, 2), detail: fraction(s.hoursPerRo) },
  ];
}
