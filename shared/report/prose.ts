/**
 * The words of the printed report (BÁO CÁO), drafted from its figures in the
 * style of the reports the product copies (reference/reports: Phan Rang §2.2–2.4,
 * Nha Trang §7.7): "Hội Người cao tuổi: tổng số 22.966 hội viên; …, đạt 90,64%."
 * and "Thiếu trường thông tin (…): Đã cập nhật bổ sung thông tin 390 trường hợp,
 * xác nhận không có thông tin để cập nhật 5.413 trường hợp; …".
 *
 * A paragraph is a list of runs; the figures are runs of their own so the page
 * can set them in bold, as the seeds do. `proseText` gives the plain text.
 */
import { formatDay } from '../dates/partial-date';
import { formatCount, formatRate } from '../format/numbers';
import { periodMonthLabel, type Period } from '../settings/period';
import type { Dc01Row, ProgressRow, ReportFigures } from './figures';
import type { ReportHeader } from './values';

/** Plain text, or a figure (a count or a rate) to set in bold. */
export type ProseRun = string | { readonly figure: string };
export type Prose = readonly ProseRun[];

export function proseText(prose: Prose): string {
  return prose.map((r) => (typeof r === 'string' ? r : r.figure)).join('');
}

const count = (n: number): ProseRun => ({ figure: formatCount(n) });
const rate = (r: number): ProseRun => ({ figure: formatRate(r) });

/** Joins run lists with a separator between them. */
function joinProse(parts: readonly Prose[], separator: string): ProseRun[] {
  const out: ProseRun[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(separator);
    out.push(...p);
  });
  return out;
}

/** Upper-cases the first letter of the first text run (after a colon the seeds start a clause with a capital). */
function capitalised(prose: Prose): ProseRun[] {
  const [first, ...rest] = prose;
  if (typeof first !== 'string' || first === '') return [...prose];
  return [first.charAt(0).toLocaleUpperCase('vi-VN') + first.slice(1), ...rest];
}

/**
 * A catalogue label inside a sentence: "Đã cập nhật bổ sung" → "đã cập nhật
 * bổ sung", but "CMND 9 số …" keeps its capitals.
 */
export function lowerFirst(label: string): string {
  const firstWord = label.split(/\s/, 1)[0] ?? '';
  if (firstWord.length > 1 && firstWord === firstWord.toLocaleUpperCase('vi-VN')) return label;
  return label.charAt(0).toLocaleLowerCase('vi-VN') + label.slice(1);
}

// ---------------------------------------------------------------- the unit's level and the header

export type UnitLevel = 'xã' | 'phường' | 'thị trấn' | 'đặc khu';

/** The level word of a unit's name: "Công an phường Lộc Thọ" → 'phường'; 'xã' when the name does not say. */
export function unitLevel(unitName: string): UnitLevel {
  const name = unitName.normalize('NFC').toLocaleLowerCase('vi-VN').replace(/\s+/g, ' ').trim();
  const afterPolice = name.startsWith('công an ') ? name.slice('công an '.length) : name;
  for (const level of ['thị trấn', 'phường', 'đặc khu', 'xã'] as const) {
    if (afterPolice.startsWith(`${level} `) || afterPolice === level) return level;
  }
  return 'xã';
}

/** "Công an xã" / "Công an phường": how the report calls its own unit in a sentence. */
export function unitShortName(unitName: string): string {
  return `Công an ${unitLevel(unitName)}`;
}

/** "TRƯỞNG CÔNG AN XÃ" — the signer's title by default. */
export function defaultSignerTitle(unitName: string): string {
  return `Trưởng ${unitShortName(unitName)}`.toLocaleUpperCase('vi-VN');
}

/** "Nơi nhận" by default: the superior unit, then the unit's own leaders ("- Lưu: VT." is added when printed). */
export function defaultRecipients(unit: { unitName: string; superiorName: string }): string[] {
  const superior = unit.superiorName.trim();
  return [...(superior ? [`${superior} (để báo cáo)`] : []), `Lãnh đạo ${unitShortName(unit.unitName)} (để chỉ đạo)`];
}

/**
 * The "Nơi nhận" lines as printed: each starts with "-", all but the last end
 * with ";", and the list ends with "- Lưu: VT." (unless the officer wrote a
 * "Lưu" line of their own, which then comes last as written).
 */
