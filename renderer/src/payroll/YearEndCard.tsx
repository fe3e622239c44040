/**
 * "Year end and exports" on the Payroll screen: for one tax year, what every employer owes HMRC by
 * tax month (payroll.hmrcDue without a client, with totals), and the pension contribution schedule
 * (pension.schedule) as a CSV file for the year, one tax month, or one pension provider.
 */
import { useState } from 'react';
import type { Employer } from '../../../shared/contract-payroll';
import { call, useQuery } from '../api';
import { Button, Card, ErrorAlert } from '../ui';
import { Select } from '../clients-list/fields';
import { DownloadButton, useAppToday } from '../payruns/common';
import { HmrcTable } from './HmrcMonths';
import { taxMonthRange, taxYearChoices } from './yearend';
import './yearend.css';

export function YearEndCard({ employers }: { employers: Employer[] }) {
  const clock = useAppToday();
  if (clock.loading) {
    return (
      <Card title="Year end and exports">
        <p role="status" className="muted">
          Loading…
        </p>
      </Card>
    );
  }
  return <YearEnd employers={employers} today={clock.today} />;
}

function YearEnd({ employers, today }: { employers: Employer[]; today: string | null }) {
  const years = taxYearChoices(today ?? new Date().toISOString().slice(0, 10));
  const [taxYear, setTaxYear] = useState(years[0]!);
  const [taxMonth, setTaxMonth] = useState('');
  const [provider, setProvider] = useState('');
  const months = useQuery('payroll.hmrcDue', { taxYear });
  const providers = [...new Set(employers.map((e) => e.pensionProvider.trim()).filter((p) => p !== ''))].sort((a, b) => a.localeCompare(b));

  return (
    <Card
      title="Year end and exports"
      description={
        <p>
          For a tax year: what every employer owes HMRC by tax month, and the pension contribution schedule to send to the pension providers. Each PA&rsquo;s P60 and P45
          are on their employer&rsquo;s page.
        </p>
      }
    >
      <div className="ye-controls">
        <Select label="Tax year" value={taxYear} onChange={(e) => setTaxYear(e.target.value)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </Select>
      </div>
      <h3 className="prn-subheading ye-subheading">HMRC amounts, all employers</h3>
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
      {months.status === 'ok' && months.data.length === 0 ? <p className="muted">No posted pay runs in {taxYear}, so nothing is due to HMRC for it.</p> : null}
      {months.status === 'ok' && months.data.length > 0 ? <HmrcTable months={months.data} today={today} caption={`PAYE and NI due to HMRC by employer and tax month, ${taxYear}`} showEmployer /> : null}

      <h3 className="prn-subheading ye-subheading">Pension contribution schedule</h3>
      <p className="muted">
        One row per PA per posted pay run of {taxYear} with pension contributions: pensionable earnings, employee and employer contributions, as a CSV file for the
        provider.
      </p>
      <div className="ye-controls">
        <Select label="Tax month" value={taxMonth} onChange={(e) => setTaxMonth(e.target.value)}>
          <option value="">Whole tax year</option>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => (
            <option key={n} value={String(n)}>
              Month {n}: {taxMonthRange(n)}
            </option>
          ))}
        </Select>
        <Select label="Pension provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
          <option value="">All providers</option>
          {providers.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </Select>
        <DownloadButton
          label="Download pension schedule (CSV)"
          fetch={() =>
            call('pension.schedule', {
              taxYear,
              ...(taxMonth ? { taxMonth: Number(taxMonth) } : {}),
              ...(provider ? { provider } : {}),
            })
          }
        />
      </div>
    </Card>
  );
}
