/**
 * What an employer owes HMRC for each tax month (payroll.hmrcDue): PAYE tax, employee and employer
 * NI, student and postgraduate loans, less Employment Allowance used; what has been paid (payments
 * to HMRC are set against the oldest months first), what is outstanding, and the due date (the 22nd
 * after the tax month) marked "Overdue" once it has passed by the app's clock with money still owed.
 * "Record payment to HMRC" opens the outstanding-liabilities card (renderer/src/payruns/Liabilities).
 * `HmrcTable` is also used for all employers together on the Payroll screen.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { HmrcMonth } from '../../../shared/contract-payroll-ops';
import { useQuery } from '../api';
import { Button, Card, ErrorAlert, Money } from '../ui';
import { Select } from '../clients-list/fields';
import { Liabilities } from '../payruns/Liabilities';
import { isOverdue, outstandingOf, shortRange } from './yearend';
import './yearend.css';

type Sum = Pick<HmrcMonth, 'tax' | 'employeeNi' | 'employerNi' | 'studentLoans' | 'employmentAllowanceUsed' | 'due' | 'paid'>;

function sum(months: HmrcMonth[]): Sum & { outstanding: number } {
  const t = { tax: 0, employeeNi: 0, employerNi: 0, studentLoans: 0, employmentAllowanceUsed: 0, due: 0, paid: 0, outstanding: 0 };
  for (const m of months) {
    t.tax += m.tax;
    t.employeeNi += m.employeeNi;
    t.employerNi += m.employerNi;
    t.studentLoans += m.studentLoans;
    t.employmentAllowanceUsed += m.employmentAllowanceUsed;
    t.due += m.due;
    t.paid += m.paid;
    t.outstanding += outstandingOf(m);
  }
  return t;
}

function MonthStatus({ month, today }: { month: HmrcMonth; today: string | null }) {
  if (outstandingOf(month) === 0) return <span className="ye-status ye-status-paid">Paid</span>;
  if (isOverdue(month, today)) return <span className="ye-status ye-status-overdue">Overdue</span>;
  return <span className="ye-status ye-status-due">{month.paid > 0 ? 'Part paid' : 'Not yet due'}</span>;
}

/** One row per employer per tax month, with totals. */
export function HmrcTable({ months, today, caption, showEmployer = false }: { months: HmrcMonth[]; today: string | null; caption: string; showEmployer?: boolean }) {
  const t = sum(months);
  const overdue = months.filter((m) => isOverdue(m, today));
  return (
    <>
      {overdue.length > 0 ? (
        <p className="ye-overdue-summary" role="note">
          Overdue: {overdue.length === 1 ? '1 month' : `${overdue.length} months`}, <Money pence={overdue.reduce((s, m) => s + outstandingOf(m), 0)} /> still owed to HMRC after its due
          date.
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="data-table prn-table ye-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{showEmployer ? 'Employer and tax month' : 'Tax month'}</th>
              <th scope="col" className="num">
                Tax
              </th>
              <th scope="col" className="num">
                Employee NI
              </th>
              <th scope="col" className="num">
                Employer NI
              </th>
              <th scope="col" className="num">
                Loans
              </th>
              <th scope="col" className="num">
                Employment Allowance used
              </th>
              <th scope="col" className="num">
                Due
              </th>
              <th scope="col" className="num">
                Paid
              </th>
              <th scope="col" className="num">
                Outstanding
              </th>
              <th scope="col">Due date</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => {
              const late = isOverdue(m, today);
              return (
                <tr key={`${m.clientId}/${m.taxYear}/${m.taxMonth}`} className={late ? 'ye-row-overdue' : undefined}>
                  <th scope="row">
                    {showEmployer ? (
                      <a className="ye-employer" href={`#/payroll/${m.clientId}`}>
                        {m.clientName}
                      </a>
                    ) : null}
                    Month {m.taxMonth}
                    <span className="cell-note ye-month-dates">{shortRange(m.monthStart, m.monthEnd)}</span>
                  </th>
                  <td className="num">
                    <Money pence={m.tax} />
                  </td>
                  <td className="num">
                    <Money pence={m.employeeNi} />
                  </td>
                  <td className="num">
                    <Money pence={m.employerNi} />
                  </td>
                  <td className="num">
                    <Money pence={m.studentLoans} />
                  </td>
                  <td className="num">{m.employmentAllowanceUsed > 0 ? <Money pence={-m.employmentAllowanceUsed} /> : <Money pence={0} />}</td>
                  <td className="num">
                    <Money pence={m.due} />
                  </td>
                  <td className="num">
                    <Money pence={m.paid} />
                  </td>
                  <td className="num ye-outstanding">
                    <Money pence={outstandingOf(m)} />
                  </td>
                  <td className="ye-due">
                    {m.dueDate}
                    <MonthStatus month={m} today={today} />
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totals</th>
              <td className="num">
                <Money pence={t.tax} />
              </td>
              <td className="num">
                <Money pence={t.employeeNi} />
              </td>
              <td className="num">
                <Money pence={t.employerNi} />
              </td>
              <td className="num">
                <Money pence={t.studentLoans} />
              </td>
              <td className="num">
                <Money pence={-t.employmentAllowanceUsed} />
              </td>
              <td className="num">
                <Money pence={t.due} />
              </td>
              <td className="num">
                <Money pence={t.paid} />
              </td>
              <td className="num">
                <Money pence={t.outstanding} />
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted ye-note">Due is tax + employee NI + employer NI + loans − Employment Allowance used. Payments to HMRC count against the oldest months first.</p>
    </>
  );
}

/**
 * Reload when the liabilities card inside `ref` reports a payment (its success notice appears):
 * the card belongs to the pay-run screens and takes no callback.
 */
export function useOnPaymentNotice(ref: RefObject<HTMLElement | null>, active: boolean, onNotice: () => void): void {
  const cb = useRef(onNotice);
  cb.current = onNotice;
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const seen = new WeakSet<Node>();
    const obs = new MutationObserver(() => {
      for (const n of el.querySelectorAll('.alert-success')) {
        if (!seen.has(n) && /^Recorded paying/.test(n.textContent ?? '')) {
          seen.add(n);
          cb.current();
        }
      }
    });
    obs.observe(el, { childList: true, subtree: true, characterData: true });
    return () => obs.disconnect();
  }, [ref, active]);
}

interface Props {
  clientId: number;
  clientName: string;
  /** Tax years to choose from, newest first; the first is shown first. */
  taxYears: string[];
  today: string | null;
  /** Owed as at this date for the payment form (today, or the latest posted pay day if later). */
  liabilityDate: string;
  /** Changes when a payment is recorded elsewhere on the page, to reload. */
  refreshKey?: number;
  /** A payment to HMRC was recorded here. */
  onPaid?: () => void;
}

export function HmrcMonths({ clientId, clientName, taxYears, today, liabilityDate, refreshKey = 0, onPaid }: Props) {
  const [taxYear, setTaxYear] = useState(taxYears[0] ?? '');
  const year = taxYears.includes(taxYear) ? taxYear : (taxYears[0] ?? '');
  const months = useQuery('payroll.hmrcDue', { taxYear: year, clientId });
  const client = useQuery('client.get', { id: clientId });
  const [paying, setPaying] = useState(false);
  const payRef = useRef<HTMLDivElement>(null);
  const reloadMonths = months.reload;

  useEffect(() => {
    if (refreshKey > 0) reloadMonths();
  }, [refreshKey, reloadMonths]);
  useEffect(() => {
    if (paying) payRef.current?.scrollIntoView({ block: 'nearest' });
  }, [paying]);
  useOnPaymentNotice(payRef, paying, () => {
    reloadMonths();
    onPaid?.();
  });

  const isTrust = client.status === 'ok' && client.data.client.arrangement === 'user-trust';
  const trustees = client.status === 'ok' ? client.data.client.trustees.map((t) => t.name) : [];
  const list = months.data ?? [];
  const owed = list.reduce((s, m) => s + outstandingOf(m), 0);

  return (
    <Card
      title="HMRC: PAYE and NI by tax month"
      className="ye-card"
      description={
        <p>
          What {clientName} owes HMRC for each tax month of posted pay runs, and when it must reach HMRC (the 22nd after the tax month ends, paying electronically).
        </p>
      }
    >
      <div className="ye-controls">
        <Select label="Tax year" value={year} onChange={(e) => setTaxYear(e.target.value)}>
          {taxYears.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </Select>
      </div>
      {months.status === 'loading' ? (
        <p role="status" className="muted">
          Loading HMRC amounts…
        </p>
      ) : null}
      {months.status === 'error' ? (
        <ErrorAlert error={months.error}>
          <Button onClick={months.reload}>Try again</Button>
        </ErrorAlert>
      ) : null}
      {months.status === 'ok' && list.length === 0 ? <p className="muted">No posted pay runs in {year}, so nothing is due to HMRC for it.</p> : null}
      {list.length > 0 ? <HmrcTable months={list} today={today} caption={`PAYE and NI due to HMRC by tax month, ${year}`} /> : null}
      {months.status === 'ok' ? (
        <div className="form-actions">
          {paying ? (
            <Button onClick={() => setPaying(false)}>Close the payment form</Button>
          ) : (
            <Button variant={owed > 0 ? 'primary' : 'secondary'} onClick={() => setPaying(true)}>
              Record payment to HMRC
            </Button>
          )}
        </div>
      ) : null}
      {paying ? (
        <div ref={payRef} className="ye-pay">
          <Liabilities clientId={clientId} isTrust={isTrust} trustees={trustees} defaultDate={liabilityDate} asOf={liabilityDate} />
        </div>
      ) : null}
    </Card>
  );
}
