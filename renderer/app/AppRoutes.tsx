import { Redirect, Route, Switch } from 'wouter';
import { MembersPage } from '../features/members/MembersPage';
import { SettingsPage, isSettingsTab } from '../features/settings/SettingsPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { LabourPage } from '../features/labour/LabourPage';
import { VehiclesPage } from '../features/vehicles/VehiclesPage';
import { Dc01Page } from '../features/dc01/Dc01Page';
import { AuditPage } from '../features/audit/AuditPage';
import { ReportPage } from '../features/report/ReportPage';
import { PrintReportPage } from '../features/report/print/PrintReportPage';
import { ImportPage } from '../features/import/ImportPage';

export const ROUTES = {
  dashboard: '/tong-quan',
  members: (listKey: string) => `/hoi-vien/${encodeURIComponent(listKey)}`,
  labour: '/lao-dong',
  vehicles: '/phuong-tien',
  dc01: (categoryKey: string) => `/dc01/${encodeURIComponent(categoryKey)}`,
  settings: '/cai-dat',
  backupSettings: '/cai-dat/backup',
  audit: '/nhat-ky',
  report: '/bao-cao',
  printReport: (periodTo: string) => `/bao-cao/in/${periodTo}`,
  /** target: 'members:<listKey>', 'labour', 'vehicles', 'dc01:<categoryKey>' */
  importFile: (target = '') => (target ? `/nhap-excel/${encodeURIComponent(target)}` : '/nhap-excel'),
} as const;

export function AppRoutes() {
  return (
    <Switch>
      <Route path="/hoi-vien/:listKey">{(params) => <MembersPage key={params.listKey} listKey={decodeURIComponent(params.listKey)} />}</Route>
      <Route path={ROUTES.dashboard}>
        <DashboardPage />
      </Route>
      <Route path={ROUTES.labour}>
        <LabourPage />
      </Route>
      <Route path={ROUTES.vehicles}>
        <VehiclesPage />
      </Route>
      <Route path="/dc01/:categoryKey">{(params) => <Dc01Page key={params.categoryKey} categoryKey={decodeURIComponent(params.categoryKey)} />}</Route>
      <Route path={ROUTES.report}>
        <ReportPage />
      </Route>
      <Route path="/bao-cao/in/:periodTo">{(params) => <PrintReportPage key={params.periodTo} periodTo={params.periodTo} />}</Route>
      <Route path="/nhap-excel/:target?">{(params) => <ImportPage key={params.target ?? ''} initialTarget={params.target ? decodeURIComponent(params.target) : ''} />}</Route>
      <Route path={ROUTES.audit}>
        <AuditPage />
      </Route>
      <Route path={ROUTES.settings}>
        <SettingsPage />
      </Route>
      <Route path="/cai-dat/:tab">
        {(params) => <SettingsPage key={params.tab} {...(isSettingsTab(params.tab) ? { initialTab: params.tab } : {})} />}
      </Route>
      <Route>
        <Redirect to={ROUTES.dashboard} />
      </Route>
    </Switch>
  );
}
