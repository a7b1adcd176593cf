import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { personalIdFor, setUpUnit, testServices, type RecordingApi } from '../../../testing/fixtures';
import { renderSignedIn } from '../../../testing/render';
import type { AppServices } from '../../../context/services';
import type { Officer } from '../../../../shared/domain/types';
import { ok } from '../../../../shared/result';
import { PrintReportPage } from './PrintReportPage';

let services: AppServices & { api: RecordingApi };
let officer: Officer;

// The clock reads 2026-11-22; cut-off day 20, so the current period runs 21/11/2026 – 20/12/2026.
const PERIOD = { from: '2026-11-21', to: '2026-12-20' };

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

const member = async (fullName: string, serial: number) => {
  const r = await services.repos.members.create(
    { listKey: 'elderly', memberKind: 'individual', idFlagged: false, fullName, birthDate: '1950', sex: 'male', personalId: personalIdFor(1950, 'male', serial), oldId: '', phone: '', hamletId: '', address: '', note: '' },
    officer.id,
  );
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

const dc01Case = async (serial: number) => {
  const r = await services.repos.dc01.create(
    { categoryKey: 'missing_fields', fullName: `Người ${serial}`, birthDate: '', sex: '', personalId: personalIdFor(1960, 'male', serial), oldId: '', phone: '', hamletId: '', address: '', note: '', householdNo: '', receivedDate: '2026-11-22', source: 'Công an tỉnh giao', assigneeId: officer.id, idFlagged: false },
    officer.id,
  );
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

async function seed() {
  const a = await member('Nguyễn Văn An', 1);
  const b = await member('Trần Văn Bình', 2);
  await member('Lê Văn Cường', 3);
  await services.repos.members.setStatus([a.id, b.id], { status: 'entered', date: '2026-11-22' }, officer.id);
  await services.repos.members.setStatus([a.id], { status: 'approved', date: '2026-11-22' }, officer.id);
  await services.repos.targets.set('members:elderly', PERIOD, 10, officer.id);
  const one = await dc01Case(1);
  const two = await dc01Case(2);
  await dc01Case(3);
  await services.repos.dc01.setState([one.id], { state: 'done', outcomeKey: 'updated', date: '2026-11-22' }, officer.id);
  await services.repos.dc01.setState([two.id], { state: 'done', outcomeKey: 'no_info', date: '2026-11-22' }, officer.id);
}

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
/** The document's paragraph that starts with `start`. */
const paragraph = (doc: HTMLElement, start: string) => within(doc).getByText((_, el) => el?.tagName === 'P' && (el.textContent ?? '').startsWith(start));

describe('the printed report', () => {
  it('lays out the header blocks, the tables and the prose from the period’s figures', async () => {
    await seed();
    renderSignedIn(<PrintReportPage periodTo={PERIOD.to} />, services, officer);
    const doc = await screen.findByRole('article', { name: 'Báo cáo' });

    // Nghị định 30 header: agency left, nation right, number and place/date aligned under them
    expect(within(doc).getByText('CÔNG AN TỈNH KHÁNH HÒA')).toHaveClass('rp-superior');
    expect(within(doc).getByText('CÔNG AN XÃ VĨNH HIỆP')).toHaveClass('rp-unit');
    expect(within(doc).getByText(/^Số:\s+\/BC-CAX$/)).toBeInTheDocument();
    expect(within(doc).getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeInTheDocument();
    expect(within(doc).getByText('Độc lập - Tự do - Hạnh phúc')).toBeInTheDocument();
    expect(within(doc).getByText('Vĩnh Hiệp, ngày 22 tháng 11 năm 2026')).toHaveClass('rp-date');
    expect(within(doc).getByRole('heading', { level: 1, name: 'BÁO CÁO' })).toBeInTheDocument();
    expect(paragraph(doc, 'Kết quả thực hiện')).toHaveTextContent('Kết quả thực hiện Đề án 06 tháng 12/2026(từ ngày 21/11/2026 đến ngày 20/12/2026)');

    // the summary table: target, received, approved (cumulative, in period), rate
    const summary = within(doc).getByRole('table', { name: 'Kết quả thu thập, cập nhật thông tin' });
    expect(cells(within(summary).getByRole('row', { name: /Hội Người cao tuổi/ }))).toEqual(['1', 'Hội Người cao tuổi', '10', '3', '1', '1', '10%']);
    expect(cells(within(summary).getByRole('row', { name: /Hội Cựu chiến binh/ }))).toEqual(['2', 'Hội Cựu chiến binh', '—', '0', '0', '0', '—']);
    // the same figures in words
    expect(paragraph(doc, '- Hội Người cao tuổi:')).toHaveTextContent(
      '- Hội Người cao tuổi: tổng số 10 hội viên; đã cung cấp hồ sơ cho Công an xã 3 trường hợp; đã cập nhật, phê duyệt trên hệ thống CSDLQG về dân cư 1 trường hợp (trong kỳ 1 trường hợp), đạt 10%; đã nhập, đang chờ phê duyệt 1 trường hợp.',
    );
    expect(within(paragraph(doc, '- Hội Người cao tuổi:')).getByText('10', { selector: 'strong' })).toBeInTheDocument();

    // DC01: done broken down by outcome, still open, completion rate
    const dc01 = within(doc).getByRole('table', { name: 'Kết quả làm sạch dữ liệu phân hệ DC01 mở rộng' });
    // only the categories with cases
    expect(within(dc01).queryByRole('row', { name: /Sai cấu trúc số định danh/ })).toBeNull();
    expect(cells(within(dc01).getByRole('row', { name: /Thiếu trường thông tin/ }))).toEqual([
      '1',
      'Thiếu trường thông tin',
      '3',
      '2Đã cập nhật bổ sung thông tin: 1Xác nhận không có thông tin để cập nhật: 1',
      '0',
      '1',
      '66,67%',
    ]);
    expect(cells(within(dc01).getByRole('row', { name: /Tổng cộng/ })).slice(1)).toEqual(['Tổng cộng', '3', '2', '0', '1', '66,67%']);
    expect(paragraph(doc, '- Thiếu trường thông tin')).toHaveTextContent(
      '- Thiếu trường thông tin (tổng số 3 trường hợp): Đã cập nhật bổ sung thông tin 1 trường hợp, xác nhận không có thông tin để cập nhật 1 trường hợp; chưa xử lý 1 trường hợp.',
    );

    // free text drafted from the figures until the officer writes their own; the end of the document
    expect(paragraph(doc, '- Còn 1 trường hợp đã nhập')).toBeInTheDocument();
    expect(within(doc).getByText('Nơi nhận:')).toHaveClass('rp-recipients-title');
    expect(within(doc).getByText('- Công an tỉnh Khánh Hòa (để báo cáo);')).toBeInTheDocument();
    expect(within(doc).getByText('- Lưu: VT.')).toBeInTheDocument();
    expect(within(doc).getByText('TRƯỞNG CÔNG AN XÃ')).toHaveClass('rp-signer-title');
  });

  it('saves what the officer writes to the period’s draft and shows it in the document', async () => {
    const user = userEvent.setup();
    renderSignedIn(<PrintReportPage periodTo={PERIOD.to} />, services, officer);
    const doc = await screen.findByRole('article', { name: 'Báo cáo' });

    await user.type(screen.getByLabelText('Số báo cáo'), '05');
    expect(within(doc).getByText('Số: 05/BC-CAX')).toBeInTheDocument();

    const difficulties = screen.getByLabelText('Khó khăn, vướng mắc');
    await user.type(difficulties, 'Đường truyền mạng chập chờn.{Enter}Một số hội chậm cung cấp danh sách.');
    await user.tab();
    await waitFor(async () => {
      expect((await services.repos.reportDrafts.get(PERIOD)).difficulties).toBe('Đường truyền mạng chập chờn.\nMột số hội chậm cung cấp danh sách.');
    });
    expect(paragraph(doc, 'Đường truyền mạng chập chờn.')).toBeInTheDocument();
    expect(paragraph(doc, 'Một số hội chậm cung cấp danh sách.')).toBeInTheDocument();
    expect((await services.repos.reportDrafts.get(PERIOD)).number).toBe('05');

    const date = screen.getByLabelText('Ngày báo cáo');
    await user.clear(date);
    await user.type(date, '05/02/2027');
    expect(within(doc).getByText('Vĩnh Hiệp, ngày 05 tháng 02 năm 2027')).toBeInTheDocument();

    const audit = await services.repos.audit.forRecord('reportDrafts', PERIOD.to);
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.officerId === officer.id && e.action === 'update')).toBe(true);
  });

  it('keeps what was typed when the officer leaves the page before it was saved', async () => {
    const user = userEvent.setup();
    const { unmount } = renderSignedIn(<PrintReportPage periodTo={PERIOD.to} />, services, officer);
    await screen.findByRole('article', { name: 'Báo cáo' });
    await user.type(screen.getByLabelText('Họ tên người ký'), 'Trần Văn Nam');
    unmount();
    await waitFor(async () => expect((await services.repos.reportDrafts.get(PERIOD)).signerName).toBe('Trần Văn Nam'));

    // and the next visit starts from the saved draft
    renderSignedIn(<PrintReportPage periodTo={PERIOD.to} />, services, officer);
    const doc = await screen.findByRole('article', { name: 'Báo cáo' });
    expect(within(doc).getByText('Trần Văn Nam')).toHaveClass('rp-signer-name');
    expect(screen.getByLabelText('Họ tên người ký')).toHaveValue('Trần Văn Nam');
  });

  it('saves the PDF under the unit’s and the month’s name', async () => {
    const printToPdf = vi.fn(async () => ok({ saved: true as const, path: 'C:\\BaoCao\\BaoCao_DA06_CAX-VinhHiep_2026-12.pdf' }));
    services.api.printToPdf = printToPdf;
    const user = userEvent.setup();
    renderSignedIn(<PrintReportPage periodTo={PERIOD.to} />, services, officer);
    await screen.findByRole('article', { name: 'Báo cáo' });
    await user.click(screen.getByRole('button', { name: 'Lưu PDF' }));
    expect(printToPdf).toHaveBeenCalledExactlyOnceWith({ suggestedName: 'BaoCao_DA06_CAX-VinhHiep_2026-12.pdf' });
    expect(await screen.findByText(/Đã lưu bản PDF/)).toBeInTheDocument();
  });

  it('opens an older period that is no longer in the picker', async () => {
    renderSignedIn(<PrintReportPage periodTo="2025-03-20" />, services, officer);
    const doc = await screen.findByRole('article', { name: 'Báo cáo' });
    expect(paragraph(doc, 'Kết quả thực hiện')).toHaveTextContent('Kết quả thực hiện Đề án 06 tháng 3/2025(từ ngày 21/02/2025 đến ngày 20/03/2025)');
  });

  it('says so when the address names no period', async () => {
    renderSignedIn(<PrintReportPage periodTo="khong-phai-ngay" />, services, officer);
    expect(await screen.findByRole('alert')).toHaveTextContent('Không tìm thấy kỳ báo cáo này.');
  });
});