export function recipientLines(recipients: readonly string[]): string[] {
  const cleaned = recipients.map((r) => r.trim().replace(/^[-–+•]\s*/, '').replace(/[;,.]+$/, '').trim()).filter(Boolean);
  const archive = cleaned.filter((r) => /^lưu\b/iu.test(r));
  const others = cleaned.filter((r) => !/^lưu\b/iu.test(r));
  const last = archive.at(-1) ?? 'Lưu: VT';
  return [...others.map((r) => `- ${r};`), `- ${last}.`];
}

/**
 * "Vĩnh Hiệp, ngày 05 tháng 3 năm 2025". Nghị định 30/2020 (Phụ lục I): days
 * below 10 and the months 1 and 2 are written with a leading zero — so
 * "ngày 05 tháng 02", but "tháng 3", "tháng 12".
 */
export function reportDateLine(placeName: string, isoDate: string): string {
  const [y = '', m = '', d = ''] = isoDate.split('-');
  const day = Number(d);
  const month = Number(m);
  const dd = String(day).padStart(2, '0');
  const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
  const place = placeName.trim();
  return `${place ? `${place}, ` : ''}ngày ${dd} tháng ${mm} năm ${y}`;
}

/** The subject as printed, on two lines: "Kết quả thực hiện Đề án 06 tháng 11/2026", "(từ ngày 21/10/2026 đến ngày 20/11/2026)". */
export function reportSubjectLines(period: Period): [string, string] {
  return [`Kết quả thực hiện Đề án 06 ${periodMonthLabel(period)}`, `(từ ngày ${formatDay(period.from)} đến ngày ${formatDay(period.to)})`];
}

/** "Kết quả thực hiện Đề án 06 tháng 11/2026 (từ ngày 21/10/2026 đến ngày 20/11/2026)" */
export function reportSubject(period: Period): string {
  return reportSubjectLines(period).join(' ');
}

// ---------------------------------------------------------------- labels in the tables

/** A progress row's name in the printed tables. */
export function progressRowTitle(row: ProgressRow): string {
  if (row.key === 'declarations') return 'Phương tiện giao thông đường bộ (tờ khai)';
  if (row.key === 'vehicles') return 'Phương tiện giao thông đường bộ (số phương tiện)';
  return row.label;
}

/** "Đã cập nhật bổ sung: 390" lines for a DC01 row's outcomes that happened. */
export function dc01OutcomeLines(row: Dc01Row): string[] {
  return dc01Outcomes(row).map((o) => `${o.label}: ${formatCount(o.count)}`);
}

/** The category's outcomes with cases, in catalogue order, then any outcome the catalogue no longer lists. */
function dc01Outcomes(row: Dc01Row): { label: string; count: number }[] {
  const known = new Set(row.category.outcomes.map((o) => o.key));
  const listed = row.category.outcomes.map((o) => ({ label: o.label, count: row.figures.byOutcome[o.key] ?? 0 }));
  const other = Object.entries(row.figures.byOutcome)
    .filter(([key]) => !known.has(key))
    .reduce((sum, [, n]) => sum + n, 0);
  return [...listed, { label: 'Kết quả khác', count: other }].filter((o) => o.count > 0);
}

// ---------------------------------------------------------------- the sentences

/** What the members' targets count: "hội viên" for an association, "đoàn viên" for the Youth Union, else "trường hợp". */
function memberNoun(label: string): string {
  const l = label.trim().toLocaleLowerCase('vi-VN');
  if (l.startsWith('hội ')) return 'hội viên';
  if (l.startsWith('đoàn ')) return 'đoàn viên';
  return 'trường hợp';
}

const SYSTEM = 'trên hệ thống CSDLQG về dân cư';

/**
 * One list's sentence (members or labour): "Hội Người cao tuổi: tổng số 22.966
 * hội viên; đã cung cấp hồ sơ cho Công an xã 22.264 trường hợp; đã cập nhật,
 * phê duyệt trên hệ thống CSDLQG về dân cư 20.818 trường hợp, đạt 90,64%."
 * Parts without a figure are left out. Undefined when nothing was received and
 * no target was set (the caller names such lists together).
 */
