import { err, ok, type Result } from '../../../shared/result';
import { searchKey, tidyText } from '../../../shared/text/normalize';

/** One hamlet per line; blank lines ignored; the same name twice is an error. */
export function parseHamletLines(text: string): Result<string[], 'duplicate' | 'too_long'> {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const name = tidyText(line);
    if (!name) continue;
    if (name.length > 100) return err('too_long', `Tên quá dài: "${name.slice(0, 30)}…"`);
    const key = searchKey(name);
    if (seen.has(key)) return err('duplicate', `"${name}" bị nhập hai lần.`);
    seen.add(key);
    names.push(name);
  }
  return ok(names);
}
