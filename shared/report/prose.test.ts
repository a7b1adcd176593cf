import { describe, expect, it } from 'vitest';
import { DEFAULT_DC01_CATEGORIES } from '../domain/catalogues';
import type { Dc01Figures, ProgressFigures } from '../metrics/metrics';
import type { Dc01Row, ProgressRow, ReportFigures } from './figures';
import type { ReportHeader } from './values';
import {
  dc01OutcomeLines,
  dc01Sentence,
  defaultRecipients,
  defaultSignerTitle,
  lowerFirst,
  progressSentence,
  proseText,
  recipientLines,
  reportDateLine,
  reportProse,
  reportSubject,
  reportSubjectLines,
  suggestedDifficulties,
  suggestedDirections,
  unitLevel,
  vehiclesSentence,
  type Prose,
} from './prose';

const ZERO: ProgressFigures = { target: undefined, received: 0, receivedInPeriod: 0, entered: 0, approved: 0, approvedInPeriod: 0, failed: 0, rate: undefined };

function progress(key: string, label: string, f: Partial<ProgressFigures>): ProgressRow {
  const figures = { ...ZERO, ...f };
  if (figures.target !== undefined && f.rate === undefined) figures.rate = figures.approved / figures.target;
  return { key, label, scope: key, byWeight: key === 'vehicles', unit: 'hội viên', figures };
}

const category = (key: string) => {
  const c = DEFAULT_DC01_CATEGORIES.find((x) => x.key === key);
  if (!c) throw new Error(key);
  return c;
};

function dc01(key: string, f: Partial<Dc01Figures> & { byOutcome?: Record<string, number> }): Dc01Row {
  const c = category(key);
  const byOutcome: Record<string, number> = {};
  for (const o of c.outcomes) byOutcome[o.key] = 0;
  Object.assign(byOutcome, f.byOutcome);
  const done = Object.values(byOutcome).reduce((s, n) => s + n, 0);
  const total = (f.total ?? 0) || done + (f.pending ?? 0) + (f.inProgress ?? 0);
  return {
    key: `dc01:${key}`,
    label: c.label,
    scope: `dc01:${key}`,
    category: c,
    figures: { total, pending: f.pending ?? 0, inProgress: f.inProgress ?? 0, done, doneInPeriod: f.doneInPeriod ?? 0, byOutcome, rate: total ? done / total : undefined },
  };
}

const text = (p: Prose | undefined) => (p === undefined ? undefined : proseText(p));
const figuresOf = (p: Prose) => p.flatMap((r) => (typeof r === 'string' ? [] : [r.figure]));

const HEADER: ReportHeader = {
  unitName: 'Công an xã Vĩnh Hiệp',
  superiorName: 'Công an tỉnh Khánh Hòa',
  placeName: 'Vĩnh Hiệp',
  reportNumber: '05/BC-CAX',
  reportDate: '2026-11-22',
  period: { from: '2026-10-21', to: '2026-11-20' },
};

