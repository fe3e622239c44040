/** The PA on-cost calculator (oncost.calculate, the payroll engine's own figures): gross hourly rate and hours → the employer's true cost. */
import { useState } from 'react';
import type { OncostResult } from '../../../shared/contract-planning';
import { PAY_FREQUENCIES } from '../../../shared/contract-payroll';
import { formatPence } from '../../../shared/money';
import { useMutation } from '../api';
import { Select } from '../clients-list/fields';
import { Alert, Button, Card, Checkbox, ErrorAlert, TextInput } from '../ui';
import { parseHundredths, parsePounds } from './format';

interface Props {
  date: string;
  /** PA-hours lines the result can fill: label and index in the table. */
  targets: { index: number; label: string }[];
  onUse: (index: number, r: OncostResult) => void;
}

export function OncostPanel({ date, targets, onUse }: Props) {
  const [hourly, setHourly] = useState('');
  const [hours, setHours] = useState('');
  const [frequency, setFrequency] = useState<(typeof PAY_FREQUENCIES)[number]>('weekly');
  const [enrolled, setEnrolled] = useState(true);
  const [insurance, setInsurance] = useState('0');
  const [fee, setFee] = useState('0');
  const [target, setTarget] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const calc = useMutation('oncost.calculate');
  const run = async () => {
    setLocal(null);
    const h = parsePounds(hourly, 'Gross hourly rate');
    if (!h.ok) return setLocal(h.message);
    const w = parseHundredths(hours, 'Hours a week');
    if (!w.ok) return setLocal(w.message);
    const ins = parsePounds(insurance || '0', 'Insurance a year');
    if (!ins.ok) return setLocal(ins.message);
    const f = parsePounds(fee || '0', 'Payroll fee per pay period');
    if (!f.ok) return setLocal(f.message);
    await calc.run({ hourly: h.value, hoursPerWeek: w.value, frequency, date, pensionEnrolled: enrolled, elInsuranceAnnual: ins.value, payrollFeePerPeriod: f.value });
  };
  const r = calc.data;
  const chosen = target || (targets[0] ? String(targets[0].index) : '');
  return (
    <Card title="PA on-cost calculator" level={3} description="The employer’s true cost of a PA: holiday pay, employer’s NI, pension, insurance and payroll fee, using the payroll figures for the tax year.">
      <form
        aria-label="PA on-cost calculator"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className="form-grid">
          <TextInput label="Gross hourly rate (£)" inputMode="decimal" value={hourly} onChange={(e) => setHourly(e.target.value)} />
          <TextInput label="Hours a week" inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} />
          <Select label="Paid" value={frequency} onChange={(e) => setFrequency(PAY_FREQUENCIES.find((p) => p === e.target.value) ?? 'weekly')}>
            {PAY_FREQUENCIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
          <TextInput label="Employer’s liability insurance a year (£)" inputMode="decimal" value={insurance} onChange={(e) => setInsurance(e.target.value)} />
          <TextInput label="Payroll fee per pay period (£)" inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} />
        </div>
        <Checkbox label="In the workplace pension" checked={enrolled} onChange={(e) => setEnrolled(e.target.checked)} />
        {local ? <Alert tone="error">{local}</Alert> : null}
        {calc.error ? <ErrorAlert error={calc.error} /> : null}
        <div className="form-actions">
          <Button type="submit" pending={calc.pending}>
            Work out the on-cost
          </Button>
        </div>
      </form>
      {r ? (
        <div className="pl-oncost-result" aria-live="polite">
          <table className="data-table">
            <caption>{`On-cost for ${r.taxYear}, paid ${r.frequency}`}</caption>
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col" className="num">
                  A week
                </th>
                <th scope="col" className="num">
                  An hour
                </th>
                <th scope="col">Basis</th>
              </tr>
            </thead>
            <tbody>
              {r.components.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{c.label}</th>
                  <td className="num">{formatPence(c.perWeek)}</td>
                  <td className="num">{formatPence(c.perHour)}</td>
                  <td className="muted">{c.basis}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total cost (gross {formatPence(r.grossPerWeek)} a week + on-cost)</th>
                <td className="num">{formatPence(r.totalPerWeek)}</td>
                <td className="num" data-testid="oncost-total-hourly">
                  {formatPence(r.totalPerHour)}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
          {targets.length > 0 ? (
            <div className="pl-inline-form">
              <Select label="Use this hourly cost for" value={chosen} onChange={(e) => setTarget(e.target.value)}>
                {targets.map((t) => (
                  <option key={t.index} value={t.index}>
                    {t.label}
                  </option>
                ))}
              </Select>
              <Button variant="primary" onClick={() => onUse(Number(chosen), r)}>
                Fill the line’s rate
              </Button>
            </div>
          ) : (
            <p className="muted">Add a PA hours line to use this figure.</p>
          )}
        </div>
      ) : null}
    </Card>
  );
}
