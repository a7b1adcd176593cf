import { describe, it, expect } from 'vitest';
import { checkOldId } from './old-id';

describe('checkOldId', () => {
  it.each([
    ['123456789', '123456789'],
    [' 123 456 789 ', '123456789'],
    ['123.456.789', '123456789'],
    ['023456789', '023456789'],
  ])('%j → ok %j', (raw, expected) => {
    expect(checkOldId(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['  . ', 'empty'],
    ['12345678', 'malformed'],
    ['1234567890', 'malformed'],
    ['001089012345', 'malformed'],
    ['12345678a', 'malformed'],
    ['123-456-789', 'malformed'],
  ])('%j → %s', (raw, code) => {
    const r = checkOldId(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe(code);
    if (code === 'malformed') expect(!r.ok && r.message).toBe('Số CMND cũ phải gồm đúng 9 chữ số.');
  });
});
