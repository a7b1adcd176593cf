/**
 * The QR code on the chip ID card, as a USB scanner types it:
 * `CCCD|CMND|Họ tên|DDMMYYYY|Giới tính|Địa chỉ|DDMMYYYY` (last: issue date; CMND may be empty).
 */
import type { IsoDate, PartialDateString, Sex } from '../domain/types';
import { parsePartialDate } from '../dates/partial-date';
import { searchKey, tidyName, tidyText } from '../text/normalize';

export type CccdQr = {
  personalId: string;
  oldId: string;
  fullName: string;
  birthDate: PartialDateString;
  sex: Sex | '';
  address: string;
  issueDate: IsoDate | '';
};

function readSex(field: string): Sex | '' {
  const key = searchKey(field);
  if (key === 'nam') return 'male';
  if (key === 'nu') return 'female';
  return '';
}

/**
 * Reads the card's QR text; null when it is not one (first field not 12 digits, fewer than
 * 6 fields, or an unreadable birth date). Fields after the seventh (newer cards, trailing
 * separators) are ignored.
 */
export function parseCccdQr(text: string): CccdQr | null {
  const fields = text.normalize('NFC').trim().split('|').map(tidyText);
  if (fields.length < 6) return null;
  const [personalId = '', oldId = '', fullName = '', birth = '', sex = '', address = '', issued = ''] = fields;
  if (!/^\d{12}$/.test(personalId)) return null;
  const birthDate = parsePartialDate(birth);
  if (!birthDate.ok) return null;
  const issueDate = parsePartialDate(issued);
  return {
    personalId,
    oldId,
    fullName: tidyName(fullName),
    birthDate: birthDate.value,
    sex: readSex(sex),
    address,
    issueDate: issueDate.ok && issueDate.value.length === 10 ? issueDate.value : '',
  };
}

/** True once typed text starts like a card QR (12 digits then '|'), so the form can take over. */
export function looksLikeCccdQr(partial: string): boolean {
  return /^\s*\d{12}\|/.test(partial);
}
