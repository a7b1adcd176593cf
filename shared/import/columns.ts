/**
 * Column mapping: which target field each column of the detected header feeds.
 * Proposed from header synonyms (accent- and case-insensitive); the officer confirms or
 * changes it, and a confirmed mapping is remembered under the header's signature so the
 * next file with the same headers maps itself.
 */
import type { FamilyKey } from '../domain/types';
import { FAMILY_FIELDS, FIELD_LABELS, fieldScore, headerKey, sexWord, type ImportField } from './fields';
import type { HeaderColumn } from './header';

export type ColumnMapping = {
  readonly index: number;
  readonly header: string;
  /** null: the column is not imported */
  readonly field: ImportField | null;
  /** 0–1: 1 for an exact synonym or a remembered mapping */
  readonly confidence: number;
};

export type MappingProposal = {
  readonly signature: string;
  readonly columns: readonly ColumnMapping[];
  /** 'remembered' when a saved mapping for the same signature was applied */
  readonly source: 'synonyms' | 'remembered';
  /** the lowest confidence among mapped columns (1 when remembered, 0 when nothing mapped) */
  readonly confidence: number;
};

/** What the app stores after the officer confirms a mapping. */
export type SavedMapping = { readonly signature: string; readonly fields: readonly (ImportField | null)[] };

/** Columns mapped below this are proposed but flagged for the officer to check. */
export const LOW_CONFIDENCE = 0.75;

/**
 * A stable key of a header layout: each column's parts in headerKey form, joined.
 * Case, tone marks, spacing and punctuation do not change it; trailing empty columns
 * are ignored.
 */
export function headerSignature(columns: readonly Pick<HeaderColumn, 'parts'>[]): string {
  const keys = columns.map((c) => c.parts.map(headerKey).filter((k) => k !== '').join('/'));
  while (keys.length > 0 && keys[keys.length - 1] === '') keys.pop();
  return keys.join('|');
}

const BIRTH_PARENT: readonly ImportField[] = ['birthDate'];

/** Scores for one column: parent "Năm sinh" / "Giới tính" over a "Nam" or "Nữ" child first. */
function columnScores(column: HeaderColumn, fields: readonly ImportField[]): Map<ImportField, number> {
  const scores = new Map<ImportField, number>();
  const keys = column.parts.map(headerKey);
  const child = keys.length > 1 ? keys[keys.length - 1] : keys[0];
  const parent = keys.length > 1 ? keys[0] : undefined;
  const sex = child === undefined ? undefined : sexWord(child);
  if (sex !== undefined) {
    const underBirth = parent !== undefined && BIRTH_PARENT.some((f) => fieldScore(parent, f) >= 0.7);
    const underSex = parent !== undefined && fieldScore(parent, 'sex') >= 0.7;
    if (underBirth) scores.set(sex === 'male' ? 'birthYearMale' : 'birthYearFemale', 0.95);
    else if (underSex) scores.set(sex === 'male' ? 'sexMale' : 'sexFemale', 0.95);
    // "Nam" / "Nữ" alone: most lists mean the year of birth written in that column.
    else scores.set(sex === 'male' ? 'birthYearMale' : 'birthYearFemale', 0.6);
  }
  for (const field of fields) {
    // The child names the column more precisely; the full text and the parent are tried too.
    const score = Math.max(
      ...keys.map((k, i) => fieldScore(k, field) * (i === keys.length - 1 ? 1 : 0.9)),
      fieldScore(keys.join(' '), field) * 0.95,
    );
    if (score > (scores.get(field) ?? 0)) scores.set(field, score);
  }
  for (const field of scores.keys()) if (!fields.includes(field)) scores.delete(field);
  return scores;
}

/**
 * The proposed mapping for a header: each field to at most one column, each column to at
 * most one field, best scores first (ties: leftmost column). A saved mapping with the same
 * signature and width wins outright.
 */
export function proposeMapping(
  columns: readonly HeaderColumn[],
  family: FamilyKey,
  saved?: SavedMapping,
): MappingProposal {
  const signature = headerSignature(columns);
  if (saved !== undefined && saved.signature === signature) {
    return {
      signature,
      source: 'remembered',
      confidence: 1,
      columns: columns.map((c) => ({ index: c.index, header: c.text, field: saved.fields[c.index] ?? null, confidence: 1 })),
    };
  }
  const fields = FAMILY_FIELDS[family];
  const candidates: { column: number; field: ImportField; score: number }[] = [];
  columns.forEach((column, position) => {
    for (const [field, score] of columnScores(column, fields)) candidates.push({ column: position, field, score });
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const chosen = new Map<number, { field: ImportField; score: number }>();
  const used = new Set<ImportField>();
  for (const c of candidates) {
    if (chosen.has(c.column) || used.has(c.field)) continue;
    chosen.set(c.column, { field: c.field, score: c.score });
    used.add(c.field);
  }
  const mapped = columns.map((c, position) => {
    const pick = chosen.get(position);
    return { index: c.index, header: c.text, field: pick?.field ?? null, confidence: pick?.score ?? 0 };
  });
  const scores = mapped.filter((m) => m.field !== null).map((m) => m.confidence);
  return { signature, source: 'synonyms', columns: mapped, confidence: scores.length > 0 ? Math.min(...scores) : 0 };
}

/** The mapping the officer confirmed, to store for the next file with this signature. */
export function saveMapping(proposal: Pick<MappingProposal, 'signature' | 'columns'>): SavedMapping {
  const width = Math.max(0, ...proposal.columns.map((c) => c.index + 1));
  const fields: (ImportField | null)[] = Array.from({ length: width }, () => null);
  for (const c of proposal.columns) fields[c.index] = c.field;
  return { signature: proposal.signature, fields };
}

/** The field → column index lookup of a mapping. */
export function fieldColumns(columns: readonly ColumnMapping[]): ReadonlyMap<ImportField, number> {
  const map = new Map<ImportField, number>();
  for (const c of columns) if (c.field !== null && !map.has(c.field)) map.set(c.field, c.index);
  return map;
}

/**
 * What must be fixed before importing with this mapping, in Vietnamese: a field mapped
 * twice, a field that does not belong to the family, a required column missing.
 */
export function mappingProblems(columns: readonly ColumnMapping[], family: FamilyKey): string[] {
  const problems: string[] = [];
  const seen = new Map<ImportField, string>();
  const allowed = FAMILY_FIELDS[family];
  for (const c of columns) {
    if (c.field === null) continue;
    const label = FIELD_LABELS[c.field];
    if (!allowed.includes(c.field)) problems.push(`Cột "${c.header}": "${label}" không dùng cho danh sách này.`);
    const first = seen.get(c.field);
    if (first !== undefined) problems.push(`Cột "${first}" và cột "${c.header}" cùng được gán "${label}".`);
    else seen.set(c.field, c.header);
  }
  const has = (f: ImportField): boolean => seen.has(f);
  if (!has('fullName')) problems.push('Chưa có cột "Họ và tên".');
  if (has('birthYearMale') !== has('birthYearFemale')) {
    problems.push('Năm sinh chia hai cột Nam/Nữ: cần gán cả hai cột.');
  }
  if ((family === 'labour' || family === 'vehicles') && !has('personalId') && !has('idAny')) {
    problems.push('Chưa có cột "Số định danh cá nhân" (bắt buộc với danh sách này).');
  }
  if (family === 'vehicles' && !has('plate') && !has('frameNo')) {
    problems.push('Chưa có cột "Biển số" (hoặc "Số khung").');
  }
  return problems;
}
