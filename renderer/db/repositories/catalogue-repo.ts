/**
 * The unit's editable catalogues: hamlets (thôn/tổ dân phố) and member lists.
 * Nothing is ever removed — entries are hidden — so old records keep their labels.
 */
import type { Dc01Category, Hamlet, MemberList } from '../../../shared/domain/types';
import { err, ok, type Result } from '../../../shared/result';
import { searchKey, tidyText } from '../../../shared/text/normalize';
import { appendAudit, type RepoContext } from './context';

export type CatalogueError = 'empty' | 'duplicate' | 'not_found';

/** 'Hội Khuyến học' → 'hoi_khuyen_hoc' */
export function slugKey(label: string): string {
  return searchKey(label)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

export function createCatalogueRepo(ctx: RepoContext) {
  const { db } = ctx;

  const checkName = (name: string, existing: readonly string[]): Result<string, CatalogueError> => {
    const tidy = tidyText(name);
    if (!tidy) return err('empty', 'Nhập tên.');
    if (existing.some((e) => searchKey(e) === searchKey(tidy))) {
      return err('duplicate', `"${tidy}" đã có trong danh mục.`);
    }
    return ok(tidy);
  };

  return {
    async hamlets(): Promise<Hamlet[]> {
      return db.hamlets.orderBy('order').toArray();
    },
    async addHamlet(name: string, officerId: string): Promise<Result<Hamlet, CatalogueError>> {
      return db.transaction('rw', db.hamlets, db.audit, async () => {
        const all = await db.hamlets.toArray();
        const checked = checkName(name, all.map((h) => h.name));
        if (!checked.ok) return checked;
        const hamlet: Hamlet = {
          id: ctx.newId(),
          name: checked.value,
          order: all.reduce((m, h) => Math.max(m, h.order), 0) + 1,
          hidden: false,
        };
        await db.hamlets.add(hamlet);
        await appendAudit(ctx, { officerId, action: 'create', entity: 'hamlets', recordId: hamlet.id, summary: hamlet.name });
        return ok(hamlet);
      });
    },
    async updateHamlet(
      id: string,
      patch: { name?: string; hidden?: boolean },
      officerId: string,
    ): Promise<Result<Hamlet, CatalogueError>> {
      return db.transaction('rw', db.hamlets, db.audit, async () => {
        const current = await db.hamlets.get(id);
        if (!current) return err('not_found', 'Không tìm thấy thôn/tổ dân phố.');
        let name = current.name;
        if (patch.name !== undefined && patch.name !== current.name) {
          const others = (await db.hamlets.toArray()).filter((h) => h.id !== id);
          const checked = checkName(patch.name, others.map((h) => h.name));
          if (!checked.ok) return checked;
          name = checked.value;
        }
        const next: Hamlet = { ...current, name, hidden: patch.hidden ?? current.hidden };
        await db.hamlets.put(next);
        await appendAudit(ctx, {
          officerId,
          action: 'update',
          entity: 'hamlets',
          recordId: id,
          changes: { name: [current.name, next.name], hidden: [current.hidden, next.hidden] },
        });
        return ok(next);
      });
    },
    async dc01Categories(): Promise<Dc01Category[]> {
      return db.dc01Categories.orderBy('order').toArray();
    },
    async memberLists(): Promise<MemberList[]> {
      return db.memberLists.orderBy('order').toArray();
    },
    async addMemberList(
      label: string,
      hasMemberKind: boolean,
      officerId: string,
    ): Promise<Result<MemberList, CatalogueError>> {
      return db.transaction('rw', db.memberLists, db.audit, async () => {
        const all = await db.memberLists.toArray();
        const checked = checkName(label, all.map((l) => l.label));
        if (!checked.ok) return checked;
        const base = slugKey(checked.value) || 'ds';
        let key = base;
        for (let i = 2; all.some((l) => l.key === key); i++) key = `${base}_${i}`;
        const list: MemberList = {
          key,
          label: checked.value,
          order: all.reduce((m, l) => Math.max(m, l.order), 0) + 1,
          hidden: false,
          hasMemberKind,
        };
        await db.memberLists.add(list);
        await appendAudit(ctx, { officerId, action: 'create', entity: 'memberLists', recordId: key, summary: list.label });
        return ok(list);
      });
    },
    async updateMemberList(
      key: string,
      patch: { label?: string; hidden?: boolean; hasMemberKind?: boolean },
      officerId: string,
    ): Promise<Result<MemberList, CatalogueError>> {
      return db.transaction('rw', db.memberLists, db.audit, async () => {
        const current = await db.memberLists.get(key);
        if (!current) return err('not_found', 'Không tìm thấy danh sách.');
        let label = current.label;
        if (patch.label !== undefined && patch.label !== current.label) {
          const others = (await db.memberLists.toArray()).filter((l) => l.key !== key);
          const checked = checkName(patch.label, others.map((l) => l.label));
          if (!checked.ok) return checked;
          label = checked.value;
        }
        const next: MemberList = {
          ...current,
          label,
          hidden: patch.hidden ?? current.hidden,
          hasMemberKind: patch.hasMemberKind ?? current.hasMemberKind,
        };
        await db.memberLists.put(next);
        await appendAudit(ctx, {
          officerId,
          action: 'update',
          entity: 'memberLists',
          recordId: key,
          changes: { label: [current.label, next.label], hidden: [current.hidden, next.hidden] },
        });
        return ok(next);
      });
    },
  };
}

export type CatalogueRepo = ReturnType<typeof createCatalogueRepo>;
