/**
 * #/payroll/CLIENT_ID/timesheets/new and #/payroll/CLIENT_ID/timesheets/TS_ID: the keyboard-first
 * timesheet grid. Rows are the days of the period, columns the rate types the PA has a rate for.
 * Arrow keys move between cells (up/down a day, left/right a rate type), Enter moves down, Tab as
 * usual. Totals and pay are worked out here as the server does (each line hours × rate, rounded
 * half up to the penny); after saving, the server's gross pay and minimum-wage result are shown.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Employer, Pa } from '../../../shared/contract-payroll';
import { RATE_TYPES, type RateType, type Timesheet } from '../../../shared/contract-timesheets';
import { isIsoDate } from '../../../shared/dates';
import { call, useQuery } from '../api';
import { useUnsavedGuard } from '../session';
import { Alert, Button, EmptyState, ErrorAlert, Money, TextInput } from '../ui';
import { Select } from '../clients-list/fields';
import { useSave } from '../clients-list/useSave';
import { ScreenHeading } from '../screens/ScreenHeading';
import { BANK_HOLIDAYS, RATE_LABEL, currentPeriod, dayLabel, daysOf, hoursText, isWeekend, linePay, readCell } from './hours';
import { ImportCsv } from './ImportCsv';
import { MinimumWageSummary } from './MinimumWageSummary';
import { rateOf } from './rates';
import { useToday } from './useToday';
import '../styles-timesheets.css';

interface Props {
  clientId: number;
  timesheetId: number | null;
}

export function TimesheetGrid({ clientId, timesheetId }: Props) {
  return timesheetId === null ? <NewSheet clientId={clientId} /> : <ExistingSheet clientId={clientId} id={timesheetId} />;
}

function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="muted">
      Loading {what}…
    </p>
  );
}

function NewSheet({ clientId }: { clientId: number }) {
  const employer = useQuery('employer.get', { clientId });
  const pas = useQuery('pa.list', { clientId });
  const today = useToday();
  for (const q of [employer, pas]) {
    if (q.status === 'error') return <LoadError error={q.error} reload={q.reload} clientId={clientId} />;
  }
  if (employer.status !== 'ok' || pas.status !== 'ok' || today.status === 'loading') return <Loading what="the timesheet" />;
  if (employer.data === null) return <NotEmployer clientId={clientId} />;
  const current = pas.data.filter((p) => p.leavingDate === null);
  if (current.length === 0) {
    return (
      <>
        <Back clientId={clientId} />
        <ScreenHeading title="New timesheet" />
        <EmptyState title="No current PAs">
          <p>Timesheets are for the PAs {employer.data.clientName} employs. Add a PA on the employer page first.</p>
          <p>
            <a href={`#/payroll/${clientId}`}>Back to {employer.data.clientName}</a>
          </p>
        </EmptyState>
      </>
    );
  }
  // Today's period by the employer's pay frequency; the last week if the app's date is unknown.
  const period = today.today ? currentPeriod(employer.data.payFrequency, today.today) : null;
  return <GridForm clientId={clientId} employer={employer.data} pas={pas.data} sheet={null} period={period} />;
}

function ExistingSheet({ clientId, id }: { clientId: number; id: number }) {
  const employer = useQuery('employer.get', { clientId });
  const pas = useQuery('pa.list', { clientId });
  const sheet = useQuery('timesheet.get', { id });
  for (const q of [employer, pas, sheet]) {
    if (q.status === 'error') return <LoadError error={q.error} reload={q.reload} clientId={clientId} />;
  }
  if (employer.status !== 'ok' || pas.status !== 'ok' || sheet.status !== 'ok') return <Loading what="the timesheet" />;
  if (employer.data === null) return <NotEmployer clientId={clientId} />;
  return <GridForm clientId={clientId} employer={employer.data} pas={pas.data} sheet={sheet.data} period={null} />;
}

function Back({ clientId }: { clientId: number }) {
  return (
    <p className="pr-back">
      <a href={`#/payroll/${clientId}`}>Back to the employer</a>
    </p>
  );
}

function LoadError({ error, reload, clientId }: { error: Parameters<typeof ErrorAlert>[0]['error']; reload: () => void; clientId: number }) {
  return (
    <>
      <Back clientId={clientId} />
      <ScreenHeading title="Timesheet" />
      <ErrorAlert error={error}>
        <Button onClick={reload}>Try again</Button>
      </ErrorAlert>
    </>
  );
}

function NotEmployer({ clientId }: { clientId: number }) {
  return (
    <>
      <ScreenHeading title="Timesheet" />
      <EmptyState title="This client is not set up as an employer">
        <p>Set the client up as an employer and add their PAs before entering timesheets.</p>
        <p>
          <a href={`#/payroll/${clientId}`}>Back to the employer</a>
        </p>
      </EmptyState>
    </>
  );
}

const keyOf = (date: string, rate: RateType) => `${date}|${rate}`;

/** The id of a timesheet just created here, so its own screen opens with the "saved" result showing. */
let justCreated: number | null = null;

