/**
 * The latest period whose figures were handed over (chốt số liệu), so a change
 * dated inside it can warn that it alters figures already sent.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../context/services';
import type { Handover } from '../../shared/domain/types';

export function useLatestHandover(): Handover | undefined {
  const { repos } = useServices();
  return useLiveQuery(async () => (await repos.handovers.all())[0], [repos]);
}
