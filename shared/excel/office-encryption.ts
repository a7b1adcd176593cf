/**
 * Excel's own "password to open" (Tệp → Bảo vệ sổ làm việc → Mã hóa bằng mật
 * khẩu): ECMA-376 Agile Encryption as Excel 2010 and later write it, so the
 * superior unit opens the file in Excel by typing the password, nothing else
 * installed. [MS-OFFCRYPTO] 2.3.4.10–2.3.4.15 with Excel's parameters:
 * AES-256-CBC, SHA-512, 16-byte salts, spin count 100,000, and the HMAC data
 * integrity over the EncryptedPackage stream.
 *
 * The result is an OLE compound file (D0 CF 11 E0 A1 B1 1A E1) holding the
 * `\x06DataSpaces` storage (MS-OFFCRYPTO 2.1, fixed content naming the
 * encryption transform), `EncryptionInfo` (version 4.4 + the XML descriptor)
 * and `EncryptedPackage` (the .xlsx, encrypted in 4096-byte segments).
 *
 * Pure code: randomness is injected (node:crypto in the main process,
 * crypto.getRandomValues in the browser) and nothing here touches a file.
 */
import { cbc } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import * as CFB from 'cfb';
import { concatBytes } from '../bytes';

export const MIN_WORKBOOK_PASSWORD = 6;
/** Excel refuses longer passwords in its own dialog. */
export const MAX_WORKBOOK_PASSWORD = 255;

export const WORKBOOK_PASSWORD_MESSAGES = {
  tooShort: `Mật khẩu phải có ít nhất ${MIN_WORKBOOK_PASSWORD} ký tự.`,
  tooLong: `Mật khẩu dài tối đa ${MAX_WORKBOOK_PASSWORD} ký tự.`,
} as const;

/** Why the password cannot protect a workbook, in Vietnamese; undefined when it can. */
export function checkWorkbookPassword(password: string): string | undefined {
  if (password.length < MIN_WORKBOOK_PASSWORD) return WORKBOOK_PASSWORD_MESSAGES.tooShort;
  if (password.length > MAX_WORKBOOK_PASSWORD) return WORKBOOK_PASSWORD_MESSAGES.tooLong;
  return undefined;
}

/** The first bytes of every OLE compound file, so of every encrypted workbook. */
export const OLE_SIGNATURE: readonly number[] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const SPIN_COUNT = 100_000;
const SALT_BYTES = 16;
const BLOCK_BYTES = 16;
const KEY_BYTES = 32; // AES-256
const HASH_BYTES = 64; // SHA-512
const SEGMENT_BYTES = 4096;

/** [MS-OFFCRYPTO] 2.3.4.13–2.3.4.14 block keys. */
const BLOCK_KEY = {
  verifierHashInput: [0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79],
  verifierHashValue: [0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e],
  encryptedKeyValue: [0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6],
  hmacKey: [0x5f, 0xb2, 0xad, 0x01, 0x0c, 0xb9, 0xe1, 0xf6],
  hmacValue: [0xa0, 0x67, 0x7f, 0x02, 0xb2, 0x2c, 0x84, 0x33],
} as const;


function u32le(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i] = unit & 0xff;
    out[2 * i + 1] = unit >> 8;
  }
  return out;
}

/** `bytes` cut to `length`, or padded up to it with `fill` (2.3.4.11: 0x36 for keys). */
function fit(bytes: Uint8Array, length: number, fill: number): Uint8Array {
  if (bytes.length >= length) return bytes.slice(0, length);
  const out = new Uint8Array(length).fill(fill);
  out.set(bytes);
  return out;
}

/** Zero-padded up to a whole number of AES blocks. */
function blockPadded(bytes: Uint8Array): Uint8Array {
  const length = Math.ceil(bytes.length / BLOCK_BYTES) * BLOCK_BYTES;
  return length === bytes.length ? bytes : fit(bytes, length, 0);
}

function aesCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return cbc(key, iv, { disablePadding: true }).encrypt(blockPadded(data));
}

/** 2.3.4.12: an IV is the salt hashed with a block key, cut to the block size. */
const derivedIv = (salt: Uint8Array, blockKey: Uint8Array | readonly number[]) => sha512(concatBytes(salt, blockKey)).slice(0, BLOCK_BYTES);

