import { beforeEach, describe, expect, it } from 'vitest';
import { personalIdFor, setUpUnit, testServices } from '../../testing/fixtures';
import type { AppServices } from '../../context/services';
import type { MemberInput } from './member-repo';
import type { Officer } from '../../../shared/domain/types';

const person = (over: Partial<MemberInput> = {}): MemberInput => ({
  listKey: 'elderly',
  memberKind: 'individual',
  idFlagged: false,
  fullName: 'Nguyễn Thị Đào',
  birthDate: '1950-03-12',
  sex: 'female',
  personalId: personalIdFor(1950, 'female', 1),
  oldId: '',
  phone: '',
  hamletId: '',
  address: '',
  note: '',
  ...over,
});

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices();
  officer = await setUpUnit(services);
});

describe('member repository', () => {
  it('creates a record as "received" today, with its search keys and an audit entry naming the officer', async () => {
    const created = await services.repos.members.create(person(), officer.id);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const r = created.value;
    expect(r).toMatchObject({ status: 'received', statusDate: '2026-11-22', createdBy: officer.id, searchName: 'nguyen thi dao' });
    expect(r.nameWords).toEqual(expect.arrayContaining(['nguyen', 'thi', 'dao']));
    expect(r.statusLog).toHaveLength(1);
    const audit = await services.repos.audit.forRecord('members', r.id);
    expect(audit.map((a) => [a.action, a.officerId])).toEqual([['create', officer.id]]);
  });

  it('refuses the same personal ID twice in one list but allows it in another list', async () => {
    await services.repos.members.create(person(), officer.id);
    const again = await services.repos.members.create(person({ fullName: 'Nguyễn Thị Đào B' }), officer.id);
    expect(again).toMatchObject({ ok: false, code: 'duplicate' });
    if (!again.ok) expect(again.message).toContain('đã có trong danh sách');
    const veterans = await services.repos.members.create(person({ listKey: 'veterans' }), officer.id);
    expect(veterans.ok).toBe(true);
    expect(await services.repos.members.byList('elderly')).toHaveLength(1);
  });

  it('refuses a list that does not exist', async () => {
    const r = await services.repos.members.create(person({ listKey: 'khong_co' }), officer.id);
    expect(r).toMatchObject({ ok: false, code: 'missing_parent' });
  });

  it('warns (finds) the same name and birth date in the list', async () => {
    await services.repos.members.create(person({ personalId: '' }), officer.id);
    const same = await services.repos.members.findSameNameBirth('elderly', 'nguyen thi dao', '1950-03-12');
    expect(same).toHaveLength(1);
    expect(await services.repos.members.findSameNameBirth('elderly', 'nguyen thi dao', '1951')).toHaveLength(0);
  });

  it('records edits field by field and refuses an edit onto another record\'s ID', async () => {
    const a = await services.repos.members.create(person(), officer.id);
    const b = await services.repos.members.create(person({ fullName: 'Lê Văn Tám', sex: 'male', personalId: personalIdFor(1948, 'male', 2), birthDate: '1948' }), officer.id);
    if (!a.ok || !b.ok) throw new Error('setup');
    const { listKey: _l, ...input } = person({ phone: '0912345678' });
    const edited = await services.repos.members.update(a.value.id, input, officer.id);
    expect(edited.ok && edited.value.phone).toBe('0912345678');
    const audit = await services.repos.audit.forRecord('members', a.value.id);
    expect(audit.at(-1)?.changes).toEqual({ phone: ['', '0912345678'] });

    const clash = await services.repos.members.update(b.value.id, { ...input, personalId: a.value.personalId }, officer.id);
    expect(clash).toMatchObject({ ok: false, code: 'duplicate' });
  });

  it('changes the status of a selection in one step, skipping records already there, keeping the history', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await services.repos.members.create(person({ personalId: personalIdFor(1950, 'female', 10 + i), fullName: `Người ${'ABC'[i]}` }), officer.id);
      if (r.ok) ids.push(r.value.id);
    }
    const early = await services.repos.members.setStatus([ids[0]!], { status: 'entered', date: '2026-11-21' }, officer.id);
    expect(early).toMatchObject({ ok: false, code: 'before_previous' });
    const first = await services.repos.members.setStatus([ids[0]!], { status: 'entered', date: '2026-11-22' }, officer.id);
    expect(first).toEqual({ ok: true, value: { changed: 1, skipped: 0 } });
    const all = await services.repos.members.setStatus(ids, { status: 'entered', date: '2026-11-22' }, officer.id);
    expect(all).toEqual({ ok: true, value: { changed: 2, skipped: 1 } });
    const approved = await services.repos.members.setStatus(ids, { status: 'approved', date: '2026-11-22' }, officer.id);
    expect(approved.ok).toBe(true);
    const record = await services.repos.members.get(ids[0]!);
    expect(record?.statusLog.map((e) => [e.status, e.date, e.by])).toEqual([
      ['received', '2026-11-22', officer.id],
      ['entered', '2026-11-22', officer.id],
      ['approved', '2026-11-22', officer.id],
    ]);
  });

  it('applies nothing when one record of the selection refuses the change', async () => {
    const a = await services.repos.members.create(person(), officer.id);
    const b = await services.repos.members.create(person({ personalId: personalIdFor(1950, 'female', 99), fullName: 'Trần Thị Bé' }), officer.id);
    if (!a.ok || !b.ok) throw new Error('setup');
    // b was deleted meanwhile (another officer, another window): the whole change stops
    await services.repos.members.remove(b.value.id, officer.id);
    const r = await services.repos.members.setStatus([a.value.id, b.value.id], { status: 'entered', date: '2026-11-22' }, officer.id);
    expect(r).toMatchObject({ ok: false, code: 'not_found' });
    expect((await services.repos.members.get(a.value.id))?.status).toBe('received');
  });

  it('refuses a failed status without a reason', async () => {
    const a = await services.repos.members.create(person(), officer.id);
    if (!a.ok) throw new Error('setup');
    const r = await services.repos.members.setStatus([a.value.id], { status: 'failed', date: '2026-11-22' }, officer.id);
    expect(r).toMatchObject({ ok: false, code: 'missing_reason' });
  });

  it('deletes as a mark that can be undone, and refuses to restore over a re-entered ID', async () => {
    const a = await services.repos.members.create(person(), officer.id);
    if (!a.ok) throw new Error('setup');
    const removed = await services.repos.members.remove(a.value.id, officer.id);
    expect(removed.ok && removed.value.deletedBy).toBe(officer.id);
    expect(await services.repos.members.byList('elderly')).toHaveLength(1);

    // While deleted, the same ID can be entered again…
    const again = await services.repos.members.create(person(), officer.id);
    expect(again.ok).toBe(true);
    // …and then the old one cannot come back as a duplicate.
    const restore = await services.repos.members.restore(a.value.id, officer.id);
    expect(restore).toMatchObject({ ok: false, code: 'duplicate' });

    if (!again.ok) return;
    await services.repos.members.remove(again.value.id, officer.id);
    const restored = await services.repos.members.restore(a.value.id, officer.id);
    expect(restored.ok && restored.value.deletedAt).toBeUndefined();
    const actions = (await services.repos.audit.forRecord('members', a.value.id)).map((e) => e.action);
    expect(actions).toEqual(['create', 'delete', 'undelete']);
  });

  it('finds a personal ID across families for pre-filling', async () => {
    await services.repos.members.create(person({ listKey: 'veterans' }), officer.id);
    const hits = await services.repos.identity.findByPersonalId(personalIdFor(1950, 'female', 1));
    expect(hits.map((h) => [h.family, h.groupKey])).toEqual([['members', 'veterans']]);
  });
});

