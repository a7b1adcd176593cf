import { Redirect, Route, Switch } from 'wouter';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../context/services';
import { MembersPage } from '../features/members/MembersPage';
import { SettingsPage } from '../features/settings/SettingsPage';

export const ROUTES = {
  members: (listKey: string) => `/hoi-vien/${encodeURIComponent(listKey)}`,
  settings: '/cai-dat',
} as const;

export function AppRoutes() {
  const { repos } = useServices();
  const lists = useLiveQuery(() => repos.catalogue.memberLists(), [repos]);
  const firstList = lists?.find((l) => !l.hidden);
  return (
    <Switch>
      <Route path="/hoi-vien/:listKey">{(params) => <MembersPage key={params.listKey} listKey={decodeURIComponent(params.listKey)} />}</Route>
      <Route path={ROUTES.settings}>
        <SettingsPage />
      </Route>
      <Route>{lists ? <Redirect to={firstList ? ROUTES.members(firstList.key) : ROUTES.settings} /> : null}</Route>
    </Switch>
  );
}
