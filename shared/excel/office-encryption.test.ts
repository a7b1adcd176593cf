/**
 * The encrypted workbook is checked by an implementation that is not ours:
 * Debian's msoffcrypto-tool (python3-msoffcrypto-tool) verifies the password
 * verifier, decrypts the package and checks the HMAC data integrity, and the
 * result must be the original .xlsx byte for byte. Without the tool these
 * tests fail, saying how to install it — they never pass by skipping.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as CFB from 'cfb';
import { cbc } from '@noble/ciphers/aes.js';
import { sha512 } from '@noble/hashes/sha2.js';
// A real workbook as exceljs writes it is the input here; shared/ code itself never imports exceljs.
// eslint-disable-next-line no-restricted-imports
import ExcelJS from 'exceljs';
import {
  checkWorkbookPassword,
  encryptWorkbook,
  MAX_WORKBOOK_PASSWORD,
  MIN_WORKBOOK_PASSWORD,
  OLE_SIGNATURE,
  WORKBOOK_PASSWORD_MESSAGES,
} from './office-encryption';
import { EXPORT_BEGIN_REQUEST } from '../ipc/contract';

const INSTALL_HINT = 'msoffcrypto-tool was not found. Install it with: apt-get install -y python3-msoffcrypto-tool';
const PASSWORD = 'Mật khẩu 2026!';
const NAME = 'Nguyễn Thị Hương';
const nodeRandom = (n: number) => new Uint8Array(randomBytes(n));

/** The msoffcrypto-tool command on PATH, and the Python its script runs with (which has the msoffcrypto module). */
function findOracle(): { cli: string; python: string[] } | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const cli = path.join(dir, 'msoffcrypto-tool');
    if (!dir || !existsSync(cli)) continue;
    const shebang = readFileSync(cli, 'utf8').split('\n')[0] ?? '';
    if (!shebang.startsWith('#!')) continue;
    const command = shebang.slice(2).trim().split(/\s+/);
    const python = command[0]?.endsWith('/env') ? command.slice(1) : command;
    if (python.length > 0) return { cli, python };
  }
  return undefined;
}

/** Decrypts with the msoffcrypto module: password verifier checked, package decrypted, HMAC integrity checked. */
const VERIFYING_DECRYPT = `
import sys, msoffcrypto
source, password, target = sys.argv[1:4]
with open(source, 'rb') as f:
    office = msoffcrypto.OfficeFile(f)
    office.load_key(password=password, verify_password=True)
    with open(target, 'wb') as out:
        office.decrypt(out, verify_integrity=True)
`;