export function progressSentence(row: ProgressRow, unitName: string): Prose | undefined {
  const f = row.figures;
  const isLabour = row.key === 'labour';
  const noun = isLabour ? 'người' : memberNoun(row.label);
  const clauses: Prose[] = [];
  if (f.target !== undefined) clauses.push(['tổng số ', count(f.target), ` ${noun}`]);
  if (f.received === 0) {
    if (f.target === undefined) return undefined;
    clauses.push(['chưa tiếp nhận hồ sơ']);
    return [`${row.label}: `, ...joinProse(clauses, '; '), '.'];
  }
  clauses.push(
    isLabour
      ? ['đã thu thập thông tin ', count(f.received), ' trường hợp']
      : [`đã cung cấp hồ sơ cho ${unitShortName(unitName)} `, count(f.received), ' trường hợp'],
  );
  if (f.approved === 0) {
    clauses.push([`chưa có trường hợp được cập nhật, phê duyệt ${SYSTEM}`]);
  } else {
    const approved: ProseRun[] = [`đã cập nhật, phê duyệt ${SYSTEM} `, count(f.approved), ' trường hợp'];
    if (f.approvedInPeriod > 0) approved.push(' (trong kỳ ', count(f.approvedInPeriod), ' trường hợp)');
    if (f.rate !== undefined) approved.push(', đạt ', rate(f.rate));
    clauses.push(approved);
  }
  if (f.entered > 0) clauses.push(['đã nhập, đang chờ phê duyệt ', count(f.entered), ' trường hợp']);
  if (f.failed > 0) clauses.push(['không cập nhật được ', count(f.failed), ' trường hợp']);
  return [`${row.label}: `, ...joinProse(clauses, '; '), '.'];
}

/** "13.998 tờ khai/24.152 phương tiện", or one of the two when the other is missing. */
function pair(declarations: number | undefined, vehicles: number | undefined): ProseRun[] {
  const out: ProseRun[] = [];
  if (declarations !== undefined) out.push(count(declarations), ' tờ khai');
  if (declarations !== undefined && vehicles !== undefined) out.push('/');
  if (vehicles !== undefined) out.push(count(vehicles), ' phương tiện');
  return out;
}

/**
 * The vehicles' sentence, declarations and vehicles together: "Thông tin
 * phương tiện giao thông: đã tiếp nhận 13.998 tờ khai/24.152 phương tiện; …".
 */
export function vehiclesSentence(declarations: ProgressRow | undefined, vehicles: ProgressRow | undefined): Prose | undefined {
  const d = declarations?.figures;
  const v = vehicles?.figures;
  if (!d && !v) return undefined;
  const label = 'Thông tin phương tiện giao thông: ';
  const clauses: Prose[] = [];
  if (d?.target !== undefined || v?.target !== undefined) clauses.push(['tổng số ', ...pair(d?.target, v?.target)]);
  const received = (d?.received ?? 0) + (v?.received ?? 0);
  if (received === 0) {
    if (clauses.length === 0) return undefined;
    clauses.push(['chưa tiếp nhận tờ khai']);
    return [label, ...joinProse(clauses, '; '), '.'];
  }
  clauses.push(['đã tiếp nhận ', ...pair(d?.received, v?.received)]);
  if ((d?.approved ?? 0) + (v?.approved ?? 0) === 0) {
    clauses.push([`chưa có tờ khai được cập nhật, phê duyệt ${SYSTEM}`]);
  } else {
    const approved: ProseRun[] = [`đã cập nhật, phê duyệt ${SYSTEM} `, ...pair(d?.approved, v?.approved)];
    if ((d?.approvedInPeriod ?? 0) + (v?.approvedInPeriod ?? 0) > 0) approved.push(' (trong kỳ ', ...pair(d?.approvedInPeriod, v?.approvedInPeriod), ')');
    if (d?.rate !== undefined && v?.rate !== undefined) approved.push(', đạt ', rate(d.rate), ' số tờ khai và ', rate(v.rate), ' số phương tiện');
    else if (d?.rate !== undefined) approved.push(', đạt ', rate(d.rate));
    else if (v?.rate !== undefined) approved.push(', đạt ', rate(v.rate));
    clauses.push(approved);
  }
  if ((d?.entered ?? 0) + (v?.entered ?? 0) > 0) clauses.push(['đã nhập, đang chờ phê duyệt ', ...pair(d?.entered, v?.entered)]);
  if ((d?.failed ?? 0) + (v?.failed ?? 0) > 0) clauses.push(['không cập nhật được ', ...pair(d?.failed, v?.failed)]);
  return [label, ...joinProse(clauses, '; '), '.'];
}