describe('the header lines', () => {
  it.each([
    ['2025-03-05', 'Vĩnh Hiệp, ngày 05 tháng 3 năm 2025'],
    ['2024-04-19', 'Vĩnh Hiệp, ngày 19 tháng 4 năm 2024'],
    ['2026-02-01', 'Vĩnh Hiệp, ngày 01 tháng 02 năm 2026'],
    ['2026-01-15', 'Vĩnh Hiệp, ngày 15 tháng 01 năm 2026'],
    ['2026-12-20', 'Vĩnh Hiệp, ngày 20 tháng 12 năm 2026'],
  ])('dates %s as "%s" (days < 10 and months 1–2 zero-padded, Nghị định 30)', (iso, line) => {
    expect(reportDateLine('Vĩnh Hiệp', iso)).toBe(line);
  });

  it('leaves the place out when there is none', () => {
    expect(reportDateLine('  ', '2025-03-05')).toBe('ngày 05 tháng 3 năm 2025');
  });

  it('names the period by the month of its end and gives both days', () => {
    expect(reportSubject({ from: '2026-10-21', to: '2026-11-20' })).toBe('Kết quả thực hiện Đề án 06 tháng 11/2026 (từ ngày 21/10/2026 đến ngày 20/11/2026)');
    expect(reportSubjectLines({ from: '2026-10-21', to: '2026-11-20' })).toEqual(['Kết quả thực hiện Đề án 06 tháng 11/2026', '(từ ngày 21/10/2026 đến ngày 20/11/2026)']);
  });

  it.each([
    ['Công an xã Vĩnh Hiệp', 'xã', 'TRƯỞNG CÔNG AN XÃ'],
    ['Công an phường Lộc Thọ', 'phường', 'TRƯỞNG CÔNG AN PHƯỜNG'],
    ['CÔNG AN THỊ TRẤN Tô Hạp', 'thị trấn', 'TRƯỞNG CÔNG AN THỊ TRẤN'],
    ['Công an đặc khu Phú Quốc', 'đặc khu', 'TRƯỞNG CÔNG AN ĐẶC KHU'],
    ['Phường Xuân Hòa', 'phường', 'TRƯỞNG CÔNG AN PHƯỜNG'],
    ['Đội Cảnh sát', 'xã', 'TRƯỞNG CÔNG AN XÃ'],
  ])('%s is a %s unit, signed by the %s', (name, level, title) => {
    expect(unitLevel(name)).toBe(level);
    expect(defaultSignerTitle(name)).toBe(title);
  });

  it('sends the report to the superior unit and the unit’s leaders by default', () => {
    expect(defaultRecipients({ unitName: 'Công an phường Lộc Thọ', superiorName: 'Công an tỉnh Khánh Hòa' })).toEqual([
      'Công an tỉnh Khánh Hòa (để báo cáo)',
      'Lãnh đạo Công an phường (để chỉ đạo)',
    ]);
    expect(defaultRecipients({ unitName: 'Công an xã A', superiorName: '' })).toEqual(['Lãnh đạo Công an xã (để chỉ đạo)']);
  });

  it.each<[string[], string[]]>([
    [['Công an tỉnh Khánh Hòa (để báo cáo)', 'Lãnh đạo Công an xã'], ['- Công an tỉnh Khánh Hòa (để báo cáo);', '- Lãnh đạo Công an xã;', '- Lưu: VT.']],
    [['- Phòng PC06;', '  ', 'Lưu: VT, CAX.'], ['- Phòng PC06;', '- Lưu: VT, CAX.']],
    [['Lưu: VT', 'UBND xã'], ['- UBND xã;', '- Lưu: VT.']],
    [[], ['- Lưu: VT.']],
  ])('prints "Nơi nhận" %j as %j', (input, lines) => {
    expect(recipientLines(input)).toEqual(lines);
  });

  it.each([
    ['Đã cập nhật bổ sung', 'đã cập nhật bổ sung'],
    ['Không có CMND 9 số', 'không có CMND 9 số'],
    ['CMND đã hủy', 'CMND đã hủy'],
    ['Ấp', 'ấp'],
  ])('lowers "%s" into a sentence as "%s"', (label, lowered) => {
    expect(lowerFirst(label)).toBe(lowered);
  });
});

