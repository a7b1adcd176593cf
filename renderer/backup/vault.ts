/**
 * Sealing and opening backup and package files: AES-256-GCM (authenticated encryption,
 * WebCrypto) under a key derived from the unit's passphrase with scrypt (@noble/hashes:
 * audited, no dependencies, pure JS — no WebAssembly, so the strict CSP stays as it is).
 * The byte layout is shared/backup/format.ts.
 *
 * The body is gzip-compressed, then cut into 4 MiB segments sealed one by one, each bound
 * to the header, its index and whether it is the last: a wrong passphrase, a changed byte,
 * a swapped or missing segment and a truncated file are all refused before anything is
 * used — never a partial import.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { err, ok, type Result } from '../../shared/result';
import { concatBytes } from '../../shared/bytes';
import {
  FORMAT_MESSAGES,
  MAGIC,
  SEGMENT_BYTES,
  additionalData,
  decodeFile,
  encodeFile,
  encodeHeader,
  ivFor,
  type FileHeader,
  type FileKind,
  type FormatError,
  type KdfParams,
  type SealedFile,
} from '../../shared/backup/format';
import { MANIFEST_SCHEMA, type Manifest } from '../../shared/backup/manifest';
import { fromBase64, toBase64 } from '../security/base64';

/** OWASP's scrypt minimum (N=2^17, r=8, p=1): ~1 s and 128 MiB per guess. */
export const KDF_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
export const MIN_PASSPHRASE_LENGTH = 8;
const CHECK_TEXT = 'SODEAN06-KEY-CHECK';

export type VaultError = FormatError | 'wrong_passphrase';
export const VAULT_MESSAGES: Readonly<Record<VaultError, string>> = {
  ...FORMAT_MESSAGES,
  wrong_passphrase: 'Sai mật khẩu sao lưu. Hãy nhập đúng mật khẩu của đơn vị (phân biệt chữ hoa, chữ thường).',
};

/** The unit's key with what a file needs to name it: the KDF parameters and the key check. */
export type VaultKey = {
  readonly key: CryptoKey;
  readonly kdf: KdfParams;
  readonly check: FileHeader['check'];
};

export function checkPassphrase(passphrase: string, confirm?: string): string | undefined {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return `Mật khẩu sao lưu cần ít nhất ${MIN_PASSPHRASE_LENGTH} ký tự.`;
  if (confirm !== undefined && confirm !== passphrase) return 'Hai lần nhập mật khẩu không giống nhau.';
  return undefined;
}

/**
 * A copy WebCrypto accepts in every realm (a bare ArrayBuffer from another realm — jsdom's
 * in tests — is refused; a typed array is not).
 */
const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

async function deriveKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  const raw = await scryptAsync(passphrase.normalize('NFC'), fromBase64(kdf.salt), {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    dkLen: 32,
    maxmem: 2 ** 31,
  });
  try {
    // not extractable: once imported, the key cannot be read back out of this PC's storage
    return await crypto.subtle.importKey('raw', buffer(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

async function sealCheck(key: CryptoKey): Promise<FileHeader['check']> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: buffer(iv), additionalData: buffer(new TextEncoder().encode(MAGIC)) },
    key,
    buffer(new TextEncoder().encode(CHECK_TEXT)),
  );
  return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

async function passesCheck(key: CryptoKey, check: FileHeader['check']): Promise<boolean> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buffer(fromBase64(check.iv)), additionalData: buffer(new TextEncoder().encode(MAGIC)) },
      key,
      buffer(fromBase64(check.data)),
    );
    return new TextDecoder().decode(plain) === CHECK_TEXT;
  } catch {
    return false;
  }
}

/** A new unit key from a passphrase (fresh salt). Takes about a second: scrypt is slow on purpose. */
export async function createVaultKey(passphrase: string, cost: Pick<KdfParams, 'N' | 'r' | 'p'> = KDF_COST): Promise<VaultKey> {
  const kdf: KdfParams = { name: 'scrypt', ...cost, salt: toBase64(crypto.getRandomValues(new Uint8Array(16))) };
  const key = await deriveKey(passphrase, kdf);
  return { key, kdf, check: await sealCheck(key) };
}

/** True when `passphrase` is the one `vault` was made from. */
export async function matchesVault(vault: VaultKey, passphrase: string): Promise<boolean> {
  return passesCheck(await deriveKey(passphrase, vault.kdf), vault.check);
}

async function gzip(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Uint8Array> {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const collected = collect(stream.readable);
  for await (const chunk of chunks) await writer.write(chunk as Uint8Array<ArrayBuffer>);
  await writer.close();
  return collected;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const collected = collect(stream.readable);
  await writer.write(bytes as Uint8Array<ArrayBuffer>);
  await writer.close();
  return collected;
}

async function collect(readable: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return concatBytes(...parts);
}


async function seal(key: CryptoKey, file: { headerBytes: Uint8Array; noncePrefix: Uint8Array }, index: number, last: boolean, plain: Uint8Array): Promise<Uint8Array> {
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: buffer(ivFor(file.noncePrefix, index)), additionalData: buffer(additionalData(file.headerBytes, index, last)) },
    key,
    buffer(plain),
  );
  return new Uint8Array(sealed);
}

