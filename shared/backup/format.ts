/**
 * The byte layout of a backup (.sdbak) or data package (.sdgoi) file — pure, no crypto.
 * renderer/backup/vault.ts does the sealing; this module only lays the pieces out and
 * reads them back, refusing anything that is not exactly one of our files.
 *
 *   "SODEAN06"  8 bytes, ASCII
 *   version     1 byte (FORMAT_VERSION)
 *   header      u32 length + UTF-8 JSON (FileHeader): kind, KDF parameters, key check, nonce prefix
 *   manifest    u32 length + AES-GCM ciphertext of the manifest JSON (what the file holds)
 *   segments    u32 count, then per segment u32 length + AES-GCM ciphertext of the body
 *
 * Every ciphertext is bound to the exact header bytes (additional data) and to its place:
 * the manifest to index 0, segment i to index i and a "last" flag, so a changed header,
 * swapped, dropped or truncated segments all fail authentication.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../result';

export const MAGIC = 'SODEAN06';
export const FORMAT_VERSION = 1;
/** body bytes per sealed segment */
export const SEGMENT_BYTES = 4 * 1024 * 1024;

export const FILE_KINDS = ['backup', 'package'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

const BASE64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(200);
const POWER_OF_TWO = (n: number) => (n & (n - 1)) === 0;

/** scrypt: memory-hard, so a stolen file is costly to guess passphrases against. */
export const KDF_SCHEMA = z.object({
  name: z.literal('scrypt'),
  // capped so a crafted file cannot make the app allocate gigabytes before any check
  N: z.number().int().min(2 ** 14).max(2 ** 20).refine(POWER_OF_TWO),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  salt: BASE64,
});
export type KdfParams = z.infer<typeof KDF_SCHEMA>;

export const HEADER_SCHEMA = z.object({
  kind: z.enum(FILE_KINDS),
  kdf: KDF_SCHEMA,
  /** a known text sealed under the key: tells a wrong passphrase from a damaged file */
  check: z.object({ iv: BASE64, data: BASE64 }),
  /** 8 random bytes; a ciphertext's IV is this plus its 4-byte index */
  noncePrefix: BASE64,
});
export type FileHeader = z.infer<typeof HEADER_SCHEMA>;

export type SealedFile = {
  readonly header: FileHeader;
  /** the header exactly as stored: the additional data of every ciphertext */
  readonly headerBytes: Uint8Array;
  readonly manifest: Uint8Array;
  readonly segments: readonly Uint8Array[];
};

export type FormatError = 'not_ours' | 'newer_format' | 'damaged';

export const FORMAT_MESSAGES: Readonly<Record<FormatError, string>> = {
  not_ours: 'Tệp này không phải bản sao lưu hay gói dữ liệu của Sổ Đề án 06.',
  newer_format: 'Tệp được tạo bởi phiên bản Sổ Đề án 06 mới hơn. Hãy cập nhật ứng dụng rồi mở lại.',
  damaged: 'Tệp bị hỏng hoặc không đầy đủ (có thể chép chưa xong). Hãy dùng một bản khác.',
};

const MAX_HEADER_BYTES = 4096;

/** The magic and the header are ASCII only (names and base64), so no text codec is needed here. */
function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7e) throw new Error('not ASCII');
    out[i] = code;
  }
  return out;
}
function asciiText(bytes: Uint8Array): string | undefined {
  let text = '';
  for (const b of bytes) {
    if (b > 0x7e) return undefined;
    text += String.fromCharCode(b);
  }
  return text;
}

export function encodeHeader(header: FileHeader): Uint8Array {
  return asciiBytes(JSON.stringify(header));
}

export function encodeFile(file: SealedFile): Uint8Array<ArrayBuffer> {
  const size =
    MAGIC.length + 1 + 4 + file.headerBytes.length + 4 + file.manifest.length + 4 +
    file.segments.reduce((sum, s) => sum + 4 + s.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const put = (bytes: Uint8Array) => {
    view.setUint32(at, bytes.length, true);
    out.set(bytes, at + 4);
    at += 4 + bytes.length;
  };
  out.set(asciiBytes(MAGIC), 0);
  at = MAGIC.length;
  out[at++] = FORMAT_VERSION;
  put(file.headerBytes);
  put(file.manifest);
  view.setUint32(at, file.segments.length, true);
  at += 4;
  for (const segment of file.segments) put(segment);
  return out;
}

/** True when the bytes start like one of our files (used to name the error for a foreign file). */
export function looksLikeOurs(bytes: Uint8Array): boolean {
  if (bytes.length < MAGIC.length) return false;
  return asciiText(bytes.subarray(0, MAGIC.length)) === MAGIC;
}

export function decodeFile(bytes: Uint8Array): Result<SealedFile, FormatError> {
  if (!looksLikeOurs(bytes)) return err('not_ours', FORMAT_MESSAGES.not_ours);
  const version = bytes[MAGIC.length];
  if (version === undefined) return err('damaged', FORMAT_MESSAGES.damaged);
  if (version > FORMAT_VERSION) return err('newer_format', FORMAT_MESSAGES.newer_format);
  if (version < 1) return err('not_ours', FORMAT_MESSAGES.not_ours);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = MAGIC.length + 1;
  const take = (limit: number): Uint8Array | undefined => {
    if (at + 4 > bytes.length) return undefined;
    const length = view.getUint32(at, true);
    if (length > limit || at + 4 + length > bytes.length) return undefined;
    const piece = bytes.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    return piece;
  };
  const headerBytes = take(MAX_HEADER_BYTES);
  if (!headerBytes) return err('damaged', FORMAT_MESSAGES.damaged);
  let header: FileHeader;
  try {
    const text = asciiText(headerBytes);
    if (text === undefined) return err('damaged', FORMAT_MESSAGES.damaged);
    const parsed = HEADER_SCHEMA.safeParse(JSON.parse(text));
    if (!parsed.success) return err('damaged', FORMAT_MESSAGES.damaged);
    header = parsed.data;
  } catch {
    return err('damaged', FORMAT_MESSAGES.damaged);
  }
  const manifest = take(MAX_HEADER_BYTES * 64);
  if (!manifest || at + 4 > bytes.length) return err('damaged', FORMAT_MESSAGES.damaged);
  const count = view.getUint32(at, true);
  at += 4;
  // each segment needs at least its 4-byte length: a huge count in a short file is damage
  if (count > (bytes.length - at) / 4) return err('damaged', FORMAT_MESSAGES.damaged);
  const segments: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const segment = take(SEGMENT_BYTES + 1024);
    if (!segment) return err('damaged', FORMAT_MESSAGES.damaged);
    segments.push(segment);
  }
  if (at !== bytes.length) return err('damaged', FORMAT_MESSAGES.damaged);
  return ok({ header, headerBytes: headerBytes.slice(), manifest, segments });
}

/** The IV of ciphertext `index` (0 = manifest, 1… = body segments): nonce prefix + big-endian index. */
export function ivFor(noncePrefix: Uint8Array, index: number): Uint8Array {
  const iv = new Uint8Array(12);
  iv.set(noncePrefix.subarray(0, 8), 0);
  new DataView(iv.buffer).setUint32(8, index, false);
  return iv;
}

/** Additional data of ciphertext `index`: the header bytes, its index and whether it is the last. */
export function additionalData(headerBytes: Uint8Array, index: number, last: boolean): Uint8Array {
  const out = new Uint8Array(headerBytes.length + 5);
  out.set(headerBytes, 0);
  new DataView(out.buffer).setUint32(headerBytes.length, index, false);
  out[headerBytes.length + 4] = last ? 1 : 0;
  return out;
}