/**
 * One DC01 category's sentence, its outcome labels lower-cased into it:
 * "Thiếu trường thông tin (tổng số 5.818 trường hợp): Đã cập nhật bổ sung
 * thông tin 390 trường hợp, xác nhận không có thông tin để cập nhật 5.413
 * trường hợp; đang rà soát 12 trường hợp; chưa xử lý 3 trường hợp."
 * Undefined for a category with no cases.
 */
export function dc01Sentence(row: Dc01Row): Prose | undefined {
  const f = row.figures;
  if (f.total === 0) return undefined;
  const clauses: Prose[] = [];
  const outcomes = dc01Outcomes(row);
  if (outcomes.length > 0) {
    clauses.push(joinProse(outcomes.map((o) => [`${lowerFirst(o.label)} `, count(o.count), ' trường hợp']), ', '));
  }
  if (f.inProgress > 0) clauses.push(['đang rà soát ', count(f.inProgress), ' trường hợp']);
  if (f.pending > 0) clauses.push(['chưa xử lý ', count(f.pending), ' trường hợp']);
  return [`${row.label} (tổng số `, count(f.total), ' trường hợp): ', ...capitalised(joinProse(clauses, '; ')), '.'];
}

// ---------------------------------------------------------------- the whole body

export type ReportProse = {
  /** "Thực hiện Đề án …, Công an xã … báo cáo kết quả … như sau:" */
  opening: Prose;
  /** section 1's lead paragraph */
  progressIntro: Prose;
  /** section 1's "- …" lines */
  progressItems: Prose[];
  /** section 2's lead paragraph */
  dc01Intro: Prose;
  /** section 2's "- …" lines, one per category with cases */
  dc01Items: Prose[];
  /** "Trên đây là báo cáo …/." */
  closing: Prose;
};

/** The figures' rows that count records (the vehicles row counts the same declarations again, by vehicle). */
function recordRows(figures: ReportFigures): ProgressRow[] {
  return figures.progress.filter((r) => r.key !== 'vehicles');
}

export function reportProse(figures: ReportFigures, header: ReportHeader): ReportProse {
  const { period, unitName } = header;
  const until = formatDay(period.to);
  const month = periodMonthLabel(period);
  const range = `từ ngày ${formatDay(period.from)} đến ngày ${until}`;
  const self = unitShortName(unitName);

  const opening: Prose = [
    'Thực hiện Đề án “Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030” (Đề án 06), ',
    `${unitName} báo cáo kết quả thực hiện ${month} (${range}) như sau:`,
  ];

  // Section 1: members, labour, vehicles.
  const rows = recordRows(figures);
  const receivedInPeriod = rows.reduce((s, r) => s + r.figures.receivedInPeriod, 0);
  const approvedInPeriod = rows.reduce((s, r) => s + r.figures.approvedInPeriod, 0);
  const progressIntro: Prose =
    receivedInPeriod + approvedInPeriod > 0
      ? [
          `Trong kỳ báo cáo, ${self} đã tiếp nhận `,
          count(receivedInPeriod),
          ' hồ sơ, cập nhật, phê duyệt ',
          count(approvedInPeriod),
          ` trường hợp ${SYSTEM}. Tính đến ngày ${until}, kết quả cụ thể như sau:`,
        ]
      : [`Trong kỳ báo cáo, ${self} chưa tiếp nhận thêm hồ sơ mới. Tính đến ngày ${until}, kết quả cụ thể như sau:`];
  const progressItems: Prose[] = [];
  const notStarted: string[] = [];
  for (const row of figures.progress) {
    if (row.key === 'declarations' || row.key === 'vehicles') continue;
    const sentence = progressSentence(row, unitName);
    if (sentence) progressItems.push(sentence);
    else notStarted.push(row.label);
  }
  const vehicles = vehiclesSentence(
    figures.progress.find((r) => r.key === 'declarations'),
    figures.progress.find((r) => r.key === 'vehicles'),
  );
  if (vehicles) progressItems.push(vehicles);
  else if (figures.progress.some((r) => r.key === 'declarations' || r.key === 'vehicles')) notStarted.push('Thông tin phương tiện giao thông');
  if (notStarted.length > 0) progressItems.push([`${notStarted.join(', ')}: chưa tiếp nhận hồ sơ.`]);

  // Section 2: DC01.
  const total = figures.dc01.reduce((s, r) => s + r.figures.total, 0);
  const done = figures.dc01.reduce((s, r) => s + r.figures.done, 0);
  const doneInPeriod = figures.dc01.reduce((s, r) => s + r.figures.doneInPeriod, 0);
  let dc01Intro: Prose;
  if (total === 0) {
    dc01Intro = [`Tính đến ngày ${until}, ${self} chưa được giao trường hợp cần rà soát, làm sạch tại phân hệ DC01 mở rộng.`];
  } else {
    const intro: ProseRun[] = [`Tính đến ngày ${until}, ${self} được giao rà soát, làm sạch `, count(total), ' trường hợp tại phân hệ DC01 mở rộng; đã xử lý xong ', count(done), ' trường hợp'];
    if (doneInPeriod > 0) intro.push(' (trong kỳ ', count(doneInPeriod), ' trường hợp)');
    intro.push(', đạt ', rate(done / total), '. Cụ thể:');
    dc01Intro = intro;
  }
  const dc01Items = figures.dc01.map(dc01Sentence).filter((p): p is Prose => p !== undefined);

  const superior = header.superiorName.trim();
  const closing: Prose = [
    `Trên đây là báo cáo kết quả thực hiện Đề án 06 ${month} của ${unitName}`,
    superior ? `, kính báo cáo ${superior} theo dõi, chỉ đạo./.` : './.',
  ];
  return { opening, progressIntro, progressItems, dc01Intro, dc01Items, closing };
}

