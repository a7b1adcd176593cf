import { describe, expect, it } from 'vitest';
import { formatCount, formatRate, rateOf, rowRanges } from './numbers';

describe('Vietnamese number formats', () => {
  it.each([
    [22966, '22.966'],
    [242089, '242.089'],
    [0, '0'],
    [999, '999'],
  ])('count %d → %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });

  it.each([
    [20818 / 22966, '90,65%'],
    [0.9064, '90,64%'],
    [0.895, '89,5%'],
    [1, '100%'],
    [undefined, '—'],
  ])('rate %s → %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });

  it('has no rate without a target', () => {
    expect(rateOf(5, 0)).toBeUndefined();
    expect(rateOf(5, undefined)).toBeUndefined();
    expect(rateOf(5, 10)).toBe(0.5);
  });
});

describe('rowRanges', () => {
  it.each([
    [[7], '7'],
    [[5, 6, 7], '5–7'],
    [[5, 6, 7, 12], '5–7, 12'],
    [[3, 5, 6, 9], '3, 5–6, 9'],
    [[], ''],
  ])('%j → %s', (rows, text) => {
    expect(rowRanges(rows)).toBe(text);
  });
});
