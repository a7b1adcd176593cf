/**
 * The printed report's own words (bản soạn báo cáo): its number and date, the
 * free-text sections, "Nơi nhận" and the signer — one draft per period, so a
 * report can be reopened and reprinted as it was signed.
 */
import type { ReportDraft } from '../../../shared/domain/types';
import { formatDay } from '../../../shared/dates/partial-date';
import type { Period } from '../../../shared/settings/period';
import { defaultRecipients, defaultSignerTitle } from '../../../shared/report/prose';
import { appendAudit, diffFields, nowStamp, type RepoContext } from './context';
import { createSettingsRepo } from './settings-repo';

const DRAFT_FIELDS = ['periodFrom', 'number', 'reportDate', 'difficulties', 'directions', 'recipients', 'signerTitle', 'signerName'] as const;

/** Trimmed single-line fields, recipients without blank lines; the free text keeps its lines. */
function tidy(draft: ReportDraft): ReportDraft {
  return {
    ...draft,
    number: draft.number.trim(),
    recipients: draft.recipients.map((r) => r.trim()).filter(Boolean),
    signerTitle: draft.signerTitle.trim(),
    signerName: draft.signerName.trim(),
    difficulties: draft.difficulties.replace(/\s+$/, ''),
    directions: draft.directions.replace(/\s+$/, ''),
  };
}

export function createReportDraftRepo(ctx: RepoContext) {
  const { db } = ctx;
  const settings = createSettingsRepo(ctx);

  /** A new period's draft: no number yet, dated today, addressed and signed as the unit's settings suggest. */
  async function defaults(period: Period): Promise<ReportDraft> {
    const unit = await settings.getUnit();
    const unitName = unit?.unitName ?? '';
    return {
      periodTo: period.to,
      periodFrom: period.from,
      number: '',
      reportDate: nowStamp(ctx).today,
      difficulties: '',
      directions: '',
      recipients: defaultRecipients({ unitName, superiorName: unit?.superiorName ?? '' }),
      signerTitle: defaultSignerTitle(unitName),
      signerName: '',
      updatedAt: '',
      updatedBy: '',
    };
  }

  return {
    /** The period's saved draft, or a new one (not saved until `save`). */
    async get(period: Period): Promise<ReportDraft> {
      return (await db.reportDrafts.get(period.to)) ?? defaults(period);
    },
    /** Whether the officer has saved anything for the period. */
    async exists(periodTo: string): Promise<boolean> {
      return (await db.reportDrafts.get(periodTo)) !== undefined;
    },
    /**
     * Saves the draft with an audit entry of what changed. Nothing is written
     * (and nothing logged) when it matches what is stored — or, for a period
     * never saved, the defaults.
     */
    async save(draft: ReportDraft, officerId: string): Promise<ReportDraft> {
      const wanted = tidy(draft);
      return db.transaction('rw', db.reportDrafts, db.settings, db.audit, async () => {
        const stored = await db.reportDrafts.get(wanted.periodTo);
        const before = stored ?? (await defaults({ from: wanted.periodFrom, to: wanted.periodTo }));
        const changes = diffFields(before, wanted, DRAFT_FIELDS);
        if (Object.keys(changes).length === 0) return before;
        const saved: ReportDraft = { ...wanted, updatedAt: nowStamp(ctx).at, updatedBy: officerId };
        await db.reportDrafts.put(saved);
        await appendAudit(ctx, {
          officerId,
          action: 'update',
          entity: 'reportDrafts',
          recordId: saved.periodTo,
          changes,
          summary: `Soạn báo cáo kỳ ${formatDay(saved.periodFrom)} – ${formatDay(saved.periodTo)}: ${Object.keys(changes).map((f) => FIELD_LABELS[f] ?? f).join(', ')}`,
        });
        return saved;
      });
    },
  };
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  periodFrom: 'kỳ báo cáo',
  number: 'số báo cáo',
  reportDate: 'ngày báo cáo',
  difficulties: 'khó khăn, vướng mắc',
  directions: 'phương hướng, nhiệm vụ',
  recipients: 'nơi nhận',
  signerTitle: 'chức danh người ký',
  signerName: 'họ tên người ký',
};

export type ReportDraftRepo = ReturnType<typeof createReportDraftRepo>;
