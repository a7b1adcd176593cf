/**
 * A USB QR scanner types the chip card's text like a keyboard, ending with
 * Enter, into whichever field has focus. When Enter arrives we look at that
 * field's value: if it ends with a card's QR text, the form takes the card's
 * fields and the field gets back what it held before the scan.
 */
import { parseCccdQr, type CccdQr } from '../../shared/identity/cccd-qr';

const QR_START = /\d{12}\|/;

export function extractQrFromFieldValue(value: string): { qr: CccdQr; before: string } | null {
  const match = QR_START.exec(value);
  if (!match) return null;
  const qr = parseCccdQr(value.slice(match.index));
  if (!qr) return null;
  return { qr, before: value.slice(0, match.index) };
}
