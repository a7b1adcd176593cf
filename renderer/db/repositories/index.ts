import type { AppDatabase } from '../database';
import { createRepoContext, type Clock, type RepoContext } from './context';
import { createAuditRepo } from './audit-repo';
import { createCatalogueRepo } from './catalogue-repo';
import { createIdentityRepo } from './identity-repo';
import { createMemberRepo } from './member-repo';
import { createLabourRepo } from './labour-repo';
import { createDeclarationRepo } from './declaration-repo';
import { createDc01Repo } from './dc01-repo';
import { createFactsRepo } from './facts-repo';
import { createOfficerRepo } from './officer-repo';
import { createSettingsRepo } from './settings-repo';
import { createSetupRepo } from './setup-repo';
import { createTargetRepo } from './target-repo';
import { createTemplateRepo } from './template-repo';
import { createHandoverRepo } from './handover-repo';
import { readRowSets, reportRowSets, type RowSet } from './report-rows';
import type { NameLookup } from '../../../shared/report/detail';
import type { Period } from '../../../shared/settings/period';
import type { Dc01Category, MemberList } from '../../../shared/domain/types';
import { createReportDraftRepo } from './report-draft-repo';
import { createImportRepo } from './import-repo';
import { createBackupRepo } from './backup-repo';

export function createRepositories(db: AppDatabase, clock?: Clock, ctxOverride?: Partial<RepoContext>) {
  const ctx: RepoContext = { ...createRepoContext(db, clock), ...ctxOverride };
  return {
    ctx,
    settings: createSettingsRepo(ctx),
    setup: createSetupRepo(ctx),
    officers: createOfficerRepo(ctx),
    catalogue: createCatalogueRepo(ctx),
    targets: createTargetRepo(ctx),
    templates: createTemplateRepo(ctx),
    members: createMemberRepo(ctx),
    labour: createLabourRepo(ctx),
    declarations: createDeclarationRepo(ctx),
    dc01: createDc01Repo(ctx),
    facts: createFactsRepo(ctx),
    identity: createIdentityRepo(ctx),
    audit: createAuditRepo(ctx),
    handovers: createHandoverRepo(ctx),
    /** the record lists a report can show (detail sheets, `{{#rows}}` tables) */
    reportRows: {
      rowSets: (lists: readonly MemberList[], categories: readonly Dc01Category[]) => reportRowSets(ctx, lists, categories),
      readAll: (sets: readonly RowSet[], period: Period, names: NameLookup, onProgress?: (read: number) => void) => readRowSets(ctx.db, sets, period, names, onProgress),
    },
    reportDrafts: createReportDraftRepo(ctx),
    imports: createImportRepo(ctx),
    backups: createBackupRepo(ctx),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
