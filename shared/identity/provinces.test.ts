import { describe, it, expect } from 'vitest';
import { PROVINCE_CODES, provinceName } from './provinces';

describe('PROVINCE_CODES', () => {
  it('has the 63 provinces, three-digit keys, NFC names', () => {
    const entries = Object.entries(PROVINCE_CODES);
    expect(entries).toHaveLength(63);
    for (const [code, name] of entries) {
      expect(code).toMatch(/^0\d{2}$/);
      expect(name).toBe(name.normalize('NFC'));
      expect(name.trim()).toBe(name);
    }
    expect(new Set(Object.values(PROVINCE_CODES)).size).toBe(63);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(PROVINCE_CODES)).toBe(true);
  });
});

describe('provinceName', () => {
  it.each([
    ['001', 'Hà Nội'],
    ['002', 'Hà Giang'],
    ['017', 'Hòa Bình'],
    ['046', 'Thừa Thiên Huế'],
    ['056', 'Khánh Hòa'],
    ['066', 'Đắk Lắk'],
    ['077', 'Bà Rịa–Vũng Tàu'],
    ['079', 'TP Hồ Chí Minh'],
    ['092', 'Cần Thơ'],
    ['096', 'Cà Mau'],
    ['003', undefined],
    ['097', undefined],
    ['099', undefined],
    ['1', undefined],
    ['01', undefined],
    ['', undefined],
    ['constructor', undefined],
    ['toString', undefined],
  ])('%j → %j', (code, expected) => {
    expect(provinceName(code)).toBe(expected);
  });
});
