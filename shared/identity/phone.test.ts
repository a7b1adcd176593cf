import { describe, it, expect } from 'vitest';
import { normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['(0912) 345 678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84 (0) 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['\u00a00912\u00a0345\u00a0678\t', '0912345678'],
    ['02583822123', '02583822123'], // landline, Khánh Hòa
    ['(0258) 3822 123', '02583822123'],
    ['+842583822123', '02583822123'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    [' - . ', 'empty'],
    ['912345678', 'malformed'], // leading 0 missing
    ['091234567', 'malformed'],
    ['09123456789', 'malformed'], // 11 digits, not a landline
    ['1912345678', 'malformed'],
    ['8491234567', 'malformed'], // 84 prefix but 10 digits
    ['849123456789', 'malformed'],
    ['0912abc678', 'malformed'],
    ['0912345678/0987654321', 'malformed'],
    ['+1 650 555 0100', 'malformed'],
  ])('%j → %s', (raw, code) => {
    const r = normalizePhone(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe(code);
    if (code === 'malformed') {
      expect(!r.ok && r.message).toBe('Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).');
    }
  });
});