describe('a list’s sentence', () => {
  it.each<[string, ProgressRow, string | undefined]>([
    [
      'the Nha Trang row, with its target and rate (20.818 ÷ 22.966 rounds to 90,65%; the seed truncated it)',
      progress('members:elderly', 'Hội Người cao tuổi', { target: 22966, received: 22264, approved: 20818 }),
      'Hội Người cao tuổi: tổng số 22.966 hội viên; đã cung cấp hồ sơ cho Công an xã 22.264 trường hợp; đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư 20.818 trường hợp, đạt 90,65%.',
    ],
    [
      'no target: no total and no rate',
      progress('members:farmers', 'Hội Nông dân', { received: 2000, approved: 1994, approvedInPeriod: 30 }),
      'Hội Nông dân: đã cung cấp hồ sơ cho Công an xã 2.000 trường hợp; đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư 1.994 trường hợp (trong kỳ 30 trường hợp).',
    ],
    [
      'records waiting and failed are named',
      progress('members:youth', 'Đoàn Thanh niên', { target: 100, received: 60, entered: 5, approved: 50, failed: 2 }),
      'Đoàn Thanh niên: tổng số 100 đoàn viên; đã cung cấp hồ sơ cho Công an xã 60 trường hợp; đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư 50 trường hợp, đạt 50%; đã nhập, đang chờ phê duyệt 5 trường hợp; không cập nhật được 2 trường hợp.',
    ],
    [
      'a target but nothing received yet',
      progress('members:merit', 'Người có công', { target: 555 }),
      'Người có công: tổng số 555 trường hợp; chưa tiếp nhận hồ sơ.',
    ],
    [
      'received, none approved yet',
      progress('members:veterans', 'Hội Cựu chiến binh', { target: 50, received: 7, entered: 7 }),
      'Hội Cựu chiến binh: tổng số 50 hội viên; đã cung cấp hồ sơ cho Công an xã 7 trường hợp; chưa có trường hợp được cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư; đã nhập, đang chờ phê duyệt 7 trường hợp.',
    ],
    ['nothing at all: no sentence', progress('members:women', 'Hội Liên hiệp Phụ nữ', {}), undefined],
    [
      'labour is collected, not handed over',
      progress('labour', 'Thông tin người lao động', { target: 242089, received: 230966, approved: 203797 }),
      'Thông tin người lao động: tổng số 242.089 người; đã thu thập thông tin 230.966 trường hợp; đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư 203.797 trường hợp, đạt 84,18%.',
    ],
  ])('%s', (_, row, sentence) => {
    expect(text(progressSentence(row, 'Công an xã Vĩnh Hiệp'))).toBe(sentence);
  });

  it('names a ward’s own police', () => {
    const row = progress('members:elderly', 'Hội Người cao tuổi', { received: 3, approved: 1 });
    expect(text(progressSentence(row, 'Công an phường Lộc Thọ'))).toContain('cho Công an phường 3 trường hợp');
  });

  it('sets every figure apart, so the page can bold it', () => {
    const row = progress('members:elderly', 'Hội Người cao tuổi', { target: 22966, received: 22264, approved: 20818 });
    expect(figuresOf(progressSentence(row, 'Công an xã Vĩnh Hiệp')!)).toEqual(['22.966', '22.264', '20.818', '90,65%']);
  });
});

describe('the vehicles’ sentence', () => {
  const decl = (f: Partial<ProgressFigures>) => progress('declarations', 'Phương tiện — tờ khai', f);
  const veh = (f: Partial<ProgressFigures>) => progress('vehicles', 'Phương tiện — số xe', f);
  it.each<[string, ProgressRow, ProgressRow, string | undefined]>([
    [
      'declarations and vehicles together, as in Phan Rang',
      decl({ received: 13998, approved: 13000 }),
      veh({ received: 24152, approved: 22000 }),
      'Thông tin phương tiện giao thông: đã tiếp nhận 13.998 tờ khai/24.152 phương tiện; đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư 13.000 tờ khai/22.000 phương tiện.',
    ],
    [
      'a target for the vehicles only',
      decl({ received: 10, approved: 8, approvedInPeriod: 2 }),
      veh({ target: 20, received: 16, approved: 15, approvedInPeriod: 3 }),
      'Thông tin phương tiện giao thông: tổng số 20 phương tiện; đã tiếp nhận 10 tờ khai/16 phương tiện; đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư 8 tờ khai/15 phương tiện (trong kỳ 2 tờ khai/3 phương tiện), đạt 75%.',
    ],
    [
      'both targets: both rates',
      decl({ target: 10, received: 10, approved: 5, failed: 1 }),
      veh({ target: 20, received: 20, approved: 10, failed: 2 }),
      'Thông tin phương tiện giao thông: tổng số 10 tờ khai/20 phương tiện; đã tiếp nhận 10 tờ khai/20 phương tiện; đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư 5 tờ khai/10 phương tiện, đạt 50% số tờ khai và 50% số phương tiện; không cập nhật được 1 tờ khai/2 phương tiện.',
    ],
    ['nothing yet', decl({}), veh({}), undefined],
  ])('%s', (_, d, v, sentence) => {
    expect(text(vehiclesSentence(d, v))).toBe(sentence);
  });
});

