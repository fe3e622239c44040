/**
 * Choose the period: a basis (4-weekly, monthly, quarterly, tax year) and one of the periods
 * report.periods suggests (4-weekly periods line up with the client's council payment schedule
 * when one client is chosen, else with the funder's), or a custom from/to. The end before the
 * start is caught here, with the api's own words, before anything is sent.
 */
import { useEffect, useState } from 'react';
import type { PeriodBasis, SuggestedPeriod } from '../../../shared/contract-reports';
import { call, toApiError, type ApiError } from '../api';
import { ErrorAlert } from '../ui';

export type Basis = PeriodBasis | 'custom';

export const BASIS_LABEL: Record<Basis, string> = {
  'four-weekly': '4-weekly (council payment periods)',
  monthly: 'Calendar months',
  quarterly: 'Quarters',
  'tax-year': 'Tax years (6 April to 5 April)',
  custom: 'Custom dates',
};

interface PeriodPickerProps {
  basis: Basis;
  onBasis: (b: Basis) => void;
  from: string;
  to: string;
  onPeriod: (from: string, to: string) => void;
  /** Periods line up with this client's schedule (one client chosen) … */
  clientId: number | null;
  /** … or with this funder's. */
  funderId: number | null;
  today: string | null;
  /** The form's own check of the dates (shown by the field). */
  problem: { field: 'from' | 'to'; message: string } | null;
  /** hledger's "whole ledger": only the end date matters. */
  endOnly: boolean;
}

export function PeriodPicker({ basis, onBasis, from, to, onPeriod, clientId, funderId, today, problem, endOnly }: PeriodPickerProps) {
  const [periods, setPeriods] = useState<SuggestedPeriod[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (basis === 'custom') return;
    let live = true;
    setPeriods(null);
    setError(null);
    call('report.periods', { basis, count: 12, ...(clientId !== null ? { clientId } : funderId !== null ? { funderId } : {}), ...(today ? { around: today } : {}) }).then(
      (ps) => {
        if (!live) return;
        setPeriods(ps);
        // The latest period that has ended (the usual one to report on), else the latest.
        const pick = ps.find((p) => today !== null && p.to < today) ?? ps[0];
        if (pick) onPeriod(pick.from, pick.to);
      },
      (e: unknown) => live && setError(toApiError(e)),
    );
    return () => {
      live = false;
    };
    // onPeriod is left out on purpose: re-asking whenever its identity changes would loop.
  }, [basis, clientId, funderId, today]);

  const chosen = periods?.findIndex((p) => p.from === from && p.to === to) ?? -1;

  return (
    <div className="rp-period">
      <div className="field">
        <label className="field-label" htmlFor="rp-basis">
          Period basis
        </label>
        <select id="rp-basis" className="input" value={basis} onChange={(e) => onBasis(e.target.value as Basis)}>
          {(Object.keys(BASIS_LABEL) as Basis[]).map((b) => (
            <option key={b} value={b}>
              {BASIS_LABEL[b]}
            </option>
          ))}
        </select>
      </div>
      {basis === 'custom' ? (
        <div className="rp-dates">
          {endOnly ? null : (
            <DateField id="rp-from" label="From" value={from} onChange={(v) => onPeriod(v, to)} error={problem?.field === 'from' ? problem.message : undefined} />
          )}
          <DateField id="rp-to" label={endOnly ? 'Up to' : 'To'} value={to} onChange={(v) => onPeriod(from, v)} error={problem?.field === 'to' ? problem.message : undefined} />
        </div>
      ) : error ? (
        <ErrorAlert error={error} />
      ) : periods === null ? (
        <p className="muted">Finding the periods…</p>
      ) : periods.length === 0 ? (
        <p className="muted">No periods to suggest: choose "Custom dates".</p>
      ) : (
        <div className="field">
          <label className="field-label" htmlFor="rp-suggested">
            Period
          </label>
          <div className="field-hint" id="rp-suggested-hint">
            {basis === 'four-weekly'
              ? clientId !== null
                ? "Lined up with this client's council payment schedule."
                : funderId !== null
                  ? "Lined up with the funder's payment schedule."
                  : 'Choose one client or a funder to line the periods up with their payment schedule.'
              : 'Latest first.'}
          </div>
          <select
            id="rp-suggested"
            className="input"
            aria-describedby="rp-suggested-hint"
            value={chosen >= 0 ? String(chosen) : ''}
            onChange={(e) => {
              const p = periods[Number(e.target.value)];
              if (p) onPeriod(p.from, p.to);
            }}
          >
            {chosen < 0 ? <option value="">{from && to ? `${from} to ${to}` : 'Choose a period'}</option> : null}
            {periods.map((p, i) => (
              <option key={`${p.from}-${p.to}`} value={i}>
                {p.label} ({p.from} to {p.to})
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

function DateField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (v: string) => void; error: string | undefined }) {
  return (
    <div className={['field', error ? 'field-invalid' : null].filter(Boolean).join(' ')}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input" type="date" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
