/** "Lưu PDF": the calling window is printed on A4 and the bytes go through the normal save flow. */
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../shared/result';
import { createPrintService, PDF_OPTIONS } from './print';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46]);

function setup() {
  const saveBytes = vi.fn(async () => ok({ saved: true as const, path: '/home/canbo/bao-cao.pdf' }));
  const contents = { printToPDF: vi.fn(async () => PDF) };
  return { saveBytes, contents, service: createPrintService(saveBytes) };
}

describe('printToPdf', () => {
  it('prints on A4 with backgrounds', async () => {
    const { service, contents } = setup();
    await service.printToPdf({ suggestedName: 'bao-cao' }, contents);
    expect(contents.printToPDF).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ pageSize: 'A4', printBackground: true }));
    expect(PDF_OPTIONS.pageSize).toBe('A4');
  });

  it('saves the printed bytes with a .pdf name and a Vietnamese dialog', async () => {
    const { service, contents, saveBytes } = setup();
    const result = await service.printToPdf({ suggestedName: 'Báo cáo tháng 5' }, contents);
    expect(saveBytes).toHaveBeenCalledExactlyOnceWith({
      title: 'Lưu bản PDF',
      suggestedName: 'Báo cáo tháng 5.pdf',
      filters: [{ name: 'Tài liệu PDF', extensions: ['pdf'] }],
      data: PDF,
    });
    expect(result).toEqual({ ok: true, value: { saved: true, path: '/home/canbo/bao-cao.pdf' } });
  });

  it('does not double the extension', async () => {
    const { service, contents, saveBytes } = setup();
    await service.printToPdf({ suggestedName: 'bao-cao.PDF' }, contents);
    expect(saveBytes).toHaveBeenCalledWith(expect.objectContaining({ suggestedName: 'bao-cao.PDF' }));
  });
});
