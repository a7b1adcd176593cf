/**
 * exceljs for the renderer: loaded on demand so the app starts fast (tests
 * inject the Node or the browser build), and a workbook read from bytes.
 */
import type * as ExcelJSNamespace from 'exceljs';
import type { Workbook } from 'exceljs';

export type ExcelJSModule = typeof ExcelJSNamespace;

export async function excelModule(injected?: ExcelJSModule): Promise<ExcelJSModule> {
  if (injected) return injected;
  const { default: ExcelJS } = await import('exceljs');
  return ExcelJS;
}

/** The workbook in `data`, or undefined when exceljs cannot read it (not a zip, damaged, not a workbook). */
export async function loadWorkbook(excel: ExcelJSModule, data: Uint8Array): Promise<Workbook | undefined> {
  const workbook = new excel.Workbook();
  try {
    // a fresh ArrayBuffer of this realm: the caller's view may be a window on a bigger buffer,
    // or bytes a database handed over from another realm (which the zip reader does not recognise)
    await workbook.xlsx.load(new Uint8Array(data).buffer);
    return workbook;
  } catch {
    return undefined;
  }
}