function cellsOf(sheet: Timesheet | null): Record<string, string> {
  // Two lines for the same day and rate type are added together in one cell.
  const sums = new Map<string, number>();
  for (const l of sheet?.lines ?? []) sums.set(keyOf(l.date, l.rateType), (sums.get(keyOf(l.date, l.rateType)) ?? 0) + l.hours);
  return Object.fromEntries([...sums].map(([k, h]) => [k, hoursText(h)]));
}

interface GridFormProps {
  clientId: number;
  employer: Employer;
  pas: readonly Pa[];
  sheet: Timesheet | null;
  period: { start: string; end: string } | null;
}

type FieldKey = 'paId' | 'periodStart' | 'periodEnd' | 'lines';

function GridForm({ clientId, employer, pas, sheet, period }: GridFormProps) {
  const saving = useSave();
  const tableRef = useRef<HTMLTableElement>(null);
  const choosable = sheet ? pas : pas.filter((p) => p.leavingDate === null);
  const [paId, setPaId] = useState<string>(sheet ? String(sheet.paId) : choosable.length === 1 ? String(choosable[0]!.id) : '');
  const [periodStart, setPeriodStart] = useState(sheet?.periodStart ?? period?.start ?? '');
  const [periodEnd, setPeriodEnd] = useState(sheet?.periodEnd ?? period?.end ?? '');
  const initialCells = useMemo(() => cellsOf(sheet), [sheet]);
  const [cells, setCells] = useState<Record<string, string>>(initialCells);
  const [baseline, setBaseline] = useState(() => JSON.stringify({ paId, periodStart, periodEnd, cells: initialCells }));
  const [blurred, setBlurred] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Timesheet | null>(sheet);
  const [savedNow, setSavedNow] = useState(() => {
    const fresh = sheet !== null && justCreated === sheet.id;
    if (fresh) justCreated = null;
    return fresh;
  });
  const [importing, setImporting] = useState(false);

  const dirty = JSON.stringify({ paId, periodStart, periodEnd, cells }) !== baseline;
  useUnsavedGuard(dirty);

  const pa = pas.find((p) => String(p.id) === paId) ?? null;
  const approved = saved?.status === 'approved';
  const periodOk = isIsoDate(periodStart) && isIsoDate(periodEnd) && periodEnd >= periodStart;
  const days = periodOk ? daysOf(periodStart, periodEnd) : [];

  const columns: RateType[] = useMemo(() => {
    const used = new Set<RateType>(['standard']);
    if (pa) for (const r of RATE_TYPES) if (rateOf(pa, r) !== null) used.add(r);
    for (const k of Object.keys(cells)) if ((cells[k] ?? '').trim() !== '') used.add(k.split('|')[1] as RateType);
    return RATE_TYPES.filter((r) => used.has(r));
  }, [pa, cells]);

  // Client-side checks: each cell, then each day's total.
  const cellErrors: Record<string, string> = {};
  const hoursAt: Record<string, number> = {};
  for (const d of days) {
    let dayTotal = 0;
    for (const r of columns) {
      const k = keyOf(d, r);
      const read = readCell(cells[k] ?? '');
      if (!read.ok) cellErrors[k] = read.message;
      else {
        hoursAt[k] = read.hours;
        dayTotal += read.hours;
      }
    }
    if (dayTotal > 2400) {
      const last = [...columns].reverse().find((r) => (hoursAt[keyOf(d, r)] ?? 0) > 0);
      if (last) cellErrors[keyOf(d, last)] = `The hours on ${dayLabel(d)} come to ${hoursText(dayTotal)}, more than 24 in a day.`;
    }
  }
  const fieldErrors: Partial<Record<FieldKey, string>> = {};
  if (submitted) {
    if (paId === '') fieldErrors.paId = 'Choose the PA whose hours these are.';
    if (!isIsoDate(periodStart)) fieldErrors.periodStart = 'Enter the first day of the period.';
    if (!isIsoDate(periodEnd)) fieldErrors.periodEnd = 'Enter the last day of the period.';
    else if (isIsoDate(periodStart) && periodEnd < periodStart) fieldErrors.periodEnd = 'The period ends before it starts.';
    else if (periodOk && days.length === 0) fieldErrors.periodEnd = 'A timesheet covers at most 62 days. Split a longer period.';
  }
  for (const f of ['paId', 'periodStart', 'periodEnd', 'lines'] as const) if (serverErrors[f] && !fieldErrors[f]) fieldErrors[f] = serverErrors[f];

  const shownError = (k: string): string | undefined => serverErrors[k] ?? (submitted || blurred.has(k) ? cellErrors[k] : undefined);

  // Totals worked out here: hours per row, column and in all; pay per line rounded half up.
  const colHours: Record<string, number> = {};
  const colPay: Record<string, number> = {};
  let totalHours = 0;
  let totalPay = 0;
  const rowTotals = days.map((d) => {
    let h = 0;
    let p = 0;
    for (const r of columns) {
      const hours = hoursAt[keyOf(d, r)] ?? 0;
      const rate = pa ? rateOf(pa, r) : null;
      const pay = rate === null ? 0 : linePay(hours, rate);
      h += hours;
      p += pay;
      colHours[r] = (colHours[r] ?? 0) + hours;
      colPay[r] = (colPay[r] ?? 0) + pay;
    }
    totalHours += h;
    totalPay += p;
    return { hours: h, pay: p };
  });

  const edit = (k: string, v: string) => {
    setCells((c) => ({ ...c, [k]: v }));
    setSavedNow(false);
    if (serverErrors[k] || serverErrors['lines']) {
      setServerErrors((e) => {
        const next = { ...e };
        delete next[k];
        delete next['lines'];
        return next;
      });
    }
    saving.clear();
  };

  const focusCell = (row: number, col: number) => {
    const el = tableRef.current?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-col="${col}"]`);
    if (el) {
      el.focus();
      el.select();
    }
  };

  const onCellKey = (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const el = e.currentTarget;
    const len = el.value.length;
    const all = el.selectionStart === 0 && el.selectionEnd === len;
    if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) {
      e.preventDefault();
      if (row + 1 < days.length) focusCell(row + 1, col);
    } else if (e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey)) {
      e.preventDefault();
      if (row > 0) focusCell(row - 1, col);
    } else if (e.key === 'ArrowLeft' && (all || (el.selectionStart === 0 && el.selectionEnd === 0))) {
      e.preventDefault();
      if (col > 0) focusCell(row, col - 1);
    } else if (e.key === 'ArrowRight' && (all || (el.selectionStart === len && el.selectionEnd === len))) {
      e.preventDefault();
      if (col + 1 < columns.length) focusCell(row, col + 1);
    }
  };

  const save = async () => {
    setSubmitted(true);
    setServerErrors({});
    const firstBad = days.flatMap((d) => columns.map((r) => keyOf(d, r))).find((k) => cellErrors[k]);
    const headerBad = paId === '' || !periodOk || days.length === 0;
    if (headerBad || firstBad) {
      if (firstBad) {
        const el = tableRef.current?.querySelector<HTMLInputElement>(`input[data-key="${firstBad}"]`);
        el?.focus();
      }
      return;
    }
    const sent: string[] = [];
    const lines = days.flatMap((d) =>
      columns.flatMap((r) => {
        const k = keyOf(d, r);
        const hours = hoursAt[k] ?? 0;
        if (hours <= 0) return [];
        sent.push(k);
        return [{ date: d, rateType: r, hours }];
      }),
    );
    if (lines.length === 0) {
      setServerErrors({ lines: 'Type the hours worked on at least one day.' });
      return;
    }
    const res = await saving.run(() =>
      saved === null ? call('timesheet.create', { paId: Number(paId), periodStart, periodEnd, lines }) : call('timesheet.update', { id: saved.id, periodStart, periodEnd, lines }),
    );
    if (!res.ok) {
      const where = res.error.where ?? '';
      const m = /^lines\[(\d+)\]\.(\w+)$/.exec(where);
      const message = res.error.message.replace(/^[\w[\].]+: /, '');
      if (m && sent[Number(m[1])] !== undefined) setServerErrors({ [sent[Number(m[1])]!]: message });
      else if (where === 'paId' || where === 'periodStart' || where === 'periodEnd') setServerErrors({ [where]: message });
      else if (where === 'lines') setServerErrors({ lines: message });
      return;
    }
    const ts = res.value;
    if (sheet === null) {
      // Open the new timesheet at its own address; that screen shows the saved result.
      setBaseline(JSON.stringify({ paId, periodStart, periodEnd, cells }));
      justCreated = ts.id;
      window.location.hash = `#/payroll/${clientId}/timesheets/${ts.id}`;
      return;
    }
    setSaved(ts);
    setSavedNow(true);
    setSubmitted(false);
    setBlurred(new Set());
    const nextCells = cellsOf(ts);
    setCells(nextCells);
    setBaseline(JSON.stringify({ paId, periodStart, periodEnd, cells: nextCells }));
  };

  const summary: Array<{ key: string; label: string; message: string }> = [];
  for (const f of ['paId', 'periodStart', 'periodEnd', 'lines'] as const) {
    const msg = fieldErrors[f];
    if (msg) summary.push({ key: f, label: f === 'paId' ? 'PA' : f === 'periodStart' ? 'Period from' : f === 'periodEnd' ? 'Period to' : 'Hours', message: msg });
  }
  for (const d of days) {
    for (const r of columns) {
      const k = keyOf(d, r);
      const msg = shownError(k);
      if (msg && (submitted || serverErrors[k])) summary.push({ key: k, label: `${RATE_LABEL[r]} hours on ${dayLabel(d)}`, message: msg });
    }
  }

  const focusField = (key: string) => {
    const el = document.querySelector<HTMLElement>(`[data-key="${key}"]`);
    el?.focus();
  };

  const title = saved ? `Timesheet: ${saved.paName}, ${saved.periodStart} to ${saved.periodEnd}` : 'New timesheet';

  return (
    <>
      <Back clientId={clientId} />
      <ScreenHeading title={title}>
        <p>
          {employer.clientName}’s PA’s hours for one pay period ({employer.payFrequency} pay). Type hours as 7.5, 7:30 or 7h30. Arrow keys move between cells, Enter moves down.
        </p>
      </ScreenHeading>
      <div className="stack">
        {approved ? (
          <Alert tone="info" title="This timesheet is approved">
            <p>Approved timesheets cannot be changed. Reopen it with a reason from the employer page to correct it.</p>
          </Alert>
        ) : null}
        {savedNow && saved ? (
          <Alert tone={saved.status === 'blocked' ? 'warning' : 'success'} title={saved.status === 'blocked' ? 'Saved, but blocked by the minimum wage check' : 'Saved as a draft'}>
            <p>
              Gross pay worked out by Steward: <Money pence={saved.grossPay} /> for {hoursText(saved.totalHours)} hours.
            </p>
          </Alert>
        ) : null}
        {summary.length > 0 ? (
          <div className="alert alert-error ts-summary" role="alert" aria-labelledby="ts-summary-title">
            <p className="alert-title" id="ts-summary-title">
              Nothing was saved. Fix {summary.length === 1 ? 'this' : `these ${summary.length}`}:
            </p>
            <ul>
              {summary.map((s) => (
                <li key={s.key}>
                  <a
                    href={`#${s.key}`}
                    onClick={(e) => {
                      e.preventDefault();
                      focusField(s.key);
                    }}
                  >
                    {s.label}
                  </a>
                  : {s.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {saving.error && Object.keys(serverErrors).length === 0 ? <ErrorAlert error={saving.error} /> : null}

        <form
          className="ts-form"
          aria-label="Timesheet"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="ts-header">
            <Select
              label="PA"
              value={paId}
              disabled={saved !== null}
              error={fieldErrors.paId}
              data-key="paId"
              onChange={(e) => {
                setPaId(e.target.value);
                setServerErrors({});
                saving.clear();
              }}
            >
              <option value="">Choose a PA…</option>
              {choosable.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
            <TextInput
              label="Period from"
              type="date"
              value={periodStart}
              disabled={approved}
              error={fieldErrors.periodStart}
              data-key="periodStart"
              onChange={(e) => {
                setPeriodStart(e.target.value);
                setServerErrors({});
              }}
            />
            <TextInput
              label="Period to"
              type="date"
              value={periodEnd}
              disabled={approved}
              error={fieldErrors.periodEnd}
              data-key="periodEnd"
              onChange={(e) => {
                setPeriodEnd(e.target.value);
                setServerErrors({});
              }}
            />
          </div>
          {period && sheet === null ? (
            <p className="field-hint">
              The period is {employer.clientName}’s current {employer.payFrequency} pay period ({period.start} to {period.end}); change it if the hours are for another one.
            </p>
          ) : null}

          {pa === null ? (
            <p className="muted">Choose the PA to see their rates and type their hours.</p>
          ) : days.length === 0 ? (
            <p className="muted">Enter the period (at most 62 days) to see its days.</p>
          ) : (
            <div className="table-wrap ts-wrap">
              <table className="data-table ts-grid" ref={tableRef} aria-describedby="ts-grid-help">
                <caption className="pr-caption">
                  Hours for {pa.name}, {periodStart} to {periodEnd}
                  <span id="ts-grid-help" className="cell-note">
                    Pay here is worked out as Steward does: hours × the PA’s rate for each day and rate type, rounded half up to the penny. Saving shows Steward’s own figure.
                  </span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    {columns.map((r) => {
                      const rate = rateOf(pa, r);
                      return (
                        <th scope="col" key={r} className="num">
                          {RATE_LABEL[r]}
                          <span className="cell-note">{rate === null ? 'no rate agreed' : <><Money pence={rate} /> an hour</>}</span>
                        </th>
                      );
                    })}
                    <th scope="col" className="num">
                      Hours
                    </th>
                    <th scope="col" className="num">
                      Pay
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {days.map((d, row) => {
                    const bank = BANK_HOLIDAYS.get(d);
                    const weekend = isWeekend(d);
                    return (
                      <tr key={d} className={[weekend ? 'ts-weekend' : null, bank ? 'ts-bank' : null].filter(Boolean).join(' ') || undefined}>
                        <th scope="row">
                          <span className="ts-day">{dayLabel(d)}</span>
                          {bank ? <span className="ts-mark ts-mark-bank">Bank holiday: {bank}</span> : weekend ? <span className="ts-mark ts-mark-weekend">Weekend</span> : null}
                        </th>
                        {columns.map((r, col) => {
                          const k = keyOf(d, r);
                          const err = shownError(k);
                          const errId = `ts-err-${d}-${r}`;
                          return (
                            <td key={r} className={err ? 'ts-cell ts-cell-invalid' : 'ts-cell'}>
                              <input
                                className="input ts-input"
                                inputMode="decimal"
                                autoComplete="off"
                                aria-label={`${RATE_LABEL[r]} hours, ${dayLabel(d)}`}
                                aria-invalid={err ? true : undefined}
                                aria-describedby={err ? errId : undefined}
                                data-row={row}
                                data-col={col}
                                data-key={k}
                                readOnly={approved}
                                value={cells[k] ?? ''}
                                onChange={(e) => edit(k, e.target.value)}
                                onFocus={(e) => e.currentTarget.select()}
                                onBlur={() => setBlurred((b) => (b.has(k) ? b : new Set(b).add(k)))}
                                onKeyDown={(e) => onCellKey(e, row, col)}
                              />
                              {err ? (
                                <span className="field-error ts-cell-error" id={errId}>
                                  {err}
                                </span>
                              ) : null}
                            </td>
                          );
                        })}
                        <td className="num" data-testid={`day-hours-${d}`}>
                          {rowTotals[row]!.hours > 0 ? hoursText(rowTotals[row]!.hours) : ''}
                        </td>
                        <td className="num">{rowTotals[row]!.pay > 0 ? <Money pence={rowTotals[row]!.pay} /> : ''}</td>
                      </tr>
                    );
                  })}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total hours</th>
                    {columns.map((r) => (
                      <td key={r} className="num">
                        {hoursText(colHours[r] ?? 0)}
                      </td>
                    ))}
                    <td className="num" data-testid="total-hours">
                      {hoursText(totalHours)}
                    </td>
                    <td />
                  </tr>
                  <tr>
                    <th scope="row">Pay</th>
                    {columns.map((r) => (
                      <td key={r} className="num">
                        <Money pence={colPay[r] ?? 0} />
                      </td>
                    ))}
                    <td />
                    <td className="num ts-grand" data-testid="total-pay">
                      <Money pence={totalPay} />
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          )}

          {saved && !dirty ? <MinimumWageSummary sheet={saved} /> : null}

          <div className="form-actions">
            {!approved ? (
              <Button type="submit" variant="primary" pending={saving.pending}>
                Save as draft
              </Button>
            ) : null}
            {sheet === null && saved === null ? (
              <Button onClick={() => setImporting((x) => !x)} aria-expanded={importing}>
                Import CSV
              </Button>
            ) : null}
            <a className="btn btn-quiet" href={`#/payroll/${clientId}`}>
              Back to {employer.clientName}
            </a>
          </div>
        </form>
        {importing ? <ImportCsv clientId={clientId} periodStart={periodStart} periodEnd={periodEnd} /> : null}
      </div>
    </>
  );
}