describe('member change feed', () => {
  it('announces each committed change, and nothing for a refused one', async () => {
    const seen: string[][] = [];
    services.repos.ctx.changes.subscribe('members', (ids) => seen.push([...ids]));
    const a = await services.repos.members.create(person(), officer.id);
    if (!a.ok) throw new Error('setup');
    await services.repos.members.create(person(), officer.id); // duplicate: refused
    await services.repos.members.setStatus([a.value.id], { status: 'entered', date: '2026-11-22' }, officer.id);
    await services.repos.members.remove(a.value.id, officer.id);
    expect(seen).toEqual([[a.value.id], [a.value.id], [a.value.id]]);
  });
});

describe('member facts', () => {
  it('keeps the record\'s fact row in step with every write, in the same transaction', async () => {
    const a = await services.repos.members.create(person(), officer.id);
    if (!a.ok) throw new Error('setup');
    const fact = async () => (await services.repos.facts.getMany([a.value.id]))[0];
    expect(await fact()).toEqual({
      id: a.value.id,
      scope: 'members:elderly',
      kind: 'progress',
      hamletId: '',
      createdBy: officer.id,
      weight: 1,
      statusLog: [{ status: 'received', date: '2026-11-22' }],
    });
    await services.repos.members.setStatus([a.value.id], { status: 'entered', date: '2026-11-22' }, officer.id);
    expect((await fact())?.kind === 'progress' && (await fact())).toMatchObject({ statusLog: [{ status: 'received' }, { status: 'entered' }] });
    await services.repos.members.remove(a.value.id, officer.id);
    expect((await fact())?.deletedAt).toBeTruthy();
    await services.repos.members.restore(a.value.id, officer.id);
    expect((await fact())?.deletedAt).toBeUndefined();
    // a refused write leaves no fact behind
    await services.repos.members.create(person({ fullName: 'Bản sao' }), officer.id);
    expect(await services.db.facts.count()).toBe(1);
  });
});

describe('member status after a failure', () => {
  it('drops the failure reason once the record moves on', async () => {
    const a = await services.repos.members.create(person(), officer.id);
    if (!a.ok) throw new Error('setup');
    await services.repos.members.setStatus([a.value.id], { status: 'failed', date: '2026-11-22', failReason: 'other', failNote: 'Sai tên' }, officer.id);
    expect(await services.repos.members.get(a.value.id)).toMatchObject({ failReason: 'other', failNote: 'Sai tên' });
    await services.repos.members.setStatus([a.value.id], { status: 'entered', date: '2026-11-22' }, officer.id);
    const after = await services.repos.members.get(a.value.id);
    expect(after?.failReason).toBeUndefined();
    expect(after?.failNote).toBeUndefined();
    expect(after?.statusLog.map((e) => e.status)).toEqual(['received', 'failed', 'entered']);
  });
});
