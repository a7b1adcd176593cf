/** What the benchmarks share: medians, units, and the peak memory of this process. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
export const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const mb = (n: number): string => `${n.toFixed(0)} MB`;

/** Peak resident memory of this process while `work` runs. */
export async function withRssPeak<T>(work: () => Promise<T>): Promise<{ value: T; rssPeakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const value = await work();
    return { value, rssPeakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
