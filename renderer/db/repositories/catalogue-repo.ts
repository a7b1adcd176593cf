/**
 * The unit's editable catalogues: hamlets (thôn/tổ dân phố), member lists and
 * DC01 cleaning categories with their outcomes. Nothing is ever removed —
 * entries are hidden — and keys never change, so old records keep their labels.
 */
import type { Dc01Category, Dc01Outcome, Hamlet, MemberList } from '../../../shared/domain/types';
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

  const checkName = (
    name: string,
    existing: readonly string[],
    words: { empty?: string; place?: string } = {},
  ): Result<string, CatalogueError> => {
    const tidy = tidyText(name);
    if (!tidy) return err('empty', words.empty ?? 'Nhập tên.');
    if (existing.some((e) => searchKey(e) === searchKey(tidy))) {
      return err('duplicate', `"${tidy}" đã có trong ${words.place ?? 'danh mục'}.`);
    }
    return ok(tidy);
  };
  /** A key from the label, made unique among `taken`. */
  const freshKey = (label: string, fallback: string, taken: readonly string[]): string => {
    const base = slugKey(label) || fallback;
    let key = base;
    for (let i = 2; taken.includes(key); i++) key = `${base}_${i}`;
    return key;
  };
  const OUTCOME_WORDS = { empty: 'Nhập tên kết quả xử lý.', place: 'các kết quả của loại này' } as const;

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
    /**
     * A new cleaning category with its outcomes (at least one). Keys come from
     * the labels and never change afterwards: cases refer to them.
     */
    async addDc01Category(label: string, outcomeLabels: readonly string[], officerId: string): Promise<Result<Dc01Category, CatalogueError>> {
      return db.transaction('rw', db.dc01Categories, db.audit, async () => {
        const all = await db.dc01Categories.toArray();
        const checked = checkName(label, all.map((c) => c.label), { empty: 'Nhập tên loại làm sạch.' });
        if (!checked.ok) return checked;
        const outcomes: Dc01Outcome[] = [];
        for (const raw of outcomeLabels) {
          if (!tidyText(raw)) continue;
          const outcome = checkName(raw, outcomes.map((o) => o.label), { place: 'các kết quả vừa nhập' });
          if (!outcome.ok) return outcome;
          outcomes.push({ key: freshKey(outcome.value, 'kq', outcomes.map((o) => o.key)), label: outcome.value });
        }
        if (outcomes.length === 0) return err('empty', 'Nhập ít nhất một kết quả xử lý cho loại này.');
        const category: Dc01Category = {
          key: freshKey(checked.value, 'dc01', all.map((c) => c.key)),
          label: checked.value,
          outcomes,
          order: all.reduce((m, c) => Math.max(m, c.order), 0) + 1,
          hidden: false,
        };
        await db.dc01Categories.add(category);
        await appendAudit(ctx, {
          officerId,
          action: 'create',
          entity: 'dc01Categories',
          recordId: category.key,
          summary: `${category.label}: ${outcomes.map((o) => o.label).join('; ')}`,
        });
        return ok(category);
      });
    },
    async updateDc01Category(
      key: string,
      patch: { label?: string; hidden?: boolean },
      officerId: string,
    ): Promise<Result<Dc01Category, CatalogueError>> {
      return db.transaction('rw', db.dc01Categories, db.audit, async () => {
        const current = await db.dc01Categories.get(key);
        if (!current) return err('not_found', 'Không tìm thấy loại làm sạch.');
        let label = current.label;
        if (patch.label !== undefined && patch.label !== current.label) {
          const others = (await db.dc01Categories.toArray()).filter((c) => c.key !== key);
          const checked = checkName(patch.label, others.map((c) => c.label), { empty: 'Nhập tên loại làm sạch.' });
          if (!checked.ok) return checked;
          label = checked.value;
        }
        const next: Dc01Category = { ...current, label, hidden: patch.hidden ?? current.hidden };
        await db.dc01Categories.put(next);
        await appendAudit(ctx, {
          officerId,
          action: 'update',
          entity: 'dc01Categories',
          recordId: key,
          changes: { label: [current.label, next.label], hidden: [current.hidden, next.hidden] },
        });
        return ok(next);
      });
    },
    async addDc01Outcome(categoryKey: string, label: string, officerId: string): Promise<Result<Dc01Outcome, CatalogueError>> {
      return db.transaction('rw', db.dc01Categories, db.audit, async () => {
        const current = await db.dc01Categories.get(categoryKey);
        if (!current) return err('not_found', 'Không tìm thấy loại làm sạch.');
        const checked = checkName(label, current.outcomes.map((o) => o.label), OUTCOME_WORDS);
        if (!checked.ok) return checked;
        const outcome: Dc01Outcome = { key: freshKey(checked.value, 'kq', current.outcomes.map((o) => o.key)), label: checked.value };
        await db.dc01Categories.put({ ...current, outcomes: [...current.outcomes, outcome] });
        await appendAudit(ctx, {
          officerId,
          action: 'update',
          entity: 'dc01Categories',
          recordId: categoryKey,
          changes: { [`outcome:${outcome.key}`]: [null, outcome.label] },
          summary: `Thêm kết quả "${outcome.label}"`,
        });
        return ok(outcome);
      });
    },
    /** Renames an outcome; its key stays, so cases keep pointing at it. */
    async renameDc01Outcome(
      categoryKey: string,
      outcomeKey: string,
      label: string,
      officerId: string,
    ): Promise<Result<Dc01Outcome, CatalogueError>> {
      return db.transaction('rw', db.dc01Categories, db.audit, async () => {
        const current = await db.dc01Categories.get(categoryKey);
        if (!current) return err('not_found', 'Không tìm thấy loại làm sạch.');
        const before = current.outcomes.find((o) => o.key === outcomeKey);
        if (!before) return err('not_found', 'Không tìm thấy kết quả xử lý.');
        if (label === before.label) return ok(before);
        const others = current.outcomes.filter((o) => o.key !== outcomeKey);
        const checked = checkName(label, others.map((o) => o.label), OUTCOME_WORDS);
        if (!checked.ok) return checked;
        const outcome: Dc01Outcome = { key: before.key, label: checked.value };
        await db.dc01Categories.put({ ...current, outcomes: current.outcomes.map((o) => (o.key === outcomeKey ? outcome : o)) });
        await appendAudit(ctx, {
          officerId,
          action: 'update',
          entity: 'dc01Categories',
          recordId: categoryKey,
          changes: { [`outcome:${outcomeKey}`]: [before.label, outcome.label] },
        });
        return ok(outcome);
      });
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
