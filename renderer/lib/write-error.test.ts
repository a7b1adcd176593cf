import { describe, expect, it } from 'vitest';
import { describeWriteError } from './write-error';

describe('describeWriteError', () => {
  it('says the disk is full for a quota error, also when wrapped', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(describeWriteError(quota)).toMatch(/^Ổ đĩa máy tính đã đầy/);
    const wrapped = Object.assign(new Error('AbortError'), { name: 'AbortError', inner: quota });
    expect(describeWriteError(wrapped)).toMatch(/^Ổ đĩa máy tính đã đầy/);
  });

  it('keeps the detail of any other failure and says nothing was lost', () => {
    expect(describeWriteError(new Error('boom'))).toBe(
      'Không lưu được (boom). Dữ liệu đang nhập vẫn còn trên màn hình, dữ liệu đã lưu trước đó không bị ảnh hưởng.',
    );
  });
});
