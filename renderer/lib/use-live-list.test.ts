import { describe, expect, it } from 'vitest';
import { patchList } from './use-live-list';

type R = { id: string; list: string; v: number };
const r = (id: string, v = 0, list = 'a'): R => ({ id, list, v });
const inA = (x: R) => x.list === 'a';

describe('patchList', () => {
  it.each([
    ['replaces a changed record in place', [r('1'), r('2'), r('3')], ['2'], [r('2', 9)], [r('1'), r('2', 9), r('3')]],
    ['appends a new record at the end', [r('1')], ['4'], [r('4')], [r('1'), r('4')]],
    ['drops a record that left the list', [r('1'), r('2')], ['1'], [r('1', 0, 'b')], [r('2')]],
    ['drops a record that no longer exists', [r('1'), r('2')], ['2'], [undefined], [r('1')]],
    ['ignores a new record of another list', [r('1')], ['5'], [r('5', 0, 'b')], [r('1')]],
  ] as const)('%s', (_name, list, ids, changed, expected) => {
    expect(patchList(list, changed, ids, inA)).toEqual(expected);
  });
});