/** 2.3.4.11: H0 = H(salt + password), Hn = H(iterator + Hn-1) for spinCount rounds. */
function iteratedPasswordHash(password: string, salt: Uint8Array): Uint8Array {
  let hash = sha512(concatBytes(salt, utf16le(password)));
  const round = new Uint8Array(4 + HASH_BYTES);
  const view = new DataView(round.buffer);
  for (let i = 0; i < SPIN_COUNT; i++) {
    view.setUint32(0, i, true);
    round.set(hash, 4);
    hash = sha512(round);
  }
  return hash;
}

/** 2.3.4.11: the key for one purpose is H(Hfinal + blockKey), fitted to keyBits. */
const passwordKey = (hash: Uint8Array, blockKey: readonly number[]) => fit(sha512(concatBytes(hash, blockKey)), KEY_BYTES, 0x36);

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64[a >> 2];
    out += BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : BASE64[c & 63];
  }
  return out;
}

/** ASCII text (the XML descriptor holds nothing else) as bytes. */
function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** 2.1.2 UNICODE-LP-P4: byte length, UTF-16LE, zero-padded to 4 bytes. */
function unicodeLpP4(text: string): Uint8Array {
  const chars = utf16le(text);
  return concatBytes(u32le(chars.length), chars, new Uint8Array((4 - (chars.length % 4)) % 4));
}

const version10 = () => concatBytes([1, 0, 0, 0]);

/**
 * The `\x06DataSpaces` storage Excel writes beside the encrypted package
 * ([MS-OFFCRYPTO] 2.1.5–2.1.9, 2.3.4.1): it names the package's data space
 * and the strong-encryption transform. Fixed content.
 */
function dataSpaces(): [string, Uint8Array][] {
  // 2.1.5 DataSpaceVersionInfo: feature name, reader/updater/writer version 1.0
  const version = concatBytes(unicodeLpP4('Microsoft.Container.DataSpaces'), version10(), version10(), version10());
  // 2.1.6 DataSpaceMap: one entry, EncryptedPackage (a stream) → StrongEncryptionDataSpace
  const entry = concatBytes(u32le(1), u32le(0), unicodeLpP4('EncryptedPackage'), unicodeLpP4('StrongEncryptionDataSpace'));
  const map = concatBytes(u32le(8), u32le(1), u32le(4 + entry.length), entry);
  // 2.1.7 DataSpaceDefinition: the data space applies one transform
  const definition = concatBytes(u32le(8), u32le(1), unicodeLpP4('StrongEncryptionTransform'));
  // 2.1.8 TransformInfoHeader + 2.1.9 EncryptionTransformInfo
  const transformId = unicodeLpP4('{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}');
  const transform = concatBytes(
    u32le(8 + transformId.length),
    u32le(1),
    transformId,
    unicodeLpP4('Microsoft.Container.EncryptionTransform'),
    version10(),
    version10(),
    version10(),
    u32le(0), // EncryptionName: empty
    u32le(0), // EncryptionBlockSize
    u32le(0), // CipherMode
    u32le(4), // Reserved: MUST be 4
  );
  return [
    ['\u0006DataSpaces/Version', version],
    ['\u0006DataSpaces/DataSpaceMap', map],
    ['\u0006DataSpaces/DataSpaceInfo/StrongEncryptionDataSpace', definition],
    ['\u0006DataSpaces/TransformInfo/StrongEncryptionTransform/\u0006Primary', transform],
  ];
}

/**
 * `plain` (the .xlsx bytes) as an Excel file that opens only with `password`.
 * `randomBytes(n)` must return n cryptographically random bytes; it is called
 * for the package key, the salts, the verifier and the HMAC key.
 */
