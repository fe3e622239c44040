/**
 * Today's date by the app's clock (the server's, which tests fix), not the browser's: app.info
 * answers with it.
 */
import { useQuery } from '../api';

export function useToday(): { status: 'loading' | 'ok' | 'error'; today: string | null } {
  const info = useQuery('app.info', {});
  if (info.status === 'ok') return { status: 'ok', today: info.data.today };
  return { status: info.status, today: null };
}
