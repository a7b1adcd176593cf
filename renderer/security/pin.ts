/**
 * Officer PINs are stored only as salted, slow hashes (PBKDF2-SHA256 via WebCrypto,
 * available in Chromium, Electron and Node alike). The iteration count is stored
 * with the hash so it can be raised later without breaking old PINs.
 */
import type { PinHash } from '../../shared/domain/types';
import { fromBase64, toBase64 } from './base64';

export const PIN_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;


async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations: number = PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, iterations);
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const candidate = await derive(pin, fromBase64(stored.salt), stored.iterations);
  const expected = fromBase64(stored.hash);
  if (candidate.length !== expected.length) return false;
  // constant-time comparison
  let diff = 0;
  for (let i = 0; i < candidate.length; i++) diff |= (candidate[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}

/** 4–8 digits. */
export function checkPinFormat(pin: string): string | undefined {
  return /^\d{4,8}$/.test(pin) ? undefined : 'Mã PIN gồm 4 đến 8 chữ số.';
}