describe('a DC01 category’s sentence', () => {
  it.each<[string, Dc01Row, string | undefined]>([
    [
      'the Phan Rang missing-fields line, with what is still open',
      dc01('missing_fields', { byOutcome: { updated: 390, no_info: 5413 }, inProgress: 12, pending: 3 }),
      'Thiếu trường thông tin (tổng số 5.818 trường hợp): Đã cập nhật bổ sung thông tin 390 trường hợp, xác nhận không có thông tin để cập nhật 5.413 trường hợp; đang rà soát 12 trường hợp; chưa xử lý 3 trường hợp.',
    ],
    [
      'an outcome with no cases is left out',
      dc01('missing_cmnd', { byOutcome: { no_cmnd: 4 } }),
      'Thiếu CMND 9 số (tổng số 4 trường hợp): Không có CMND 9 số 4 trường hợp.',
    ],
    [
      'nothing done yet: the clause that comes first is capitalised',
      dc01('prisoner', { inProgress: 17, pending: 2 }),
      'Xác minh phạm nhân (nguồn C10) (tổng số 19 trường hợp): Đang rà soát 17 trường hợp; chưa xử lý 2 trường hợp.',
    ],
    [
      'an outcome the catalogue no longer lists still counts',
      dc01('household_no_head', { byOutcome: { fixed: 1, merged: 2 } }),
      'Hộ không chủ hộ (tổng số 3 trường hợp): Đã khắc phục 1 trường hợp, kết quả khác 2 trường hợp.',
    ],
    ['no cases: no sentence', dc01('wanted', {}), undefined],
  ])('%s', (_, row, sentence) => {
    expect(text(dc01Sentence(row))).toBe(sentence);
  });

  it('breaks the done cases down by outcome for the table', () => {
    expect(dc01OutcomeLines(dc01('missing_cmnd', { byOutcome: { updated: 390, no_cmnd: 12 } }))).toEqual(['Đã cập nhật bổ sung: 390', 'Không có CMND 9 số: 12']);
  });
});

