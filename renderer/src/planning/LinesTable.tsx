/**
 * The keyboard-first costed lines table. Tab and Shift+Tab move between cells; ↑ and ↓ in a text
 * cell move to the same cell in the row above or below; Alt+N (or Enter in the last row) adds a
 * line and puts the cursor in its first cell. Totals update as you type (a preview by the rule in
 * format.ts); after "Save lines" the server's figures are shown and are the ones that count.
 */
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { LINE_TYPES, LINE_UNITS, type BudgetCheck, type Plan, type Provider } from '../../../shared/contract-planning';
import type { Pa } from '../../../shared/contract-payroll';
import { CATEGORIES, CATEGORY_LABEL } from '../../../shared/domain';
import { formatPence } from '../../../shared/money';
import { LINE_TYPE_LABEL, UNIT_LABEL, isWeeklyUnit } from './format';
import { DEFAULT_CATEGORY, DEFAULT_UNIT, blankLine, previewOf, type DraftLine } from './lines';

const COLS = ['type', 'description', 'who', 'quantity', 'unit', 'rate', 'startDate', 'endDate', 'holidayWeeks', 'category'] as const;

interface Props {
  rows: DraftLine[];
  onChange: (rows: DraftLine[]) => void;
  editable: boolean;
  providers: Provider[];
  pas: Pa[];
  /** The row and field the last error was about, to mark the cell. */
  problem: { row: number; field: string } | null;
  saved: Plan;
}

