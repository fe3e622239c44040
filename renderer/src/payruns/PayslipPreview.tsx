/**
 * #/payroll/runs/RUN_ID/payslip/PA_ID: one PA's payslip on screen, from payslip.get, with the same
 * information as the PDF (payments, deductions, net pay, year to date, tax code, NI letter,
 * pension and holiday balance), "Download PDF" (payslip.pdf) and Print (a print stylesheet keeps
 * only the payslip).
 */
import { formatNiNumber } from '../../../shared/ni-number';
import { call, useQuery } from '../api';
import { Alert, Button, ErrorAlert, Money } from '../ui';
import { FREQUENCY_LABEL, formatHours } from '../payroll/labels';
import { ScreenHeading } from '../screens/ScreenHeading';
import { DownloadButton, RunStatus } from './common';
import '../styles-payruns.css';

/** "eligible-jobholder" → "Eligible jobholder": the api's pension category in words. */
function pensionCategoryLabel(category: string): string {
  const words = category.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function PayslipPreview({ runId, paId }: { runId: number; paId: number }) {
  const slip = useQuery('payslip.get', { runId, paId });
  if (slip.status === 'loading') {
    return (
      <p role="status" className="muted">
        Loading the payslip…
      </p>
    );
  }
  if (slip.status === 'error') {
    return (
      <>
        <p className="pr-back">
          <a href={`#/payroll/runs/${runId}`}>Back to the pay run</a>
        </p>
        <ScreenHeading title="Payslip" />
        <ErrorAlert error={slip.error}>
          <Button onClick={slip.reload}>Try again</Button>
        </ErrorAlert>
      </>
    );
  }
  const p = slip.data;
  const ytd = p.yearToDate;
  return (
    <>
      <p className="pr-back prn-no-print">
        <a href={`#/payroll/runs/${runId}`}>Back to the pay run</a>
      </p>
      <div className="heading-row prn-no-print">
        <ScreenHeading title={`Payslip: ${p.employee.name}`}>
          <p>
            Paid {p.period.payDate} by {p.employer.name}. Pay run <RunStatus status={p.status} />
          </p>
        </ScreenHeading>
        <div className="pr-heading-actions">
          <DownloadButton variant="primary" label="Download PDF" fetch={() => call('payslip.pdf', { runId, paId })} />
          <Button onClick={() => window.print()}>Print</Button>
        </div>
      </div>
      {p.provisional ? (
        <div className="prn-no-print">
          <Alert tone="warning" title="Not final">
            <p>This pay run is not posted yet, so these figures and the year to date may still change.</p>
          </Alert>
        </div>
      ) : null}
      <article className="prn-payslip" aria-label={`Payslip for ${p.employee.name}`}>
        <header className="prn-slip-head">
          <div>
            <p className="prn-slip-title">Payslip</p>
            <p>
              <strong>{p.employer.name}</strong>
              {p.employer.payeReference ? <> · PAYE ref {p.employer.payeReference}</> : null}
            </p>
            <p className="muted">Payroll by {p.organisationName}</p>
          </div>
          <dl className="prn-slip-facts">
            <div>
              <dt>Employee</dt>
              <dd>{p.employee.name}</dd>
            </div>
            <div>
              <dt>NI number</dt>
              <dd className="pr-mono">{p.employee.niNumber ? formatNiNumber(p.employee.niNumber) : 'Not given'}</dd>
            </div>
            <div>
              <dt>Tax code</dt>
              <dd className="pr-mono">
                {p.employee.taxCode}
                {p.employee.taxBasis === 'week1month1' ? ' W1/M1' : ''}
              </dd>
            </div>
            <div>
              <dt>NI letter</dt>
              <dd className="pr-mono">{p.employee.niCategory}</dd>
            </div>
            <div>
              <dt>Payroll ID</dt>
              <dd className="pr-mono">{p.employee.payrollId}</dd>
            </div>
            <div>
              <dt>Period</dt>
              <dd>
                {p.period.start} to {p.period.end}
              </dd>
            </div>
            <div>
              <dt>Pay date</dt>
              <dd>{p.period.payDate}</dd>
            </div>
            <div>
              <dt>Tax period</dt>
              <dd>
                {p.period.taxYear} {FREQUENCY_LABEL[p.period.frequency].toLowerCase()} {p.period.taxPeriod}
              </dd>
            </div>
          </dl>
        </header>

        <div className="prn-slip-cols">
          <table className="prn-slip-table">
            <caption>Payments</caption>
            <thead>
              <tr>
                <th scope="col">Description</th>
                <th scope="col" className="num">
                  Hours
                </th>
                <th scope="col" className="num">
                  Rate
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {p.payments.map((x, i) => (
                <tr key={i}>
                  <th scope="row">{x.label}</th>
                  <td className="num">{x.hours !== null ? formatHours(x.hours) : ''}</td>
                  <td className="num">{x.rate !== null ? <Money pence={x.rate} /> : ''}</td>
                  <td className="num">
                    <Money pence={x.amount} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Gross pay
                </th>
                <td className="num">
                  <Money pence={p.gross} />
                </td>
              </tr>
            </tfoot>
          </table>

          <table className="prn-slip-table">
            <caption>Deductions</caption>
            <thead>
              <tr>
                <th scope="col">Description</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {p.deductions.map((x, i) => (
                <tr key={i}>
                  <th scope="row">{x.label}</th>
                  <td className="num">
                    <Money pence={x.amount} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total deductions</th>
                <td className="num">
                  <Money pence={p.totalDeductions} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>

        <p className="prn-net">
          <span>Net pay</span> <Money pence={p.net} />
        </p>

        <div className="prn-slip-cols">
          <table className="prn-slip-table">
            <caption>Year to date ({p.period.taxYear})</caption>
            <tbody>
              <YtdRow label="Gross pay" pence={ytd.gross} />
              <YtdRow label="Taxable pay" pence={ytd.taxablePay} />
              <YtdRow label="Income tax" pence={ytd.tax} />
              <YtdRow label="Employee NI" pence={ytd.employeeNi} />
              {ytd.studentLoan ? <YtdRow label="Student loan" pence={ytd.studentLoan} /> : null}
              {ytd.postgraduateLoan ? <YtdRow label="Postgraduate loan" pence={ytd.postgraduateLoan} /> : null}
              <YtdRow label="Employee pension" pence={ytd.employeePension} />
              <YtdRow label="Employer pension" pence={ytd.employerPension} />
              <YtdRow label="Net pay" pence={ytd.net} />
            </tbody>
          </table>
          <div>
            <table className="prn-slip-table">
              <caption>Pension</caption>
              <tbody>
                <tr>
                  <th scope="row">Scheme</th>
                  <td>{p.pension.scheme || 'None'}</td>
                </tr>
                <tr>
                  <th scope="row">Status</th>
                  <td>{p.pension.category ? pensionCategoryLabel(p.pension.category) : 'Not recorded'}</td>
                </tr>
                <YtdRow label="Your contribution" pence={p.pension.employee} />
                <YtdRow label="Employer contribution" pence={p.pension.employer} />
              </tbody>
            </table>
            <table className="prn-slip-table">
              <caption>Holiday</caption>
              <tbody>
                {p.holiday ? (
                  <>
                    <tr>
                      <th scope="row">Leave year</th>
                      <td>
                        {p.holiday.leaveYearStart} to {p.holiday.leaveYearEnd}
                      </td>
                    </tr>
                    <HoursRow label={p.holiday.scheme === 'accrual' ? 'Accrued' : 'Entitlement'} hours={p.holiday.scheme === 'accrual' ? p.holiday.accruedHours : p.holiday.entitlementHours} />
                    <HoursRow label="Taken" hours={p.holiday.takenHours} />
                    <HoursRow label="Balance" hours={p.holiday.balanceHours} />
                  </>
                ) : (
                  <tr>
                    <td colSpan={2} className="muted">
                      No holiday record.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </div>
        <p className="prn-slip-small">
          Employer&rsquo;s costs, not deducted from your pay: employer&rsquo;s NI <Money pence={p.employerCosts.employerNi} />, employer&rsquo;s pension{' '}
          <Money pence={p.employerCosts.employerPension} />.
        </p>
        {p.notes.length > 0 ? (
          <ul className="prn-slip-small">
            {p.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        ) : null}
      </article>
    </>
  );
}

function YtdRow({ label, pence }: { label: string; pence: number }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">
        <Money pence={pence} />
      </td>
    </tr>
  );
}

function HoursRow({ label, hours }: { label: string; hours: number }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">
        {hours < 0 ? '\u2212' : ''}
        {formatHours(Math.abs(hours))} hours
      </td>
    </tr>
  );
}
