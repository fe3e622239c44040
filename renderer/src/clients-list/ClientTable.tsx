/**
 * The clients table, virtualised: only the rows in view (plus a few) are in the DOM, so 5,000
 * clients scroll and filter smoothly. Rows use a roving tabindex: Tab reaches the table once, the
 * arrow keys, Page Up/Down, Home and End move between rows, Enter opens the client.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ALERT_LABEL, ARRANGEMENT_LABEL } from '../../../shared/domain';
import type { ClientSummary } from '../../../shared/contract-money';
import { go } from '../routes';
import { Money } from '../ui/Money';
import { ALERT_TONE, formatWeeks, STATUS_LABEL } from './labels';

const ROW_HEIGHT = 52;
const HEAD_HEIGHT = 44;
const PAGE_ROWS = 10;

interface ClientTableProps {
  rows: readonly ClientSummary[];
  /** Changes whenever the filters change: the table goes back to the top. */
  resetKey: string;
  /** Accessible name of the table. */
  label: string;
}

export function ClientTable({ rows, resetKey, label }: ClientTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
    getItemKey: (i) => rows[i]?.id ?? i,
  });

  // New filters: back to the first row, scrolled to the top.
  useEffect(() => {
    setActive(0);
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  // After a keyboard move has scrolled the row into the DOM, give it focus.
  useEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${i}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    setActive(next);
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, index: number, client: ClientSummary) => {
    switch (e.key) {
      case 'Enter':
      case ' ':
        e.preventDefault();
        go(`#/clients/${client.id}`);
        return;
      case 'ArrowDown':
        e.preventDefault();
        moveTo(index + 1);
        return;
      case 'ArrowUp':
        e.preventDefault();
        moveTo(index - 1);
        return;
      case 'PageDown':
        e.preventDefault();
        moveTo(index + PAGE_ROWS);
        return;
      case 'PageUp':
        e.preventDefault();
        moveTo(index - PAGE_ROWS);
        return;
      case 'Home':
        e.preventDefault();
        moveTo(0);
        return;
      case 'End':
        e.preventDefault();
        moveTo(rows.length - 1);
        return;
      default:
    }
  };

  const items = virtualizer.getVirtualItems();
  const tabbable = Math.min(active, rows.length - 1);

  return (
    <div className="client-table-scroll" ref={scrollRef}>
      <table className="client-table" aria-label={label} aria-rowcount={rows.length + 1}>
        <thead style={{ height: HEAD_HEIGHT }}>
          <tr aria-rowindex={1}>
            <th scope="col">Name</th>
            <th scope="col">Council ref</th>
            <th scope="col">Funder</th>
            <th scope="col">Arrangement</th>
            <th scope="col">Status</th>
            <th scope="col" className="money">
              Balance
            </th>
            <th scope="col" className="num">
              Weeks held
            </th>
            <th scope="col">Alerts</th>
          </tr>
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const c = rows[v.index];
            if (!c) return null;
            const preferred = c.preferredName && c.preferredName !== c.name.split(' ')[0] ? c.preferredName : '';
            const funders = c.funderNames.join(', ');
            return (
              <tr
                key={v.key}
                data-index={v.index}
                aria-rowindex={v.index + 2}
                tabIndex={v.index === tabbable ? 0 : -1}
                className={c.status === 'active' ? 'client-row' : 'client-row is-inactive'}
                style={{ height: ROW_HEIGHT, transform: `translateY(${v.start - HEAD_HEIGHT}px)` }}
                onClick={() => go(`#/clients/${c.id}`)}
                onFocus={() => setActive(v.index)}
                onKeyDown={(e) => onKeyDown(e, v.index, c)}
              >
                <td className="client-name">
                  <a href={`#/clients/${c.id}`} tabIndex={-1} onClick={(e) => e.stopPropagation()}>
                    {c.name}
                  </a>
                  {preferred ? <span className="client-preferred">Prefers “{preferred}”</span> : null}
                </td>
                <td className="client-ref">{c.councilReference || <span className="muted">–</span>}</td>
                <td className="truncate" title={funders}>
                  {funders}
                </td>
                <td className="truncate" title={ARRANGEMENT_LABEL[c.arrangement]}>
                  {ARRANGEMENT_LABEL[c.arrangement]}
                </td>
                <td>
                  <span className={`status status-${c.status}`}>{STATUS_LABEL[c.status]}</span>
                </td>
                <td className="money">
                  <Money pence={c.balance} />
                </td>
                <td className="num">{formatWeeks(c.weeksHeld)}</td>
                <td className="client-alerts">
                  {c.alertKinds.length === 0 ? (
                    <span className="sr-only">None</span>
                  ) : (
                    c.alertKinds.map((k) => (
                      <span key={k} className={`badge badge-${ALERT_TONE[k]}`}>
                        {ALERT_LABEL[k]}
                      </span>
                    ))
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