describe('the whole body', () => {
  const figures: ReportFigures = {
    progress: [
      progress('members:elderly', 'Hội Người cao tuổi', { target: 200, received: 150, receivedInPeriod: 40, approved: 120, approvedInPeriod: 30, entered: 10, failed: 3 }),
      progress('members:women', 'Hội Liên hiệp Phụ nữ', {}),
      progress('members:youth', 'Đoàn Thanh niên', {}),
      progress('labour', 'Thông tin người lao động', { received: 20, receivedInPeriod: 20, approved: 5, approvedInPeriod: 5 }),
      progress('declarations', 'Phương tiện — tờ khai', { received: 4, receivedInPeriod: 4 }),
      progress('vehicles', 'Phương tiện — số xe', { received: 6, receivedInPeriod: 6 }),
    ],
    dc01: [dc01('missing_fields', { byOutcome: { updated: 6, no_info: 2 }, doneInPeriod: 5, pending: 2 }), dc01('invalid_id', {})],
  };

  it('drafts every section from the figures', () => {
    const prose = reportProse(figures, HEADER);
    expect(text(prose.opening)).toBe(
      'Thực hiện Đề án “Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030” (Đề án 06), Công an xã Vĩnh Hiệp báo cáo kết quả thực hiện tháng 11/2026 (từ ngày 21/10/2026 đến ngày 20/11/2026) như sau:',
    );
    // in the period: 40 + 20 + 4 declarations received (the vehicles row counts the same declarations again); 30 + 5 approved
    expect(text(prose.progressIntro)).toBe(
      'Trong kỳ báo cáo, Công an xã đã tiếp nhận 64 hồ sơ, cập nhật, phê duyệt 35 trường hợp trên hệ thống CSDLQG về dân cư. Tính đến ngày 20/11/2026, kết quả cụ thể như sau:',
    );
    expect(prose.progressItems.map(text)).toEqual([
      'Hội Người cao tuổi: tổng số 200 hội viên; đã cung cấp hồ sơ cho Công an xã 150 trường hợp; đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư 120 trường hợp (trong kỳ 30 trường hợp), đạt 60%; đã nhập, đang chờ phê duyệt 10 trường hợp; không cập nhật được 3 trường hợp.',
      'Thông tin người lao động: đã thu thập thông tin 20 trường hợp; đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư 5 trường hợp (trong kỳ 5 trường hợp).',
      'Thông tin phương tiện giao thông: đã tiếp nhận 4 tờ khai/6 phương tiện; chưa có tờ khai được cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư.',
      'Hội Liên hiệp Phụ nữ, Đoàn Thanh niên: chưa tiếp nhận hồ sơ.',
    ]);
    expect(text(prose.dc01Intro)).toBe(
      'Tính đến ngày 20/11/2026, Công an xã được giao rà soát, làm sạch 10 trường hợp tại phân hệ DC01 mở rộng; đã xử lý xong 8 trường hợp (trong kỳ 5 trường hợp), đạt 80%. Cụ thể:',
    );
    expect(prose.dc01Items.map(text)).toEqual([
      'Thiếu trường thông tin (tổng số 10 trường hợp): Đã cập nhật bổ sung thông tin 6 trường hợp, xác nhận không có thông tin để cập nhật 2 trường hợp; chưa xử lý 2 trường hợp.',
    ]);
    expect(text(prose.closing)).toBe('Trên đây là báo cáo kết quả thực hiện Đề án 06 tháng 11/2026 của Công an xã Vĩnh Hiệp, kính báo cáo Công an tỉnh Khánh Hòa theo dõi, chỉ đạo./.');
  });

  it('says so when nothing happened', () => {
    const empty: ReportFigures = { progress: figures.progress.map((r) => ({ ...r, figures: ZERO })), dc01: [dc01('invalid_id', {})] };
    const prose = reportProse(empty, { ...HEADER, unitName: 'Công an phường Lộc Thọ', superiorName: '' });
    expect(text(prose.progressIntro)).toBe('Trong kỳ báo cáo, Công an phường chưa tiếp nhận thêm hồ sơ mới. Tính đến ngày 20/11/2026, kết quả cụ thể như sau:');
    expect(prose.progressItems.map(text)).toEqual([
      'Hội Người cao tuổi, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên, Thông tin người lao động, Thông tin phương tiện giao thông: chưa tiếp nhận hồ sơ.',
    ]);
    expect(text(prose.dc01Intro)).toBe('Tính đến ngày 20/11/2026, Công an phường chưa được giao trường hợp cần rà soát, làm sạch tại phân hệ DC01 mở rộng.');
    expect(prose.dc01Items).toEqual([]);
    expect(text(prose.closing)).toBe('Trên đây là báo cáo kết quả thực hiện Đề án 06 tháng 11/2026 của Công an phường Lộc Thọ./.');
    expect(suggestedDifficulties(empty)).toBe('Không.');
    expect(suggestedDirections(empty)).toContain('- Thường xuyên rà soát, làm sạch dữ liệu dân cư');
  });

  it('drafts the difficulties and directions from what is still open', () => {
    expect(suggestedDifficulties(figures).split('\n')).toEqual([
      '- Còn 3 trường hợp không cập nhật được trên hệ thống CSDLQG về dân cư, cần tiếp tục xác minh, điều chỉnh thông tin.',
      '- Còn 10 trường hợp đã nhập nhưng chưa được phê duyệt trên hệ thống CSDLQG về dân cư.',
      '- Còn 2 trường hợp tại phân hệ DC01 mở rộng chưa xử lý xong.',
    ]);
    const directions = suggestedDirections(figures).split('\n');
    expect(directions).toHaveLength(3);
    expect(directions[0]).toContain('phấn đấu hoàn thành chỉ tiêu được giao (Hội Người cao tuổi còn 80 trường hợp).');
    expect(directions[2]).toBe('- Tập trung rà soát, xử lý dứt điểm 2 trường hợp còn lại tại phân hệ DC01 mở rộng, bảo đảm dữ liệu dân cư “đúng, đủ, sạch, sống”.');
  });
});
