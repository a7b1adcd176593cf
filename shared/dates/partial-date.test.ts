import { describe, it, expect } from 'vitest';
import {
  addDays,
  checkBirthDate,
  compareDay,
  excelSerialToIsoDate,
  formatDay,
  formatPartialDate,
  isoDay,
  parseDay,
  parsePartialDate,
  partialDateYear,
} from './partial-date';

describe('parsePartialDate — accepted forms', () => {
  it.each([
    ['1950', '1950'],
    [' 1950 ', '1950'],
    ['3/1950', '1950-03'],
    ['03/1950', '1950-03'],
    ['03-1950', '1950-03'],
    ['03.1950', '1950-03'],
    ['1950-03', '1950-03'],
    ['031950', '1950-03'],
    ['12/3/1950', '1950-03-12'],
    ['12/03/1950', '1950-03-12'],
    ['12-03-1950', '1950-03-12'],
    ['12.03.1950', '1950-03-12'],
    ['12 / 03 / 1950', '1950-03-12'],
    ['1950-03-12', '1950-03-12'],
    ['1950-3-2', '1950-03-02'],
    ['12031950', '1950-03-12'],
    ['\t12031950\r\n', '1950-03-12'],
    ['29/02/2000', '2000-02-29'],
    ['31/12/1950', '1950-12-31'],
    // day 00 (and month 00) mean "unknown", as written in household records
    ['00/03/1950', '1950-03'],
    ['00/00/1950', '1950'],
    ['00001950', '1950'],
    ['00031950', '1950-03'],
  ])('%j → %j', (input, expected) => {
    expect(parsePartialDate(input)).toEqual({ ok: true, value: expected });
  });
});