export function encryptWorkbook(plain: Uint8Array, password: string, randomBytes: (n: number) => Uint8Array): Uint8Array<ArrayBuffer> {
  if (password.length > MAX_WORKBOOK_PASSWORD) throw new RangeError(WORKBOOK_PASSWORD_MESSAGES.tooLong);
  const random = (n: number) => {
    const bytes = randomBytes(n);
    if (bytes.length !== n) throw new RangeError(`randomBytes(${n}) returned ${bytes.length} bytes`);
    return Uint8Array.from(bytes);
  };
  const packageKey = random(KEY_BYTES);
  const keySalt = random(SALT_BYTES);
  const passwordSalt = random(SALT_BYTES);
  const verifierHashInput = random(SALT_BYTES);
  // Excel's HMAC key is as long as the hash (64 bytes), not keyData's saltSize.
  const hmacKey = random(HASH_BYTES);

  // 2.3.4.15: the 8-byte plain size, then each 4096-byte segment on its own,
  // its IV the keyData salt hashed with the segment's index.
  const stream = new Uint8Array(8 + Math.ceil(plain.length / BLOCK_BYTES) * BLOCK_BYTES);
  const header = new DataView(stream.buffer);
  header.setUint32(0, plain.length % 2 ** 32, true);
  header.setUint32(4, Math.floor(plain.length / 2 ** 32), true);
  for (let index = 0, at = 0; at < plain.length; index++, at += SEGMENT_BYTES) {
    const segment = plain.subarray(at, at + SEGMENT_BYTES);
    stream.set(aesCbc(packageKey, derivedIv(keySalt, u32le(index)), segment), 8 + at);
  }

  // 2.3.4.14: an HMAC of the whole EncryptedPackage stream, its key and value encrypted with the package key.
  const encryptedHmacKey = aesCbc(packageKey, derivedIv(keySalt, BLOCK_KEY.hmacKey), hmacKey);
  const encryptedHmacValue = aesCbc(packageKey, derivedIv(keySalt, BLOCK_KEY.hmacValue), hmac(sha512, hmacKey, stream));

  // 2.3.4.13: the password's verifier and the package key, each under its own key derived from the password.
  const hash = iteratedPasswordHash(password, passwordSalt);
  const encryptedVerifierHashInput = aesCbc(passwordKey(hash, BLOCK_KEY.verifierHashInput), passwordSalt, verifierHashInput);
  const encryptedVerifierHashValue = aesCbc(passwordKey(hash, BLOCK_KEY.verifierHashValue), passwordSalt, sha512(verifierHashInput));
  const encryptedKeyValue = aesCbc(passwordKey(hash, BLOCK_KEY.encryptedKeyValue), passwordSalt, packageKey);

  // 2.3.4.10: version 4.4, reserved 0x40, then the XML descriptor.
  const cipher = `saltSize="${SALT_BYTES}" blockSize="${BLOCK_BYTES}" keyBits="${KEY_BYTES * 8}" hashSize="${HASH_BYTES}" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"`;
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">' +
    `<keyData ${cipher} saltValue="${base64(keySalt)}"/>` +
    `<dataIntegrity encryptedHmacKey="${base64(encryptedHmacKey)}" encryptedHmacValue="${base64(encryptedHmacValue)}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="${SPIN_COUNT}" ${cipher} saltValue="${base64(passwordSalt)}" encryptedVerifierHashInput="${base64(encryptedVerifierHashInput)}" encryptedVerifierHashValue="${base64(encryptedVerifierHashValue)}" encryptedKeyValue="${base64(encryptedKeyValue)}"/>` +
    '</keyEncryptor></keyEncryptors></encryption>';
  const info = concatBytes([4, 0, 4, 0], u32le(0x40), ascii(xml));

  const container = CFB.utils.cfb_new();
  for (const [name, content] of dataSpaces()) CFB.utils.cfb_add(container, `/${name}`, content);
  CFB.utils.cfb_add(container, '/EncryptionInfo', info);
  CFB.utils.cfb_add(container, '/EncryptedPackage', stream);
  const written: unknown = CFB.write(container, { type: 'array' });
  if (ArrayBuffer.isView(written)) {
    // a plain view of the bytes (in Node the writer hands back a Buffer); copied only when its memory is of another kind or realm
    const bytes = new Uint8Array(written.buffer, written.byteOffset, written.byteLength);
    return bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Uint8Array.from(bytes);
  }
  if (Array.isArray(written)) return Uint8Array.from(written as number[]);
  throw new TypeError('The compound file writer returned no bytes');
}
