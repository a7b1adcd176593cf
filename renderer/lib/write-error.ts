/**
 * A write that threw (not a refusal): said in Vietnamese, with what to do. A
 * full disk is the one that happens on office PCs; IndexedDB reports it as a
 * QuotaExceededError, sometimes wrapped by Dexie as the inner error.
 */
export function describeWriteError(e: unknown): string {
  const names = [e, (e as { inner?: unknown } | null)?.inner].map((x) => (x instanceof Error || x instanceof DOMException ? x.name : ''));
  if (names.includes('QuotaExceededError')) {
    return 'Ổ đĩa máy tính đã đầy nên không lưu được. Hãy xóa bớt tệp không cần thiết rồi bấm Lưu lại — dữ liệu đang nhập vẫn còn trên màn hình, dữ liệu đã lưu trước đó không bị ảnh hưởng.';
  }
  const detail = e instanceof Error ? e.message : String(e);
  return `Không lưu được (${detail}). Dữ liệu đang nhập vẫn còn trên màn hình, dữ liệu đã lưu trước đó không bị ảnh hưởng.`;
}