async function unseal(key: CryptoKey, file: SealedFile, index: number, last: boolean, sealed: Uint8Array): Promise<Uint8Array | undefined> {
  try {
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: buffer(ivFor(fromBase64(file.header.noncePrefix), index)),
        additionalData: buffer(additionalData(file.headerBytes, index, last)),
      },
      key,
      buffer(sealed),
    );
    return new Uint8Array(plain);
  } catch {
    return undefined;
  }
}

/** Seals a manifest and a body (given as chunks, e.g. encoded frames) into one file. */
export async function sealFile(
  vault: VaultKey,
  kind: FileKind,
  manifest: Manifest,
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<Uint8Array<ArrayBuffer>> {
  const noncePrefix = crypto.getRandomValues(new Uint8Array(8));
  const header: FileHeader = { kind, kdf: vault.kdf, check: vault.check, noncePrefix: toBase64(noncePrefix) };
  const headerBytes = encodeHeader(header);
  const target = { headerBytes, noncePrefix };
  const sealedManifest = await seal(vault.key, target, 0, false, new TextEncoder().encode(JSON.stringify(manifest)));
  const compressed = await gzip(body);
  const count = Math.max(1, Math.ceil(compressed.length / SEGMENT_BYTES));
  const segments: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const part = compressed.subarray(i * SEGMENT_BYTES, (i + 1) * SEGMENT_BYTES);
    segments.push(await seal(vault.key, target, i + 1, i === count - 1, part));
  }
  return encodeFile({ header, headerBytes, manifest: sealedManifest, segments });
}

export function readLayout(bytes: Uint8Array, expected: FileKind): Result<SealedFile, FormatError> {
  const decoded = decodeFile(bytes);
  if (!decoded.ok) return decoded;
  if (decoded.value.header.kind !== expected) return err('not_ours', wrongKindMessage(expected));
  return decoded;
}

function wrongKindMessage(expected: FileKind): string {
  return expected === 'backup'
    ? 'Tệp này là gói dữ liệu, không phải bản sao lưu. Hãy dùng "Nhập gói dữ liệu".'
    : 'Tệp này là bản sao lưu, không phải gói dữ liệu. Hãy dùng "Khôi phục từ bản sao lưu".';
}

/**
 * The key that opens `file`: this PC's own key when the file was sealed with it (same salt
 * and check), otherwise the one derived from `passphrase` — refused when the check fails.
 */
export async function unlock(file: SealedFile, passphrase: string | undefined, own?: VaultKey): Promise<Result<VaultKey, 'wrong_passphrase'>> {
  if (own && own.kdf.salt === file.header.kdf.salt && (await passesCheck(own.key, file.header.check))) {
    return ok(own);
  }
  if (passphrase === undefined || passphrase === '') return err('wrong_passphrase', VAULT_MESSAGES.wrong_passphrase);
  const key = await deriveKey(passphrase, file.header.kdf);
  if (!(await passesCheck(key, file.header.check))) return err('wrong_passphrase', VAULT_MESSAGES.wrong_passphrase);
  return ok({ key, kdf: file.header.kdf, check: file.header.check });
}

export async function openManifest(file: SealedFile, vault: VaultKey): Promise<Result<Manifest, 'damaged'>> {
  const plain = await unseal(vault.key, file, 0, false, file.manifest);
  if (!plain) return err('damaged', FORMAT_MESSAGES.damaged);
  try {
    const parsed = MANIFEST_SCHEMA.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)));
    if (!parsed.success || parsed.data.kind !== file.header.kind) return err('damaged', FORMAT_MESSAGES.damaged);
    return ok(parsed.data);
  } catch {
    return err('damaged', FORMAT_MESSAGES.damaged);
  }
}

/** The whole body, authenticated segment by segment, then decompressed; any failure is damage. */
export async function openBody(file: SealedFile, vault: VaultKey): Promise<Result<Uint8Array, 'damaged'>> {
  const parts: Uint8Array[] = [];
  const count = file.segments.length;
  if (count === 0) return err('damaged', FORMAT_MESSAGES.damaged);
  for (let i = 0; i < count; i++) {
    const segment = file.segments[i];
    const plain = segment && (await unseal(vault.key, file, i + 1, i === count - 1, segment));
    if (!plain) return err('damaged', FORMAT_MESSAGES.damaged);
    parts.push(plain);
  }
  try {
    return ok(await gunzip(concatBytes(...parts)));
  } catch {
    return err('damaged', FORMAT_MESSAGES.damaged);
  }
}
