import type { Officer } from '../../../shared/domain/types';
import { tidyName, tidyText } from '../../../shared/text/normalize';
import { err, ok, type Result } from '../../../shared/result';
import { checkPinFormat, hashPin, verifyPin } from '../../security/pin';
import { appendAudit, nowStamp, type RepoContext } from './context';

const FREE_ATTEMPTS = 3;
const THROTTLE_KEY = 'loginThrottle';
type LoginThrottle = { failures: number; lockedUntil: number };

export function lockoutSeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(300, 5 * 2 ** (failures - FREE_ATTEMPTS));
}

export type OfficerInput = { fullName: string; title: string; pin: string };
export type OfficerErrors = Partial<Record<keyof OfficerInput, string>>;

export function checkOfficerInput(input: OfficerInput, pinRequired = true): OfficerErrors {
  const errors: OfficerErrors = {};
  if (tidyName(input.fullName).length < 3) errors.fullName = 'Nhập họ và tên cán bộ.';
  if (tidyText(input.title).length < 2) errors.title = 'Nhập cấp bậc, chức vụ.';
  if (pinRequired || input.pin) {
    const pinError = checkPinFormat(input.pin);
    if (pinError) errors.pin = pinError;
  }
  return errors;
}

export function createOfficerRepo(ctx: RepoContext) {
  const readThrottle = async (): Promise<LoginThrottle> =>
    ((await ctx.db.vault.get(THROTTLE_KEY))?.value as LoginThrottle | undefined) ?? { failures: 0, lockedUntil: 0 };
  const { db } = ctx;
  const build = async (input: OfficerInput): Promise<Result<Officer, 'invalid'>> => {
    const errors = checkOfficerInput(input);
    if (Object.keys(errors).length) return err('invalid', Object.values(errors).join(' '));
    return ok({
      id: ctx.newId(),
      fullName: tidyName(input.fullName),
      title: tidyText(input.title),
      pin: await hashPin(input.pin),
      active: true,
      createdAt: nowStamp(ctx).at,
    });
  };
  return {
    build,
    async list(): Promise<Officer[]> {
      const all = await db.officers.toArray();
      return all.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
    },
    async add(input: OfficerInput, byOfficerId: string): Promise<Result<Officer, 'invalid'>> {
      const built = await build(input);
      if (!built.ok) return built;
      await db.transaction('rw', db.officers, db.audit, async () => {
        await db.officers.add(built.value);
        await appendAudit(ctx, {
          officerId: byOfficerId,
          action: 'create',
          entity: 'officers',
          recordId: built.value.id,
          summary: built.value.fullName,
        });
      });
      return built;
    },
    async update(
      id: string,
      input: OfficerInput & { active: boolean },
      byOfficerId: string,
    ): Promise<Result<Officer, 'invalid' | 'not_found' | 'last_active'>> {
      const errors = checkOfficerInput(input, false);
      if (Object.keys(errors).length) return err('invalid', Object.values(errors).join(' '));
      const pin = input.pin ? await hashPin(input.pin) : undefined;
      return db.transaction('rw', db.officers, db.audit, async () => {
        const current = await db.officers.get(id);
        if (!current) return err('not_found', 'Không tìm thấy cán bộ.');
        if (!input.active && current.active) {
          const activeCount = await db.officers.filter((o) => o.active).count();
          if (activeCount <= 1) return err('last_active', 'Phải còn ít nhất một cán bộ đang làm việc.');
        }
        const next: Officer = {
          ...current,
          fullName: tidyName(input.fullName),
          title: tidyText(input.title),
          active: input.active,
          ...(pin ? { pin } : {}),
        };
        await db.officers.put(next);
        await appendAudit(ctx, {
          officerId: byOfficerId,
          action: 'update',
          entity: 'officers',
          recordId: id,
          summary: pin ? `${next.fullName} (đổi mã PIN)` : next.fullName,
        });
        return ok(next);
      });
    },
    /** Seconds until the next PIN may be tried on this PC (0 = now). */
    async loginWait(): Promise<number> {
      const throttle = await readThrottle();
      return Math.max(0, Math.ceil((throttle.lockedUntil - ctx.clock().getTime()) / 1000));
    },
    /**
     * Checks a PIN. Wrong PINs are counted on this PC (in the local vault, so reloading the
     * page or picking another name does not reset them): after three, each further attempt
     * waits longer — 5 s, 10 s, 20 s … up to 5 minutes.
     */
    async verify(id: string, pin: string): Promise<Result<Officer, 'locked' | 'wrong_pin'>> {
      const now = ctx.clock().getTime();
      const throttle = await readThrottle();
      if (throttle.lockedUntil > now) {
        return err('locked', `Đã nhập sai mã PIN nhiều lần. Thử lại sau ${Math.ceil((throttle.lockedUntil - now) / 1000)} giây.`);
      }
      const officer = await db.officers.get(id);
      if (officer?.active && (await verifyPin(pin, officer.pin))) {
        // Who used the shared PC, and when, is part of the record.
        await appendAudit(ctx, { officerId: officer.id, action: 'login', entity: 'officers', recordId: officer.id, summary: officer.fullName });
        if (throttle.failures > 0) await db.vault.put({ key: THROTTLE_KEY, value: { failures: 0, lockedUntil: 0 } satisfies LoginThrottle });
        return ok(officer);
      }
      const failures = throttle.failures + 1;
      const wait = lockoutSeconds(failures);
      await db.vault.put({ key: THROTTLE_KEY, value: { failures, lockedUntil: now + wait * 1000 } satisfies LoginThrottle });
      return err('wrong_pin', wait > 0 ? `Mã PIN không đúng. Thử lại sau ${wait} giây.` : 'Mã PIN không đúng.');
    },
  };
}

export type OfficerRepo = ReturnType<typeof createOfficerRepo>;
