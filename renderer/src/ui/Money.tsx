import { formatPence, type Pence } from '../../../shared/money';

/** Money is pence end to end; this is the only place it becomes text on screen. */
export function Money({ pence }: { pence: Pence | number }) {
  return <span className={pence < 0 ? 'money money-negative' : 'money'}>{formatPence(pence)}</span>;
}
