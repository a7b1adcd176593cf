/** The menu the officer sees: Vietnamese labels, and no developer tools in the installed app. */
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() } }));
const { buildMenuTemplate } = await import('./menu');

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe('buildMenuTemplate', () => {
  it('labels every entry in Vietnamese', () => {
    const items = flatten(buildMenuTemplate(false)).filter((item) => item.type !== 'separator');
    expect(items.map((item) => item.label)).toEqual(expect.arrayContaining(['Tệp', 'Sửa', 'Xem', 'Thoát', 'Sao chép', 'Dán']));
    for (const item of items) expect(item.label, JSON.stringify(item)).toBeTruthy();
  });

  it('offers developer tools only in unpackaged builds', () => {
    const roles = (packaged: boolean) => flatten(buildMenuTemplate(packaged)).map((item) => item.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });
});
