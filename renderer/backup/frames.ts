/**
 * The body of a backup or package, before compression and sealing: a run of frames, each a
 * u32 length and UTF-8 JSON — one per page of a table's rows, so neither side builds one
 * giant string of a quarter of a million records.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { FORMAT_MESSAGES } from '../../shared/backup/format';

export type BodyFrame = { readonly table: string; readonly rows: readonly unknown[] };

export function encodeFrame(frame: BodyFrame): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(frame));
  const out = new Uint8Array(4 + json.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  return out;
}

const FRAME_SCHEMA = z.object({ table: z.string().min(1).max(64), rows: z.array(z.unknown()) });

/** Reads frames back; anything malformed is damage (the file was authenticated, so a bug or a forgery). */
export function decodeFrames(body: Uint8Array): Result<BodyFrame[], 'damaged'> {
  const frames: BodyFrame[] = [];
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  try {
    while (at < body.length) {
      if (at + 4 > body.length) return err('damaged', FORMAT_MESSAGES.damaged);
      const length = view.getUint32(at, true);
      if (at + 4 + length > body.length) return err('damaged', FORMAT_MESSAGES.damaged);
      const parsed = FRAME_SCHEMA.safeParse(JSON.parse(decoder.decode(body.subarray(at + 4, at + 4 + length))));
      if (!parsed.success) return err('damaged', FORMAT_MESSAGES.damaged);
      frames.push(parsed.data);
      at += 4 + length;
    }
  } catch {
    return err('damaged', FORMAT_MESSAGES.damaged);
  }
  return ok(frames);
}
