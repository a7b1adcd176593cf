/** The real save and folder dialogs for workbook exports, modal to the main window. */
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { randomSuffix, type ExportDeps } from './workbook-export';

export function createElectronExportDeps(getParentWindow: () => BrowserWindow | null): ExportDeps {
  const save = (options: SaveDialogOptions) => {
    const parent = getParentWindow();
    return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
  };
  const openDialog = (options: OpenDialogOptions) => {
    const parent = getParentWindow();
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
  };
  return {
    dialogs: {
      async chooseSavePath(defaultPath) {
        const choice = await save({
          title: 'Lưu tệp Excel',
          buttonLabel: 'Lưu',
          defaultPath,
          filters: [{ name: 'Tệp Excel', extensions: ['xlsx'] }],
        });
        return choice.canceled ? undefined : choice.filePath;
      },
      async chooseDirectory(defaultPath) {
        const choice = await openDialog({
          title: 'Chọn thư mục lưu (ví dụ ổ USB)',
          buttonLabel: 'Chọn thư mục này',
          defaultPath,
          properties: ['openDirectory', 'createDirectory'],
        });
        return choice.canceled ? undefined : choice.filePaths[0];
      },
    },
    documentsDir: () => app.getPath('documents'),
    randomSuffix,
  };
}