// ---------------------------------------------------------------- the free-text sections' first drafts

/** Lists with a target whose approved records fall short of it, with what remains. */
function shortfalls(figures: ReportFigures): { label: string; remaining: number }[] {
  return recordRows(figures)
    .filter((r) => r.key !== 'declarations')
    .flatMap((r) => {
      const { target, approved } = r.figures;
      return target !== undefined && approved < target ? [{ label: r.label, remaining: target - approved }] : [];
    });
}

/**
 * A first draft of "Khó khăn, vướng mắc" from the figures, one item per line
 * ("- …"); "Không." when the figures show none. The officer rewrites it.
 */
export function suggestedDifficulties(figures: ReportFigures): string {
  const lines: string[] = [];
  const failed = recordRows(figures).reduce((s, r) => s + r.figures.failed, 0);
  if (failed > 0) {
    lines.push(`- Còn ${formatCount(failed)} trường hợp không cập nhật được ${SYSTEM}, cần tiếp tục xác minh, điều chỉnh thông tin.`);
  }
  const waiting = recordRows(figures).reduce((s, r) => s + r.figures.entered, 0);
  if (waiting > 0) lines.push(`- Còn ${formatCount(waiting)} trường hợp đã nhập nhưng chưa được phê duyệt ${SYSTEM}.`);
  const open = figures.dc01.reduce((s, r) => s + r.figures.pending + r.figures.inProgress, 0);
  if (open > 0) lines.push(`- Còn ${formatCount(open)} trường hợp tại phân hệ DC01 mở rộng chưa xử lý xong.`);
  return lines.length > 0 ? lines.join('\n') : 'Không.';
}

/** A first draft of "Phương hướng, nhiệm vụ thời gian tới" from the figures, one item per line. */
export function suggestedDirections(figures: ReportFigures): string {
  const lines: string[] = [];
  const short = shortfalls(figures);
  const remaining = short.length > 0 ? ` (${short.map((s) => `${s.label} còn ${formatCount(s.remaining)} trường hợp`).join('; ')})` : '';
  lines.push(
    `- Tiếp tục phối hợp với các hội, đoàn thể thu thập, cập nhật thông tin hội viên, người lao động ${SYSTEM}, phấn đấu hoàn thành chỉ tiêu được giao${remaining}.`,
  );
  lines.push('- Đẩy nhanh tiến độ tiếp nhận tờ khai, cập nhật, bổ sung số định danh cá nhân của chủ phương tiện giao thông.');
  const open = figures.dc01.reduce((s, r) => s + r.figures.pending + r.figures.inProgress, 0);
  lines.push(
    open > 0
      ? `- Tập trung rà soát, xử lý dứt điểm ${formatCount(open)} trường hợp còn lại tại phân hệ DC01 mở rộng, bảo đảm dữ liệu dân cư “đúng, đủ, sạch, sống”.`
      : '- Thường xuyên rà soát, làm sạch dữ liệu dân cư, bảo đảm dữ liệu “đúng, đủ, sạch, sống”.',
  );
  return lines.join('\n');
}
