/**
 * The unit's catalogues as live lists. Until a list is loaded the same empty
 * array is returned, so memoised views built on it do not rebuild every render.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../context/services';
import type { Dc01Category, Hamlet, MemberList, Officer } from '../../shared/domain/types';

const NONE: readonly never[] = [];

export function useCatalogues(): {
  hamlets: readonly Hamlet[];
  officers: readonly Officer[];
  memberLists: readonly MemberList[] | undefined;
  categories: readonly Dc01Category[];
} {
  const { repos } = useServices();
  const hamlets = useLiveQuery(() => repos.catalogue.hamlets(), [repos]);
  const officers = useLiveQuery(() => repos.officers.list(), [repos]);
  const memberLists = useLiveQuery(() => repos.catalogue.memberLists(), [repos]);
  const categories = useLiveQuery(() => repos.catalogue.dc01Categories(), [repos]);
  return { hamlets: hamlets ?? NONE, officers: officers ?? NONE, memberLists, categories: categories ?? NONE };
}
