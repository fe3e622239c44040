/**
 * Small pieces the pay-run screens share: status words, signed differences, saving a file the api
 * sent as base64, and the tax period a date falls in (for the "current period" default).
 */
import { useState } from 'react';
import type { PayRun } from '../../../shared/contract-payruns';
import type { PayFrequency } from '../../../shared/contract-payroll';
import { formatPence } from '../../../shared/money';
import { toApiError, useQuery, type ApiError } from '../api';
import { Button, ErrorAlert } from '../ui';

export const RUN_STATUS_LABEL: Record<PayRun['status'], string> = {
  draft: 'Draft',
  approved: 'Approved',
  posted: 'Posted',
  reversed: 'Reversed',
};

export function RunStatus({ status }: { status: PayRun['status'] }) {
  return <span className={`prn-status prn-status-${status}`}>{RUN_STATUS_LABEL[status]}</span>;
}

/** A change in pence as "+£12.00", "−£3.50" (a real minus sign) or "no change". */
export function signedMoney(p: number): string {
  if (p === 0) return 'no change';
  return `${p > 0 ? '+' : '\u2212'}${formatPence(Math.abs(p))}`;
}

/** "1 May to 31 May 2026"-style period text, kept as ISO dates so it sorts and matches the PDF. */
export function periodText(run: { periodStart: string; periodEnd: string }): string {
  return `${run.periodStart} to ${run.periodEnd}`;
}

/** A file as the api sends it (FileOut). */
export interface FileLike {
  fileName: string;
  mime: string;
  base64: string;
}

function base64ToBlob(b64: string, mime: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** Save a file the api made: a download link clicked for the person (works in the desktop app and the browser). */
export function saveFile(file: FileLike): void {
  const url = URL.createObjectURL(base64ToBlob(file.base64, file.mime));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started by then; free the memory.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A button that asks the api for a file and saves it, showing its own error. */
export function DownloadButton({ label, srLabel, fetch, variant = 'secondary' }: { label: string; srLabel?: string; fetch: () => Promise<FileLike>; variant?: 'primary' | 'secondary' | 'quiet' }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const click = () => {
    setPending(true);
    setError(null);
    fetch().then(
      (file) => {
        setPending(false);
        saveFile(file);
      },
      (e: unknown) => {
        setPending(false);
        setError(toApiError(e));
      },
    );
  };
  return (
    <span className="prn-download">
      <Button variant={variant} pending={pending} onClick={click}>
        {label}
        {srLabel ? <span className="sr-only"> {srLabel}</span> : null}
      </Button>
      {error ? <ErrorAlert error={error} /> : null}
    </span>
  );
}

/** The UK calendar day of the computer's clock, as YYYY-MM-DD (used until the app's clock answers). */
export function todayUk(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * Today by the app's clock (the server's, which tests fix), not the browser's: app.info answers
 * with it. Null until it answers (or if it fails).
 */
export function useAppToday(): { today: string | null; loading: boolean } {
  const info = useQuery('app.info', {});
  return { today: info.status === 'ok' ? info.data.today : null, loading: info.status === 'loading' };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

/**
 * The tax year and pay period number whose dates contain `date`, numbered as Steward numbers
 * periods (main/payroll/periods.ts periodContaining, which this mirrors): monthly period n is a
 * calendar month, 1 = April … 12 = March (1–5 April belong to April); weekly period n is tax week
 * n from 6 April; fortnightly and four-weekly periods are 2 and 4 tax weeks.
 */
export function periodContaining(frequency: PayFrequency, date: string): { taxYear: string; period: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (frequency === 'monthly') {
    const start = m >= 4 ? y : y - 1;
    return { taxYear: `${start}-${pad2((start + 1) % 100)}`, period: ((m + 8) % 12) + 1 };
  }
  const start = m < 4 || (m === 4 && d < 6) ? y - 1 : y;
  const weeks = frequency === 'weekly' ? 1 : frequency === 'fortnightly' ? 2 : 4;
  const days = dayNumber(date) - dayNumber(`${start}-04-06`);
  return { taxYear: `${start}-${pad2((start + 1) % 100)}`, period: Math.floor(days / (7 * weeks)) + 1 };
}
