/**
 * A period's report figures and keys, live: the same rows the dashboard shows,
 * for the report hub, the printed report, the built-in workbook and the
 * template key list in Settings.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../context/services';
import { useCatalogues } from './use-catalogues';
import { useFacts } from './use-facts';
import { isoDay } from '../../shared/dates/partial-date';
import { defaultReportPeriod, recentPeriods, type Period } from '../../shared/settings/period';
import { groupFacts, reportFigures, visibleRows, type ReportFigures } from '../../shared/report/figures';
import { reportKeys, type ReportHeader, type ReportKey } from '../../shared/report/values';
import type { UnitSettings } from '../../shared/domain/types';

export const PERIODS_SHOWN = 12;

/**
 * The unit's recent periods, newest (the current one) first, and the one a
 * report is most likely for today: the period just ended during the days after
 * the cut-off, else the one under way (defaultReportPeriod).
 */
export function useReportPeriods(): { unit: UnitSettings | undefined; periods: Period[]; reportPeriod: Period | undefined } {
  const { repos, clock } = useServices();
  const unit = useLiveQuery(() => repos.settings.getUnit(), [repos]);
  const today = isoDay(clock());
  const periods = useMemo(() => (unit ? recentPeriods(today, unit.cutoffDay, PERIODS_SHOWN) : []), [unit, today]);
  return { unit, periods, reportPeriod: defaultReportPeriod(periods, today) };
}

/** "05/BC-CAX"; with no number yet, room to write it by hand: "   /BC-CAX". */
export function reportNumberText(number: string, suffix: string): string {
  return `${number.trim() || '\u00a0\u00a0\u00a0\u00a0'}/${suffix}`;
}

export type ReportData = {
  header: ReportHeader;
  /** rows for the visible lists and categories (tables, prose) */
  figures: ReportFigures;
  /** every template key, hidden lists and categories included */
  keys: ReportKey[];
};

/**
 * The report of `period` as of now. `draft` gives the report's number and date
 * (defaults: no number, today). Undefined while the facts or catalogues load.
 */
export function useReport(period: Period | undefined, draft?: { number: string; reportDate: string }): ReportData | undefined {
  const { repos, clock } = useServices();
  const { memberLists, categories } = useCatalogues();
  const unit = useLiveQuery(() => repos.settings.getUnit(), [repos]);
  const targets = useLiveQuery(() => repos.targets.all(), [repos]);
  const facts = useFacts();
  const grouped = useMemo(() => (facts ? groupFacts(facts) : undefined), [facts]);
  const number = draft?.number ?? '';
  const reportDate = draft?.reportDate ?? isoDay(clock());
  // Every row once per period and change of the records; the visible rows are a filter of them,
  // and typing the report's number or date only rebuilds the header and the keys.
  const all = useMemo(
    () => (period && grouped && memberLists && targets ? reportFigures(grouped, { lists: memberLists, categories, targets, period, includeHidden: true }) : undefined),
    [period, grouped, memberLists, categories, targets],
  );
  const figures = useMemo(() => (all && memberLists ? visibleRows(all, memberLists) : undefined), [all, memberLists]);
  return useMemo(() => {
    if (!period || !all || !figures || !unit) return undefined;
    const header: ReportHeader = {
      unitName: unit.unitName,
      superiorName: unit.superiorName,
      placeName: unit.placeName,
      reportNumber: reportNumberText(number, unit.reportNumberSuffix),
      reportDate,
      period,
    };
    return { header, figures, keys: reportKeys(all, header) };
  }, [period, all, figures, unit, number, reportDate]);
}
