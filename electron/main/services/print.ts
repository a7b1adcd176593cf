/** "Save as PDF": prints the calling window to an A4 PDF and saves it like any other file. */
import type { PrintToPDFOptions } from 'electron';
import type { IpcResult, PrintToPdfRequest, SavedFile } from '../../../shared/ipc/contract';
import type { SaveBytesRequest } from './files';

export interface PdfPrintable {
  printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
}

/**
 * A4 unless the page's own `@page { size: … }` asks for something else:
 * wide report tables choose A4 landscape in CSS, everything else stays A4 portrait.
 */
export const PDF_OPTIONS = {
  pageSize: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
} as const satisfies PrintToPDFOptions;

function withPdfExtension(name: string): string {
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}

export type PrintService = ReturnType<typeof createPrintService>;

export function createPrintService(
  saveBytes: (request: SaveBytesRequest) => Promise<IpcResult<SavedFile>>,
) {
  async function printToPdf(
    request: PrintToPdfRequest,
    contents: PdfPrintable,
  ): Promise<IpcResult<SavedFile>> {
    const pdf = await contents.printToPDF({ ...PDF_OPTIONS });
    return saveBytes({
      title: 'Lưu bản PDF',
      suggestedName: withPdfExtension(request.suggestedName),
      filters: [{ name: 'Tài liệu PDF', extensions: ['pdf'] }],
      data: pdf,
      folder: request.folder,
    });
  }
  return { printToPdf };
}
