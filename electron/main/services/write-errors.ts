/** What a failed write means to the officer, in Vietnamese (no Electron import: the export service and its benchmark use it in plain Node). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function writeErrorMessage(error: unknown): string {
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
    case 'EBUSY':
      return 'Không ghi được tệp: thư mục không cho phép ghi hoặc tệp đang được mở bằng chương trình khác (ví dụ Excel). Hãy đóng tệp hoặc chọn thư mục khác rồi thử lại.';
    case 'ENOSPC':
      return 'Không ghi được tệp vì ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi thử lại.';
    default:
      return 'Không lưu được tệp. Vui lòng thử lại.';
  }
}

