/**
 * Pieces the banking screens share: the account's sub-navigation, client names, signed amounts
 * and the "money in / money out" words. Classes are prefixed bk- (styles-banking.css).
 */
import { useRef, type ReactNode } from 'react';
import type { BankAccount } from '../../../shared/contract-money';
import { formatPence } from '../../../shared/money';
import { useQuery, type ApiError } from '../api';

export type BankTab = 'overview' | 'import' | 'match' | 'reconcile' | 'payments';

const TABS: ReadonlyArray<{ key: BankTab; label: string; path: string }> = [
  { key: 'overview', label: 'Overview', path: '' },
  { key: 'import', label: 'Import a statement', path: '/import' },
  { key: 'match', label: 'Match', path: '/match' },
  { key: 'reconcile', label: 'Reconcile', path: '/reconcile' },
  { key: 'payments', label: 'Bulk payments', path: '/payments' },
];

export function accountHref(accountId: number, tab: BankTab = 'overview'): string {
  return `#/banking/${accountId}${TABS.find((t) => t.key === tab)?.path ?? ''}`;
}

/** The links between one account's banking screens; the current one is marked for screen readers. */
export function AccountTabs({ accountId, current }: { accountId: number; current: BankTab }) {
  return (
    <nav className="bk-tabs" aria-label="Banking for this account">
      <a className="bk-back" href="#/banking">
        All bank accounts
      </a>
      <ul>
        {TABS.map((t) => (
          <li key={t.key}>
            <a className={t.key === current ? 'bk-tab bk-tab-current' : 'bk-tab'} href={accountHref(accountId, t.key)} aria-current={t.key === current ? 'page' : undefined}>
              {t.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** "£12.00 in" / "£12.00 out": the direction in words, never by colour alone. */
export function Flow({ pence }: { pence: number }) {
  return (
    <span className={pence < 0 ? 'bk-flow bk-flow-out' : 'bk-flow bk-flow-in'}>
      {formatPence(Math.abs(pence))} <span className="bk-flow-word">{pence < 0 ? 'out' : 'in'}</span>
    </span>
  );
}

/** A signed difference: "£0.00" when none, else "+£1.00" / "−£1.00" with a real minus sign. */
export function signed(p: number): string {
  if (p === 0) return formatPence(0);
  return `${p > 0 ? '+' : '\u2212'}${formatPence(Math.abs(p))}`;
}

export function kindLabel(kind: BankAccount['kind']): string {
  return kind === 'pooled' ? 'Pooled' : 'Dedicated';
}

export function sortCodeText(s: string): string {
  return /^\d{6}$/.test(s) ? `${s.slice(0, 2)}-${s.slice(2, 4)}-${s.slice(4)}` : s;
}

/** Client id → name, from client.list (null until it answers). */
export function useClientNames(): Map<number, string> | null {
  const q = useQuery('client.list', {});
  if (q.status !== 'ok') return null;
  return new Map(q.data.map((c) => [c.id, c.name]));
}

/** One bank account from bankAccount.list; while it reloads, the last answer is kept so the screen under it stays mounted. */
export function useBankAccount(accountId: number): { account: BankAccount | null; loading: boolean; error: ApiError | null; reload: () => void } {
  const q = useQuery('bankAccount.list', {});
  const last = useRef<BankAccount[] | null>(null);
  if (q.status === 'ok') last.current = q.data;
  const list = q.status === 'ok' ? q.data : last.current;
  return {
    account: list ? (list.find((a) => a.id === accountId) ?? null) : null,
    loading: list === null && q.status === 'loading',
    error: q.error,
    reload: q.reload,
  };
}

/** A small term/value list for summaries. */
export function Facts({ items }: { items: ReadonlyArray<[string, ReactNode]> }) {
  return (
    <dl className="bk-facts">
      {items.map(([term, value]) => (
        <div key={term} className="bk-fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable || target.closest('dialog') !== null;
}