export function LinesTable({ rows, onChange, editable, providers, pas, problem, saved }: Props) {
  const tableRef = useRef<HTMLTableElement>(null);
  const focusCell = (row: number, col: number) => {
    tableRef.current?.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`)?.focus();
  };
  /** A cell to focus once the rows it is in have been drawn (a new line's first cell). */
  const pendingFocus = useRef<{ row: number; col: number } | null>(null);
  useLayoutEffect(() => {
    const f = pendingFocus.current;
    if (f && f.row < rows.length) {
      pendingFocus.current = null;
      focusCell(f.row, f.col);
    }
  }, [rows]);
  const set = (i: number, patch: Partial<DraftLine>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => {
    pendingFocus.current = { row: rows.length, col: 0 };
    onChange([...rows, blankLine()]);
  };
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  // Alt+N adds a line from anywhere on the page while the plan can be edited.
  const addRef = useRef(add);
  addRef.current = add;
  // A layout effect, so the shortcut works from the moment the table is on screen.
  useLayoutEffect(() => {
    if (!editable) return undefined;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') {
        e.preventDefault();
        addRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editable]);

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const t = e.target as HTMLElement;
    const row = Number(t.dataset.row ?? NaN);
    const col = Number(t.dataset.col ?? NaN);
    if (Number.isNaN(row) || Number.isNaN(col)) return;
    const isText = t instanceof HTMLInputElement;
    if (e.key === 'Enter' && isText) {
      e.preventDefault();
      if (row === rows.length - 1) add();
      else focusCell(row + 1, col);
      return;
    }
    if (isText && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      const next = row + (e.key === 'ArrowDown' ? 1 : -1);
      if (next >= 0 && next < rows.length) {
        e.preventDefault();
        focusCell(next, col);
      }
    }
  };

  const live = rows.map(previewOf);
  const liveAnnual = live.reduce((s, p) => s + (p?.annual ?? 0), 0);
  const liveWeekly = live.reduce((s, p) => s + (p?.weekly ?? 0), 0);
  const cellBad = (i: number, f: string) => (problem && problem.row === i && problem.field === f ? true : undefined);
  const providerOptions = (type: DraftLine['type']) => {
    const want: Record<string, string[]> = {
      'agency-hours': ['agency'],
      respite: ['agency', 'day-service', 'other'],
      'day-activity': ['day-service', 'activity'],
      therapy: ['therapist'],
      'community-activity': ['activity', 'day-service'],
      equipment: ['supplier'],
      transport: ['supplier', 'other'],
    };
    const kinds = want[type];
    return kinds ? providers.filter((p) => kinds.includes(p.type)) : providers;
  };

  return (
    <div className="pl-lines">
      <div className="table-wrap">
        <table className="data-table pl-lines-table" ref={tableRef} onKeyDown={onKeyDown} aria-describedby="pl-lines-help">
          <caption className="sr-only">Costed lines</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
              <th scope="col">Provider or PA</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit</th>
              <th scope="col">Rate (£)</th>
              <th scope="col" className="num">
                Weekly
              </th>
              <th scope="col" className="num">
                Annual
              </th>
              <th scope="col">Holiday weeks</th>
              <th scope="col">Start</th>
              <th scope="col">End</th>
              <th scope="col">Category</th>
              {editable ? (
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={editable ? 14 : 13} className="muted">
                  No lines yet.{editable ? ' Press Alt+N or “Add a line”.' : ''}
                </td>
              </tr>
            ) : null}
            {rows.map((r, i) => {
              const n = i + 1;
              const p = live[i];
              const savedLine = r.id !== null ? saved.lines.find((l) => l.id === r.id) : undefined;
              const cell = (col: (typeof COLS)[number]) => ({ 'data-row': i, 'data-col': COLS.indexOf(col), disabled: !editable, className: 'input pl-cell' });
              return (
                <tr key={r.key} className={p === null && editable ? 'pl-row-incomplete' : undefined}>
                  <th scope="row">{n}</th>
                  <td>
                    <select
                      {...cell('type')}
                      aria-label={`Line ${n} type`}
                      value={r.type}
                      onChange={(e) => {
                        const type = LINE_TYPES.find((t) => t === e.target.value) ?? 'other';
                        set(i, { type, unit: DEFAULT_UNIT[type], category: DEFAULT_CATEGORY[type], ...(type === 'pa-hours' ? {} : { paId: '' }) });
                      }}
                    >
                      {LINE_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {LINE_TYPE_LABEL[t]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input {...cell('description')} aria-label={`Line ${n} description`} value={r.description} onChange={(e) => set(i, { description: e.target.value })} />
                  </td>
                  <td>
                    {r.type === 'pa-hours' ? (
                      <select {...cell('who')} aria-label={`Line ${n} PA`} value={r.paId} onChange={(e) => set(i, { paId: e.target.value })}>
                        <option value="">PA to be recruited</option>
                        {pas.map((pa) => (
                          <option key={pa.id} value={pa.id}>
                            {pa.name}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <select {...cell('who')} aria-label={`Line ${n} provider`} aria-invalid={cellBad(i, 'providerId')} value={r.providerId} onChange={(e) => set(i, { providerId: e.target.value })}>
                        <option value="">No provider</option>
                        {providerOptions(r.type).map((pr) => (
                          <option key={pr.id} value={pr.id}>
                            {pr.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td>
                    <input {...cell('quantity')} inputMode="decimal" aria-label={`Line ${n} quantity`} aria-invalid={cellBad(i, 'quantity')} value={r.quantity} onChange={(e) => set(i, { quantity: e.target.value })} />
                  </td>
                  <td>
                    <select {...cell('unit')} aria-label={`Line ${n} unit`} value={r.unit} onChange={(e) => set(i, { unit: LINE_UNITS.find((u) => u === e.target.value) ?? 'one-off' })}>
                      {LINE_UNITS.map((u) => (
                        <option key={u} value={u}>
                          {UNIT_LABEL[u]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input {...cell('rate')} inputMode="decimal" aria-label={`Line ${n} rate in pounds`} aria-invalid={cellBad(i, 'rate')} value={r.rate} onChange={(e) => set(i, { rate: e.target.value, grossHourlyRate: null, onCostHourly: null, onCostTaxYear: null })} />
                  </td>
                  <td className="num" data-testid={`line-${n}-weekly`}>
                    {p ? formatPence(p.weekly) : '—'}
                    {savedLine && p && savedLine.weeklyCost !== p.weekly ? <span className="pl-saved-fig"> saved {formatPence(savedLine.weeklyCost)}</span> : null}
                  </td>
                  <td className="num" data-testid={`line-${n}-annual`}>
                    {p ? formatPence(p.annual) : '—'}
                  </td>
                  <td>
                    {isWeeklyUnit(r.unit) ? (
                      <input {...cell('holidayWeeks')} inputMode="decimal" aria-label={`Line ${n} holiday weeks`} aria-invalid={cellBad(i, 'holidayWeeks')} value={r.holidayWeeks} onChange={(e) => set(i, { holidayWeeks: e.target.value })} />
                    ) : (
                      <span className="muted">n/a</span>
                    )}
                  </td>
                  <td>
                    <input {...cell('startDate')} type="date" aria-label={`Line ${n} start date`} aria-invalid={cellBad(i, 'startDate')} value={r.startDate} onChange={(e) => set(i, { startDate: e.target.value })} />
                  </td>
                  <td>
                    <input {...cell('endDate')} type="date" aria-label={`Line ${n} end date`} aria-invalid={cellBad(i, 'endDate')} value={r.endDate} onChange={(e) => set(i, { endDate: e.target.value })} />
                  </td>
                  <td>
                    <select {...cell('category')} aria-label={`Line ${n} category`} value={r.category} onChange={(e) => set(i, { category: CATEGORIES.find((c) => c === e.target.value) ?? 'other' })}>
                      {CATEGORIES.map((c) => (
                        <option key={c} value={c}>
                          {CATEGORY_LABEL[c]}
                        </option>
                      ))}
                    </select>
                  </td>
                  {editable ? (
                    <td>
                      <button type="button" className="btn btn-quiet pl-remove" aria-label={`Remove line ${n}`} onClick={() => remove(i)}>
                        ✕
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr className="pl-total-row">
              <th scope="row" colSpan={7}>
                Total {editable ? '(as typed)' : ''}
              </th>
              <td className="num" data-testid="live-weekly">
                {formatPence(liveWeekly)}
              </td>
              <td className="num" data-testid="live-annual">
                {formatPence(liveAnnual)}
              </td>
              <td colSpan={editable ? 5 : 4} />
            </tr>
          </tfoot>
        </table>
      </div>
      {editable ? (
        <p id="pl-lines-help" className="field-hint">
          Alt+N or Enter in the last row adds a line. Tab moves between cells; ↑ and ↓ move between rows. Weekly lines run 52 weeks less holiday weeks; totals round half up to the penny.
        </p>
      ) : (
        <p id="pl-lines-help" className="sr-only">
          Read-only lines.
        </p>
      )}
      {editable ? (
        <button type="button" className="btn btn-secondary" onClick={add}>
          Add a line (Alt+N)
        </button>
      ) : null}
    </div>
  );
}

/** Budget and gap, live while typing and the server's figures after save. */
export function BudgetGap({ liveAnnual, check, dirty }: { liveAnnual: number; check: BudgetCheck | null; dirty: boolean }) {
  if (!check) return null;
  if (check.budgetAnnual === null) return <p className="pl-gap pl-gap-warn">No personal budget is set for this plan’s start date; set one before submitting.</p>;
  const budget = check.budgetAnnual;
  const gap = dirty ? budget - liveAnnual : (check.gap ?? 0);
  const underLimit = Math.floor((budget * check.underWarnBps) / 10000);
  const tone = gap < 0 ? 'over' : gap > underLimit ? 'warn' : 'ok';
  return (
    <div className={`pl-gap pl-gap-${tone}`} role="status" data-testid="budget-gap">
      <p>
        <strong>Budget</strong> {formatPence(budget)} a year ({formatPence(check.budgetWeekly ?? 0)} a week).{' '}
        {gap < 0
          ? `Over budget by ${formatPence(-gap)}.`
          : gap > underLimit
            ? `Under budget by ${formatPence(gap)}, more than ${(check.underWarnBps / 100).toFixed(0)}% of the budget: check the plan meets the person’s needs.`
            : `Within budget: ${formatPence(gap)} left.`}
        {dirty ? ' (As typed; save to check.)' : ' (Checked by Steward.)'}
      </p>
      {!dirty
        ? check.messages.map((m) => (
            <p key={m.code} className={m.level === 'error' ? 'pl-msg-error' : 'pl-msg-warn'}>
              {m.message}
            </p>
          ))
        : null}
    </div>
  );
}
