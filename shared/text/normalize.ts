/**
 * Text clean-up for Vietnamese input that arrives in mixed NFC/NFD, with stray
 * control characters, non-breaking spaces and inconsistent case (pasted from Zalo,
 * the web, Excel).
 */

/** Whitespace that should become a plain space: tab, newlines, NBSP and the Unicode spaces. */
const SPACE_LIKE = /[\t\n\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;
/**
 * Characters that carry nothing: C0/C1 controls, DEL, soft hyphen, zero-width characters,
 * the word joiner and invisible operators (U+2060–U+2064), BOM — and the bidirectional
 * controls: the Arabic letter mark (U+061C), the LTR/RTL marks (U+200E, U+200F), the
 * embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069). An RTL override
 * pasted into a name shows everything after it backwards on screen, in Excel and in print.
 * None of them is printable ASCII, so tidyText's fast path never has to look for them.
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * A pure string function remembered for the texts it saw last: an imported list repeats the
 * same few words (hamlets, statuses, ethnicities) tens of thousands of times. Bounded, so a
 * long session does not grow it without end.
 */
export function remembered(fn: (s: string) => string, capacity = 50_000): (s: string) => string {
  let cache = new Map<string, string>();
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const value = fn(s);
    if (cache.size >= capacity) cache = new Map();
    cache.set(s, value);
    return value;
  };
}

/** Printable ASCII with single inner spaces and no space at either end: already tidy. */
const TIDY_ASCII = /^(?:[\x21-\x7e]+(?: [\x21-\x7e]+)*)?$/;

const tidyUncached = (s: string): string =>
  s
    .replace(SPACE_LIKE, ' ')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(/ {2,}/g, ' ')
    .trim();
const tidyRemembered = remembered(tidyUncached);

/** NFC, no control characters, every kind of whitespace as one plain space, trimmed. */
export function tidyText(s: string): string {
  return TIDY_ASCII.test(s) ? s : tidyRemembered(s);
}

/**
 * The comparison form: lower-case, no tone marks or other diacritics, đ → d.
 * 'Nguyễn Văn A' → 'nguyen van a', whatever the input's normalisation.
 */
export const searchKey: (s: string) => string = remembered((s) =>
  tidyText(s)
    .toLowerCase()
    // đ (U+0111) and ð (U+00F0, which legacy encodings produce for Đ) have no decomposition.
    .replace(/[đð]/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, ''),
);

/**
 * Vietnamese letters without their marks, case kept: 'Vĩnh Hiệp' → 'Vinh Hiep'.
 * For file names that every PC, USB stick and mail client keeps intact.
 */
export function asciiFold(s: string): string {
  return s.replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFD').replace(/\p{M}/gu, '');
}

/** Punctuation at either end of a word ("lộc," "(an)") is not part of the word. */
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** The distinct words of searchKey(s), in order of first appearance, without edge punctuation. */
export function searchWords(s: string): string[] {
  const words: string[] = [];
  const seen = new Set<string>();
  for (const raw of searchKey(s).split(' ')) {
    const word = raw.replace(EDGE_PUNCTUATION, '');
    if (word === '' || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}

const APOSTROPHES = "'\u2019";

function capitalise(part: string): string {
  const chars = Array.from(part);
  const first = chars[0];
  if (first === undefined) return part;
  chars[0] = first.toUpperCase();
  // Ê Đê / Jrai given names: H'Hen, Y'Moan — the letter after "X'" is capitalised too.
  const second = chars[1];
  const third = chars[2];
  if (second !== undefined && APOSTROPHES.includes(second) && third !== undefined) {
    chars[2] = third.toUpperCase();
  }
  return chars.join('');
}

/**
 * A person's name as it should be stored: tidied, and if it was typed all in capitals
 * or all in lower case, turned into title case ("NGUYỄN VĂN ĐỨC" → "Nguyễn Văn Đức").
 * Mixed case is the officer's choice and is left alone.
 */
export function tidyName(s: string): string {
  const text = tidyText(s);
  const lower = text.toLowerCase();
  if (text !== lower && text !== text.toUpperCase()) return text;
  return lower
    .split(' ')
    .map((word) => word.split('-').map(capitalise).join('-'))
    .join(' ');
}

/**
 * `s` when it has at most `max` UTF-16 units, else its start and "…" in `max` units at most,
 * never cutting a letter written as a surrogate pair in two.
 */
export function cutText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${s.slice(0, end)}…`;
}

/** Only the ASCII digits of s. */
export function digitsOnly(s: string): string {
  return s.replace(/[^0-9]/g, '');
}