describe('parsePartialDate — refused', () => {
  it.each([
    ['', 'empty', 'Chưa nhập'],
    ['   ', 'empty', 'Chưa nhập'],
    ['50', 'invalid', '4 chữ số'],
    ['12/3/50', 'invalid', '4 chữ số'],
    ['3/50', 'invalid', '4 chữ số'],
    ['31/02/1950', 'invalid', 'Tháng 02/1950 không có ngày 31.'],
    ['29/02/1900', 'invalid', 'Tháng 02/1900 không có ngày 29.'],
    ['31/04/1950', 'invalid', 'không có ngày 31'],
    ['13/1950', 'invalid', 'Tháng 13 không hợp lệ'],
    ['12/13/1950', 'invalid', 'Tháng 13 không hợp lệ'],
    ['12/00/1950', 'invalid', 'Tháng 00 không hợp lệ'],
    ['32011950', 'invalid', 'không có ngày 32'],
    ['0950', 'invalid', 'Năm 0950 không hợp lệ.'],
    ['12/03/3050', 'invalid', 'Năm 3050 không hợp lệ.'],
    ['abc', 'invalid', 'Không đọc được'],
    ['12/03/1950 abc', 'invalid', 'Không đọc được'],
    ['1950-03-12T00:00', 'invalid', 'Không đọc được'],
  ])('%j → %s', (input, code, messagePart) => {
    const r = parsePartialDate(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toContain(messagePart);
  });
});

describe('formatPartialDate and partialDateYear', () => {
  it.each([
    ['1950', '1950', 1950],
    ['1950-03', '03/1950', 1950],
    ['1950-03-12', '12/03/1950', 1950],
    ['2004-11-05', '05/11/2004', 2004],
  ])('%j', (p, formatted, year) => {
    expect(formatPartialDate(p)).toBe(formatted);
    expect(partialDateYear(p)).toBe(year);
  });

  it.each(['1950', '03/1950', '12/03/1950'])('round-trips %j through parse', (shown) => {
    const parsed = parsePartialDate(shown);
    expect(parsed.ok && formatPartialDate(parsed.value)).toBe(shown);
  });
});

describe('checkBirthDate', () => {
  const today = '2025-03-05';
  it.each([
    // [birth, options, expected code or 'ok']
    ['1990-06-15', {}, 'ok'],
    ['2025-03-05', {}, 'ok'], // born today
    ['2025-03-06', {}, 'future'],
    ['2025-03', {}, 'ok'], // earliest possible day 2025-03-01 is not after today
    ['2025-04', {}, 'future'],
    ['2025', {}, 'ok'],
    ['2026', {}, 'future'],
    // max age 120: the youngest possible age must exceed it
    ['1905-03-05', {}, 'ok'], // exactly 120
    ['1905-03-04', {}, 'ok'], // 120 and a day: still 120 completed years
    ['1904-03-05', {}, 'too_old'], // 121
    ['1904-03-06', {}, 'ok'], // turns 121 tomorrow
    ['1904', {}, 'ok'], // may be born 31/12/1904: 120 today
    ['1903', {}, 'too_old'], // at most 31/12/1903: 121
    ['1904-03', {}, 'ok'], // latest 31/03/1904: 120
    ['1904-02', {}, 'too_old'], // latest 29/02/1904: 121
    ['1950', { maxAge: 70 }, 'too_old'],
    ['1955', { maxAge: 70 }, 'ok'],
    // min age 15: too young only if even the earliest possible day is too late
    ['2010-03-05', { minAge: 15 }, 'ok'], // 15 today
    ['2010-03-06', { minAge: 15 }, 'too_young'], // 15 tomorrow
    ['2010', { minAge: 15 }, 'ok'], // could be born 01/01/2010: 15
    ['2010-12', { minAge: 15 }, 'too_young'], // earliest 01/12/2010: 14
    ['2010-03', { minAge: 15 }, 'ok'], // earliest 01/03/2010: 15
    ['2011', { minAge: 15 }, 'too_young'],
    ['2011', {}, 'ok'], // no min age by default
    ['2030', { minAge: 15 }, 'future'], // future is reported first
  ] as const)('%s %j → %s', (birth, opts, expected) => {
    const r = checkBirthDate(birth, today, opts);
    if (expected === 'ok') {
      expect(r).toEqual({ ok: true, value: birth });
    } else {
      expect(r.ok).toBe(false);
      expect(!r.ok && r.code).toBe(expected);
    }
  });

  it.each([
    ['2026-01-01', {}, 'Ngày sinh không được ở tương lai.'],
    ['1900', {}, 'Tuổi trên 120 — kiểm tra lại năm sinh.'],
    ['2015', { minAge: 15 }, 'Phải từ đủ 15 tuổi trở lên.'],
    ['2020', { minAge: 18 }, 'Phải từ đủ 18 tuổi trở lên.'],
  ] as const)('message for %s', (birth, opts, message) => {
    const r = checkBirthDate(birth, today, opts);
    expect(!r.ok && r.message).toBe(message);
  });

  it('uses the given today, not the clock', () => {
    expect(checkBirthDate('2040', '2041-01-01').ok).toBe(true);
    expect(checkBirthDate('2040', '2039-12-31').ok).toBe(false);
  });
});

describe('parseDay', () => {
  it.each([
    ['5/3/2025', '2025-03-05'],
    ['05/03/2025', '2025-03-05'],
    ['05-03-2025', '2025-03-05'],
    ['05.03.2025', '2025-03-05'],
    [' 2025-03-05 ', '2025-03-05'],
    ['29/02/2024', '2024-02-29'],
  ])('%j → %j', (input, expected) => {
    expect(parseDay(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty', 'Chưa nhập ngày.'],
    ['2025', 'invalid', 'Không đọc được'],
    ['03/2025', 'invalid', 'Không đọc được'],
    ['05032025', 'invalid', 'Không đọc được'],
    ['00/03/2025', 'invalid', 'Cần nhập đủ ngày'],
    ['5/3/25', 'invalid', '4 chữ số'],
    ['29/02/2025', 'invalid', 'Tháng 02/2025 không có ngày 29.'],
    ['05/13/2025', 'invalid', 'Tháng 13 không hợp lệ'],
  ])('%j → %s', (input, code, messagePart) => {
    const r = parseDay(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toContain(messagePart);
  });
});

describe('formatDay', () => {
  it.each([
    ['2025-03-05', '05/03/2025'],
    ['1999-12-31', '31/12/1999'],
  ])('%j → %j', (iso, expected) => {
    expect(formatDay(iso)).toBe(expected);
  });
});

describe('isoDay', () => {
  it.each([
    [new Date(2025, 2, 5, 0, 0, 0), '2025-03-05'],
    [new Date(2025, 2, 5, 23, 59, 59), '2025-03-05'],
    [new Date(1999, 11, 31, 12), '1999-12-31'],
  ])('%s → %j (local calendar day)', (date, expected) => {
    expect(isoDay(date)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2025-03-05', 1, '2025-03-06'],
    ['2025-03-05', -5, '2025-02-28'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-30', 0, '2025-03-30'],
    ['2025-10-26', 7, '2025-11-02'], // across a European DST change: calendar days only
    ['2025-01-01', 365, '2026-01-01'],
  ])('%s %+d → %s', (iso, n, expected) => {
    expect(addDays(iso, n)).toBe(expected);
  });
});

describe('compareDay', () => {
  it.each([
    ['2025-03-05', '2025-03-06', -1],
    ['2025-03-06', '2025-03-05', 1],
    ['2025-03-05', '2025-03-05', 0],
    ['2024-12-31', '2025-01-01', -1],
  ])('%s vs %s → %d', (a, b, expected) => {
    expect(compareDay(a, b)).toBe(expected);
  });

  it('sorts days', () => {
    expect(['2025-03-05', '2024-01-01', '2025-01-10'].sort(compareDay)).toEqual([
      '2024-01-01',
      '2025-01-10',
      '2025-03-05',
    ]);
  });
});

describe('excelSerialToIsoDate', () => {
  it.each([
    [1, '1900-01-01'],
    [31, '1900-01-31'],
    [59, '1900-02-28'],
    [60, null], // Excel's fake 29/02/1900
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [25569.75, '1970-01-01'], // time of day ignored
    [18334, '1950-03-12'],
    [45721, '2025-03-05'],
    [2958465, '9999-12-31'],
    [2958466, null],
    [0, null],
    [0.5, null],
    [-1, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])('%d → %s', (serial, expected) => {
    expect(excelSerialToIsoDate(serial)).toBe(expected);
  });
});
