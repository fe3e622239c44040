/**
 * #/banking/ID/match: keyboard-first matching. The bank lines on the left (virtualised), the
 * selected line's ledger suggestions on the right with their score and reasons.
 * Keys: ↑/↓ move, Enter confirms the top suggestion, 1–9 pick suggestion N, S splits the line,
 * C creates a ledger entry from it, U unmatches a matched line (with a reason).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BankAccount } from '../../../shared/contract-money';
import type { BankLineRow, Suggestion } from '../../../shared/contract-banking';
import { formatPence } from '../../../shared/money';
import { call, toApiError, useQuery, type ApiError } from '../api';
import { Alert, Button, ErrorAlert } from '../ui';
import { AccountFrame } from './AccountFrame';
import { Flow, isTyping, useClientNames } from './common';
import { CreateEntryDialog, SplitDialog, UnmatchDialog } from './MatchDialogs';

const ROW_HEIGHT = 64;
const PAGE = 1000;

type View = 'unmatched' | 'matched';

export function MatchScreen({ accountId }: { accountId: number }) {
  return (
    <AccountFrame accountId={accountId} tab="match" lead="Keyboard first: ↑ and ↓ move between lines, Enter confirms the top suggestion.">
      {(account, reloadAccount) => <Matcher account={account} reloadAccount={reloadAccount} />}
    </AccountFrame>
  );
}

function Matcher({ account, reloadAccount }: { account: BankAccount; reloadAccount: () => void }) {
  const [view, setView] = useState<View>('unmatched');
  const lines = useQuery('bank.lines', { bankAccountId: account.id, status: view, offset: 0, limit: PAGE });
  const names = useClientNames();
  const [index, setIndex] = useState(0);
  const [dialog, setDialog] = useState<null | 'split' | 'create' | 'unmatch'>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string>('');
  // While the list reloads after a match, keep showing the last answer so focus and place are kept.
  const last = useRef<{ view: View; rows: BankLineRow[]; total: number } | null>(null);
  if (lines.status === 'ok') last.current = { view, rows: lines.data.rows, total: lines.data.total };
  const kept = last.current && last.current.view === view ? last.current : null;
  const rows: BankLineRow[] = kept ? kept.rows : [];
  const current = rows[Math.min(index, rows.length - 1)] ?? null;
  const suggestions = useQuery('bank.suggestions', { bankLineId: current?.id ?? 1, limit: 9 });
  const sugg: Suggestion[] = current && current.status === 'unmatched' && suggestions.status === 'ok' ? suggestions.data : [];
  const listRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (i) => rows[i]?.id ?? i,
  });

  useEffect(() => {
    if (rows.length > 0 && index > rows.length - 1) setIndex(rows.length - 1);
  }, [rows.length, index]);

  const move = useCallback(
    (to: number) => {
      if (rows.length === 0) return;
      const next = Math.max(0, Math.min(rows.length - 1, to));
      setIndex(next);
      setError(null);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [rows.length, virtualizer],
  );

  const after = useCallback(
    (message: string) => {
      setNotice(message);
      setDialog(null);
      lines.reload();
      reloadAccount();
    },
    [lines, reloadAccount],
  );

  const matchTo = useCallback(
    async (picked: Suggestion[]) => {
      if (!current || picked.length === 0) return;
      setBusy(true);
      setError(null);
      try {
        await call('bank.match', { bankLineId: current.id, entryIds: picked.map((s) => s.entryId) });
        const who = [...new Set(picked.map((s) => s.clientName))].join(' and ');
        after(`Matched the ${current.date} line of ${formatPence(Math.abs(current.amount))} (${current.description}) to ${picked.length === 1 ? `entry ${picked[0]!.entryId}` : `${picked.length} entries`} for ${who}.`);
      } catch (e) {
        setError(toApiError(e));
      } finally {
        setBusy(false);
      }
    },
    [current, after],
  );

  // The keys work anywhere on the screen except while typing or in a dialog.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || dialog !== null || busy || isTyping(e.target)) return;
      const k = e.key;
      if (k === 'ArrowDown' || k === 'ArrowUp') {
        e.preventDefault();
        move(index + (k === 'ArrowDown' ? 1 : -1));
        return;
      }
      if (!current) return;
      if (k === 'Enter' && current.status === 'unmatched') {
        if ((e.target as HTMLElement | null)?.closest?.('button, a')) return;
        e.preventDefault();
        const top = sugg[0];
        if (top) void matchTo([top]);
        else setNotice('There is no suggestion for this line: press C to create an entry from it, or S to split it.');
      } else if (/^[1-9]$/.test(k) && current.status === 'unmatched') {
        const s = sugg[Number(k) - 1];
        if (s) {
          e.preventDefault();
          void matchTo([s]);
        }
      } else if ((k === 's' || k === 'S') && current.status === 'unmatched') {
        e.preventDefault();
        setDialog('split');
      } else if ((k === 'c' || k === 'C') && current.status === 'unmatched') {
        e.preventDefault();
        setDialog('create');
      } else if ((k === 'u' || k === 'U') && current.status === 'matched') {
        e.preventDefault();
        setDialog('unmatch');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, busy, move, index, current, sugg, matchTo]);

  const total = kept ? kept.total : 0;
  const activeId = current ? `bk-line-${current.id}` : undefined;

  return (
    <>
      <div className="bk-match-top">
        <div className="bk-segmented" role="group" aria-label="Show">
          {(['unmatched', 'matched'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className={v === view ? 'bk-seg bk-seg-on' : 'bk-seg'}
              aria-pressed={v === view}
              onClick={() => {
                setView(v);
                setIndex(0);
                setNotice('');
                setError(null);
              }}
            >
              {v === 'unmatched' ? 'Unmatched lines' : 'Matched lines'}
            </button>
          ))}
        </div>
        <p className="muted bk-count" aria-live="polite">
          {kept ? `${total} ${view} line${total === 1 ? '' : 's'}${total > PAGE ? ` (showing the first ${PAGE})` : ''}` : 'Loading…'}
        </p>
      </div>
      <KeyHelp />
      <p className="bk-notice" role="status" aria-live="polite">
        {notice}
      </p>
      {lines.status === 'error' ? <ErrorAlert error={lines.error} /> : null}
      {kept && rows.length === 0 ? (
        <Alert tone="success">
          <p>{view === 'unmatched' ? 'Every bank line is matched to the ledger.' : 'No lines are matched yet.'}</p>
        </Alert>
      ) : null}
      {rows.length > 0 ? (
        <div className="bk-match">
          <div
            ref={listRef}
            className="bk-lines"
            role="listbox"
            aria-label={view === 'unmatched' ? 'Unmatched bank lines' : 'Matched bank lines'}
            tabIndex={0}
            aria-activedescendant={activeId}
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((v) => {
                const l = rows[v.index]!;
                const selected = l.id === current?.id;
                return (
                  <div
                    key={v.key}
                    id={`bk-line-${l.id}`}
                    role="option"
                    aria-selected={selected}
                    className={selected ? 'bk-line bk-line-selected' : 'bk-line'}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                    onClick={() => move(v.index)}
                  >
                    <span className="bk-line-date">
                      {l.date}
                      {l.status === 'matched' ? (
                        <span className="bk-line-who">
                          {' · '}
                          {l.clientIds.map((id) => names?.get(id) ?? `Client ${id}`).join(', ')}
                          {l.reconciliationId ? ' · reconciled' : ''}
                        </span>
                      ) : null}
                    </span>
                    <span className="bk-line-amount">
                      <Flow pence={l.amount} />
                    </span>
                    <span className="bk-line-desc">
                      {l.description}
                      {l.reference ? <span className="muted"> · {l.reference}</span> : null}
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
          {current ? (
            <section className="bk-detail" aria-label="The selected line">
              <h2 className="bk-detail-title">
                {current.date} · <Flow pence={current.amount} />
              </h2>
              <p className="bk-detail-desc">
                {current.description}
                {current.reference ? ` · reference ${current.reference}` : ''}
                <span className="muted"> · statement line {current.sourceLine}</span>
              </p>
              {error ? <ErrorAlert error={error} /> : null}
              {current.status === 'unmatched' ? (
                <Suggestions
                  state={suggestions.status}
                  error={suggestions.error}
                  list={sugg}
                  busy={busy}
                  onPick={(s) => void matchTo([s])}
                  onSplit={() => setDialog('split')}
                  onCreate={() => setDialog('create')}
                  pooled={account.kind === 'pooled'}
                />
              ) : (
                <div>
                  <p>
                    Matched to {current.entryIds.length === 1 ? 'entry' : 'entries'} {current.entryIds.join(', ')} for{' '}
                    {current.clientIds.map((id) => names?.get(id) ?? `Client ${id}`).join(', ')}.
                  </p>
                  {current.reconciliationId ? (
                    <Alert tone="info">
                      <p>This line is in a reconciliation. Un-reconcile first (Reconcile tab) to unmatch it.</p>
                    </Alert>
                  ) : null}
                  <Button onClick={() => setDialog('unmatch')}>
                    <kbd>U</kbd> Unmatch…
                  </Button>
                </div>
              )}
            </section>
          ) : null}
        </div>
      ) : null}
      {dialog === 'split' && current ? <SplitDialog line={current} account={account} names={names} onClose={() => setDialog(null)} onDone={after} /> : null}
      {dialog === 'create' && current ? <CreateEntryDialog line={current} account={account} names={names} onClose={() => setDialog(null)} onDone={after} /> : null}
      {dialog === 'unmatch' && current ? <UnmatchDialog line={current} onClose={() => setDialog(null)} onDone={after} /> : null}
    </>
  );
}

function Suggestions({
  state,
  error,
  list,
  busy,
  onPick,
  onSplit,
  onCreate,
  pooled,
}: {
  state: 'loading' | 'ok' | 'error';
  error: ApiError | null;
  list: Suggestion[];
  busy: boolean;
  onPick: (s: Suggestion) => void;
  onSplit: () => void;
  onCreate: () => void;
  pooled: boolean;
}) {
  return (
    <>
      <h3 className="bk-sugg-title">Suggestions</h3>
      {state === 'loading' ? <p className="muted">Looking for ledger entries…</p> : null}
      {error ? <ErrorAlert error={error} /> : null}
      {state === 'ok' && list.length === 0 ? <p>No ledger entry of this direction within 14 days. Create one from the line (C){pooled ? ' or split it (S)' : ''}.</p> : null}
      {list.length > 0 ? (
        <ol className="bk-sugg">
          {list.map((s, i) => (
            <li key={s.entryId} className={s.amountEqual ? 'bk-sugg-item' : 'bk-sugg-item bk-sugg-partial'}>
              <button type="button" className="bk-sugg-button" disabled={busy} onClick={() => onPick(s)} aria-label={`Match suggestion ${i + 1}: ${s.clientName}, ${s.date}, ${formatPence(Math.abs(s.amount))}`}>
                <kbd>{i + 1}</kbd>
              </button>
              <div className="bk-sugg-body">
                <div className="bk-sugg-head">
                  <strong>{s.clientName}</strong> · {s.date} · {s.kind} · <Flow pence={s.amount} />
                  <span className="bk-score" title="Score out of 100">
                    {s.score}
                    <span className="sr-only"> out of 100</span>
                  </span>
                </div>
                <div className="muted bk-small">
                  {[s.payeeName, s.reference, s.memo].filter(Boolean).join(' · ') || `Entry ${s.entryId}`}
                </div>
                <div className="bk-reasons">{s.reasons.join('; ')}</div>
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="bk-actions">
        <Button onClick={onSplit}>
          <kbd>S</kbd> Split…
        </Button>
        <Button onClick={onCreate}>
          <kbd>C</kbd> Create an entry…
        </Button>
      </div>
    </>
  );
}

function KeyHelp() {
  return (
    <details className="bk-keys" open>
      <summary>Keys</summary>
      <ul>
        <li>
          <kbd>↑</kbd> <kbd>↓</kbd> move between lines
        </li>
        <li>
          <kbd>Enter</kbd> confirm the top suggestion
        </li>
        <li>
          <kbd>1</kbd>–<kbd>9</kbd> match suggestion N
        </li>
        <li>
          <kbd>S</kbd> split across entries or clients
        </li>
        <li>
          <kbd>C</kbd> create a ledger entry from the line
        </li>
        <li>
          <kbd>U</kbd> unmatch (matched lines)
        </li>
      </ul>
    </details>
  );
}