let dir: string;
let oracle: { cli: string; python: string[] } | undefined;
let original: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sodean06-encrypt-'));
  oracle = findOracle();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['Stt', 'Họ và tên', 'Số định danh']);
  sheet.addRow([1, NAME, '001089012345']);
  // enough rows for several 4096-byte segments and a last one that needs padding
  for (let i = 2; i <= 400; i++) sheet.addRow([i, `Người thứ ${i}`, String(1e11 + i)]);
  // stored, not deflated: the name is then visible in the plain file, so "not in the encrypted one" means something
  original = new Uint8Array(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function requireOracle(): { cli: string; python: string[] } {
  if (!oracle) throw new Error(INSTALL_HINT);
  return oracle;
}

async function verifyingDecrypt(encrypted: Uint8Array, password: string) {
  const { python } = requireOracle();
  const source = path.join(dir, `in-${randomBytes(4).toString('hex')}.xlsx`);
  const target = `${source}.decrypted.xlsx`;
  await writeFile(source, encrypted);
  const run = spawnSync(python[0]!, [...python.slice(1), '-c', VERIFYING_DECRYPT, source, password, target], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, stderr: run.stderr, read: () => readFile(target) };
}

const indexOf = (haystack: Uint8Array, needle: Uint8Array) => Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('encryptWorkbook, checked by msoffcrypto-tool', () => {
  it('has the tool this test needs', () => {
    expect(oracle, INSTALL_HINT).toBeDefined();
  });

  it('an exceljs workbook encrypted with a password decrypts back to the same bytes, and reads in exceljs', async () => {
    const encrypted = encryptWorkbook(original, PASSWORD, nodeRandom);
    expect([...encrypted.subarray(0, 8)]).toEqual(OLE_SIGNATURE);
    // the plain file shows the name and the zip's own names; the encrypted one none of them
    expect(indexOf(original, utf8(NAME))).toBeGreaterThan(0);
    expect(indexOf(encrypted, utf8(NAME))).toBe(-1);
    expect(indexOf(encrypted, utf8('[Content_Types].xml'))).toBe(-1);
    expect(indexOf(encrypted, utf8('Danh sách'))).toBe(-1);
    expect(indexOf(encrypted, original.subarray(0, 64))).toBe(-1);

    const decrypted = await verifyingDecrypt(encrypted, PASSWORD);
    expect(decrypted.stderr).toBe('');
    expect(decrypted.status).toBe(0);
    const bytes = new Uint8Array(await decrypted.read());
    expect(bytes.byteLength).toBe(original.byteLength);
    expect(Buffer.compare(bytes, original)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Danh sách')!.getCell('B2').value).toBe(NAME);
  });

  it('the command-line tool decrypts it too, as an officer would', async () => {
    const { cli } = requireOracle();
    const source = path.join(dir, 'cli.xlsx');
    const target = path.join(dir, 'cli-decrypted.xlsx');
    await writeFile(source, encryptWorkbook(original, 'matkhau2026', nodeRandom));
    const run = spawnSync(cli, ['-p', 'matkhau2026', source, target], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(Buffer.compare(await readFile(target), original)).toBe(0);
  });

  it('a wrong password fails the password check', async () => {
    const decrypted = await verifyingDecrypt(encryptWorkbook(original, PASSWORD, nodeRandom), 'Mật khẩu 2025!');
    expect(decrypted.status).not.toBe(0);
    expect(decrypted.stderr).toContain('InvalidKeyError');
  });

  it('a changed byte in the encrypted package fails the HMAC integrity check', async () => {
    const container = CFB.read(encryptWorkbook(original, PASSWORD, nodeRandom), { type: 'buffer' });
    const entry = CFB.find(container, '/EncryptedPackage')!;
    const content = entry.content as Uint8Array;
    content[content.length - 1]! ^= 0x01;
    const tampered = new Uint8Array(CFB.write(container, { type: 'buffer' }) as Uint8Array);
    const decrypted = await verifyingDecrypt(tampered, PASSWORD);
    expect(decrypted.status).not.toBe(0);
    expect(decrypted.stderr).toContain('Payload integrity verification failed');
  });

  it('every file has its own keys and salts', () => {
    const a = encryptWorkbook(original, PASSWORD, nodeRandom);
    const b = encryptWorkbook(original, PASSWORD, nodeRandom);
    expect(Buffer.compare(a, b)).not.toBe(0);
  });
});

/**
 * A second reading of the format, for sizes msoffcrypto cannot be fed (it
 * insists the result be a zip): the segment boundaries and the last block's padding.
 */
function decryptPackage(file: Uint8Array, password: string): Uint8Array {
  const container = CFB.read(file, { type: 'buffer' });
  const info = Buffer.from(CFB.find(container, '/EncryptionInfo')!.content as Uint8Array);
  expect([...info.subarray(0, 8)]).toEqual([4, 0, 4, 0, 0x40, 0, 0, 0]);
  const xml = info.subarray(8).toString('utf8');
  const attr = (element: string, name: string) => {
    const tag = new RegExp(`<${element} [^>]*>`).exec(xml)?.[0] ?? '';
    return new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
  };
  const b64 = (element: string, name: string) => new Uint8Array(Buffer.from(attr(element, name), 'base64'));
  const passwordSalt = b64('p:encryptedKey', 'saltValue');
  let hash = sha512(Buffer.concat([passwordSalt, Buffer.from(password, 'utf16le')]));
  for (let i = 0; i < Number(attr('p:encryptedKey', 'spinCount')); i++) {
    const n = Buffer.alloc(4);
    n.writeUInt32LE(i);
    hash = sha512(Buffer.concat([n, hash]));
  }
  const keyFor = (block: number[]) => sha512(Buffer.concat([hash, Buffer.from(block)])).subarray(0, 32);
  const packageKey = cbc(keyFor([0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6]), passwordSalt, { disablePadding: true }).decrypt(
    b64('p:encryptedKey', 'encryptedKeyValue'),
  );
  const keySalt = b64('keyData', 'saltValue');
  const stream = Buffer.from(CFB.find(container, '/EncryptedPackage')!.content as Uint8Array);
  const size = Number(stream.readBigUInt64LE(0));
  const parts: Uint8Array[] = [];
  for (let i = 0, at = 8; at < stream.length; i++, at += 4096) {
    const n = Buffer.alloc(4);
    n.writeUInt32LE(i);
    const iv = sha512(Buffer.concat([keySalt, n])).subarray(0, 16);
    parts.push(cbc(packageKey, iv, { disablePadding: true }).decrypt(stream.subarray(at, at + 4096)));
  }
  expect(stream.length - 8).toBe(Math.ceil(size / 16) * 16);
  return new Uint8Array(Buffer.concat(parts).subarray(0, size));
}

describe('the EncryptedPackage stream', () => {
  it.each([15, 16, 4096, 8192 + 3])('a package of %i bytes round-trips, zero-padded to whole blocks', (size) => {
    const plain = new Uint8Array(randomBytes(size));
    expect(Buffer.compare(decryptPackage(encryptWorkbook(plain, 'matkhau', nodeRandom), 'matkhau'), plain)).toBe(0);
  });

  it('the compound file holds the streams Excel writes, with the data-space map naming the package', () => {
    const container = CFB.read(encryptWorkbook(original, PASSWORD, nodeRandom), { type: 'buffer' });
    const streams = container.FullPaths.filter((_, i) => container.FileIndex[i]!.type === 2).map((p) => p.replace(/^Root Entry\//, ''));
    expect(streams).toEqual(
      expect.arrayContaining([
        'EncryptionInfo',
        'EncryptedPackage',
        '\u0006DataSpaces/Version',
        '\u0006DataSpaces/DataSpaceMap',
        '\u0006DataSpaces/DataSpaceInfo/StrongEncryptionDataSpace',
        '\u0006DataSpaces/TransformInfo/StrongEncryptionTransform/\u0006Primary',
      ]),
    );
    const map = Buffer.from(CFB.find(container, '/\u0006DataSpaces/DataSpaceMap')!.content as Uint8Array);
    expect(map.length).toBe(112);
    expect(map.readUInt32LE(8)).toBe(104);
    expect(map.subarray(24, 56).toString('utf16le')).toBe('EncryptedPackage');
    expect(map.subarray(60, 110).toString('utf16le')).toBe('StrongEncryptionDataSpace');
  });

  it('refuses a randomness source that returns the wrong number of bytes', () => {
    expect(() => encryptWorkbook(original, PASSWORD, (n) => new Uint8Array(n - 1))).toThrow(RangeError);
  });
});

describe('checkWorkbookPassword', () => {
  it('asks for 6 to 255 characters, in Vietnamese', () => {
    expect(MIN_WORKBOOK_PASSWORD).toBe(6);
    expect(checkWorkbookPassword('')).toBe(WORKBOOK_PASSWORD_MESSAGES.tooShort);
    expect(checkWorkbookPassword('12345')).toBe('Mật khẩu phải có ít nhất 6 ký tự.');
    expect(checkWorkbookPassword('123456')).toBeUndefined();
    expect(checkWorkbookPassword('x'.repeat(MAX_WORKBOOK_PASSWORD))).toBeUndefined();
    expect(checkWorkbookPassword('x'.repeat(MAX_WORKBOOK_PASSWORD + 1))).toBe('Mật khẩu dài tối đa 255 ký tự.');
  });

  it('the export request accepts exactly the passwords it accepts', () => {
    for (const password of ['12345', '123456', 'x'.repeat(MAX_WORKBOOK_PASSWORD), 'x'.repeat(MAX_WORKBOOK_PASSWORD + 1)]) {
      expect(EXPORT_BEGIN_REQUEST.safeParse({ suggestedName: 'a.xlsx', password }).success).toBe(checkWorkbookPassword(password) === undefined);
    }
  });
});
