import { beforeEach, describe, expect, it } from 'vitest';
import { setUpUnit, testServices, TEST_UNIT } from '../../testing/fixtures';
import type { AppServices } from '../../context/services';
import type { Officer } from '../../../shared/domain/types';

let services: AppServices;
let officer: Officer;

beforeEach(async () => {
  services = testServices({ now: '2026-11-22T09:00:00' });
  officer = await setUpUnit(services);
});

const PERIOD = { from: '2026-10-21', to: '2026-11-20' };
const audit = () => services.repos.audit.forRecord('reportDrafts', PERIOD.to);

describe('report drafts', () => {
  it('offers a new period a draft from the unit’s settings, without saving it', async () => {
    const draft = await services.repos.reportDrafts.get(PERIOD);
    expect(draft).toMatchObject({
      periodTo: '2026-11-20',
      periodFrom: '2026-10-21',
      number: '',
      reportDate: '2026-11-22',
      difficulties: '',
      directions: '',
      recipients: ['Công an tỉnh Khánh Hòa (để báo cáo)', 'Lãnh đạo Công an xã (để chỉ đạo)'],
      signerTitle: 'TRƯỞNG CÔNG AN XÃ',
      signerName: '',
    });
    expect(await services.repos.reportDrafts.exists(PERIOD.to)).toBe(false);
  });

  it('follows the unit’s level: a ward is signed by its own chief', async () => {
    await services.repos.settings.saveUnit({ ...TEST_UNIT, unitName: 'Công an phường Lộc Thọ' }, officer.id);
    const draft = await services.repos.reportDrafts.get(PERIOD);
    expect(draft.signerTitle).toBe('TRƯỞNG CÔNG AN PHƯỜNG');
    expect(draft.recipients.at(-1)).toBe('Lãnh đạo Công an phường (để chỉ đạo)');
  });

  it('saves the officer’s words with an audit entry of what changed, and gives them back', async () => {
    const draft = await services.repos.reportDrafts.get(PERIOD);
    const saved = await services.repos.reportDrafts.save(
      { ...draft, number: ' 05 ', difficulties: 'Mạng chập chờn.\n\n', recipients: ['Công an tỉnh Khánh Hòa', '', ' Lưu: VT '], signerName: 'Trần Văn Nam' },
      officer.id,
    );
    expect(saved).toMatchObject({ number: '05', difficulties: 'Mạng chập chờn.', recipients: ['Công an tỉnh Khánh Hòa', 'Lưu: VT'], signerName: 'Trần Văn Nam', updatedBy: officer.id });
    expect(saved.updatedAt).not.toBe('');
    expect(await services.repos.reportDrafts.get(PERIOD)).toEqual(saved);

    const entries = await audit();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'update', entity: 'reportDrafts', officerId: officer.id });
    expect(Object.keys(entries[0]!.changes ?? {}).sort()).toEqual(['difficulties', 'number', 'recipients', 'signerName']);
    expect(entries[0]!.changes?.number).toEqual(['', '05']);
    expect(entries[0]!.summary).toContain('số báo cáo');
  });

  it('writes nothing and logs nothing when nothing changed', async () => {
    const draft = await services.repos.reportDrafts.get(PERIOD);
    await services.repos.reportDrafts.save(draft, officer.id);
    expect(await services.repos.reportDrafts.exists(PERIOD.to)).toBe(false);

    const saved = await services.repos.reportDrafts.save({ ...draft, directions: 'Tiếp tục rà soát.' }, officer.id);
    await services.repos.reportDrafts.save({ ...saved, directions: 'Tiếp tục rà soát.  ' }, officer.id);
    expect(await audit()).toHaveLength(1);

    await services.repos.reportDrafts.save({ ...saved, directions: 'Tiếp tục rà soát, làm sạch.' }, officer.id);
    const entries = await audit();
    expect(entries.map((e) => e.changes?.directions)).toEqual([
      ['', 'Tiếp tục rà soát.'],
      ['Tiếp tục rà soát.', 'Tiếp tục rà soát, làm sạch.'],
    ]);
  });

  it('keeps one draft per period', async () => {
    const november = await services.repos.reportDrafts.get(PERIOD);
    await services.repos.reportDrafts.save({ ...november, number: '05' }, officer.id);
    const december = await services.repos.reportDrafts.get({ from: '2026-11-21', to: '2026-12-20' });
    expect(december.number).toBe('');
    expect((await services.repos.reportDrafts.get(PERIOD)).number).toBe('05');
  });
});
