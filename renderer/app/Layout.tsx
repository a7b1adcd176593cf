import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../context/services';
import { useSession } from '../context/session';
import type { UnitSettings } from '../../shared/domain/types';
import { ROUTES } from './AppRoutes';
import type { LastBackup } from '../db/repositories/backup-repo';
import { formatTime } from '../components/records/RecordDetail';

export function Layout({ unit, children }: { unit: UnitSettings; children: ReactNode }) {
  const { repos, facts } = useServices();
  // Read the figures' facts in the background once signed in, so the dashboard opens at once.
  useEffect(() => {
    const timer = setTimeout(() => facts.load(), 300);
    return () => clearTimeout(timer);
  }, [facts]);
  const { officer, lock } = useSession();
  const [location] = useLocation();
  const lists = useLiveQuery(() => repos.catalogue.memberLists(), [repos]) ?? [];
  const categories = useLiveQuery(() => repos.catalogue.dc01Categories(), [repos]) ?? [];
  const backupState = useLiveQuery(async () => ({ hasKey: (await repos.backups.vaultKey()) !== undefined, last: await repos.backups.lastBackup() }), [repos]);
  const navLink = (href: string, label: string) => (
    <Link href={href} className={location === href ? 'nav-link active' : 'nav-link'} aria-current={location === href ? 'page' : undefined}>
      {label}
    </Link>
  );
  return (
    <div className="layout">
      <nav className="sidebar" aria-label="Chức năng">
        <div className="brand">
          <div className="brand-title">Sổ Đề án 06</div>
          <div className="brand-unit">{unit.unitName}</div>
        </div>
        {navLink(ROUTES.dashboard, 'Tổng quan')}
        <div className="nav-group">Hội viên, đoàn viên</div>
        {lists.filter((l) => !l.hidden).map((l) => (
          <div key={l.key}>{navLink(ROUTES.members(l.key), l.label)}</div>
        ))}
        <div className="nav-group">Thu thập thông tin</div>
        {navLink(ROUTES.labour, 'Người lao động')}
        {navLink(ROUTES.vehicles, 'Phương tiện')}
        <div className="nav-group">Làm sạch dữ liệu DC01</div>
        {categories.filter((c) => !c.hidden).map((c) => (
          <div key={c.key}>{navLink(ROUTES.dc01(c.key), c.label)}</div>
        ))}
        <div className="nav-group">Báo cáo</div>
        {navLink(ROUTES.report, 'Báo cáo tháng')}
        <div className="nav-group">Nhập dữ liệu</div>
        {navLink(ROUTES.importFile(), 'Nhập từ Excel')}
        <div className="nav-group">Hệ thống</div>
        {navLink(ROUTES.audit, 'Nhật ký thao tác')}
        {navLink(ROUTES.settings, 'Cài đặt')}
      </nav>
      <div className="main">
        <header className="topbar">
          {backupState ? <BackupNotice hasKey={backupState.hasKey} last={backupState.last} /> : null}
          <div className="topbar-officer">
            Cán bộ: <strong>{officer.fullName}</strong> <span className="muted">({officer.title})</span>
          </div>
          <button type="button" className="btn btn-ghost" onClick={lock} title="Khóa màn hình khi rời máy">
            Khóa máy
          </button>
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}

/** The top bar says when data is not being backed up, and links to where to fix it. */
function BackupNotice({ hasKey, last }: { hasKey: boolean; last: LastBackup | undefined }) {
  const text = !hasKey
    ? 'Chưa đặt mật khẩu sao lưu: dữ liệu chưa được sao lưu.'
    : last && !last.ok
      ? 'Lần sao lưu gần nhất không thành công.'
      : last?.secondError
        ? 'Bản sao lưu thứ hai (USB) chưa ghi được.'
        : undefined;
  if (!text) {
    return last ? <div className="backup-notice ok">Đã sao lưu lúc {formatTime(last.at)}</div> : null;
  }
  return (
    <Link href={ROUTES.backupSettings} className="backup-notice warning" role="status">
      {text} Bấm để xem.
    </Link>
  );
}
