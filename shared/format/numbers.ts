/** Vietnamese number style: 22.966 and 90,64%. */
const COUNT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const RATE = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** `rate` is a fraction (0.9064 → "90,64%"); undefined when there is no target. */
export function formatRate(rate: number | undefined): string {
  if (rate === undefined || !Number.isFinite(rate)) return '—';
  return `${RATE.format(Math.round(rate * 10000) / 100)}%`;
}

/** approved ÷ target, or undefined when no target was entered. */
export function rateOf(part: number, target: number | undefined): number | undefined {
  if (!target || target <= 0) return undefined;
  return part / target;
}

/** Excel rows as the officer finds them: "5–7, 12". */
export function rowRanges(rows: readonly number[]): string {
  const runs: string[] = [];
  let start = rows[0];
  for (let i = 1; i <= rows.length; i++) {
    const here = rows[i];
    const previous = rows[i - 1];
    if (here !== undefined && previous !== undefined && here === previous + 1) continue;
    if (start !== undefined && previous !== undefined) runs.push(start === previous ? `${start}` : `${start}–${previous}`);
    start = here;
  }
  return runs.join(', ');
}
