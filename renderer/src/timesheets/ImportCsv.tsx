/**
 * Import timesheets from a CSV file (timesheet.importCsv): one draft timesheet per PA for the
 * period. Header "pa_ni_number,date,rate_type,hours" (or pa_id first). Nothing is saved unless
 * every row is good; a bad row is reported by its line number.
 */
import { useState } from 'react';
import type { Timesheet } from '../../../shared/contract-timesheets';
import { call } from '../api';
import { Button, Card, ErrorAlert, Money } from '../ui';
import { TextArea } from '../clients-list/fields';
import { useSave } from '../clients-list/useSave';
import { hoursText } from './hours';

interface Props {
  clientId: number;
  periodStart: string;
  periodEnd: string;
}

export function ImportCsv({ clientId, periodStart, periodEnd }: Props) {
  const saving = useSave();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [created, setCreated] = useState<Timesheet[] | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const submit = async () => {
    setCreated(null);
    if (csv.trim() === '') {
      setProblem('Choose a CSV file or paste its text.');
      return;
    }
    const res = await saving.run(() => call('timesheet.importCsv', { clientId, periodStart, periodEnd, csv }));
    if (res.ok) {
      setCreated(res.value.created);
      setCsv('');
      setFileName(null);
    }
  };

  const lineError = saving.error?.where && /^line \d+$/.test(saving.error.where) ? saving.error : null;

  return (
    <Card title="Import timesheets from a CSV file" description={<p>One draft timesheet is made for each PA in the file, for the period {periodStart} to {periodEnd}.</p>}>
      <form
        className="pr-form"
        aria-label="Import timesheets"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor="ts-csv-file">
            CSV file
          </label>
          <div className="field-hint" id="ts-csv-file-hint">
            First line: <code>pa_ni_number,date,rate_type,hours</code> (or <code>pa_id</code> first). Dates as YYYY-MM-DD, hours like 7.5.
          </div>
          <input
            id="ts-csv-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="ts-csv-file-hint"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              setFileName(f.name);
              setProblem(undefined);
              saving.clear();
              void f.text().then(setCsv);
            }}
          />
        </div>
        <TextArea
          label="Or paste the CSV"
          rows={5}
          value={csv}
          error={problem}
          onChange={(e) => {
            setCsv(e.target.value);
            setProblem(undefined);
            saving.clear();
          }}
        />
        {lineError ? (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">Nothing was imported: {lineError.where} of {fileName ?? 'the CSV'} is wrong</p>
            <p>
              <code className="error-code">{lineError.code}</code> {lineError.message}
            </p>
          </div>
        ) : saving.error ? (
          <ErrorAlert error={saving.error} />
        ) : null}
        {created ? (
          <div className="alert alert-success" role="status">
            <p className="alert-title">
              Imported {created.length} {created.length === 1 ? 'timesheet' : 'timesheets'} as drafts
            </p>
            <ul>
              {created.map((t) => (
                <li key={t.id}>
                  <a href={`#/payroll/${clientId}/timesheets/${t.id}`}>{t.paName}</a>: {hoursText(t.totalHours)} hours, <Money pence={t.grossPay} />
                  {t.status === 'blocked' ? ' (blocked by the minimum wage check)' : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={saving.pending}>
            Import
          </Button>
        </div>
      </form>
    </Card>
  );
}
