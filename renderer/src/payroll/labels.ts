/** Words for the payroll enums, and the small conversions between what is typed and what is stored. */
import type { PayDay, PayFrequency, Weekday } from '../../../shared/contract-payroll';
import type { Pa } from '../../../shared/contract-payroll';

export const FREQUENCY_LABEL: Record<PayFrequency, string> = {
  weekly: 'Weekly',
  fortnightly: 'Fortnightly',
  'four-weekly': 'Every four weeks',
  monthly: 'Monthly',
};

export const WEEKDAY_LABEL: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export const PENSION_BASIS_LABEL = { 'relief-at-source': 'Relief at source', 'net-pay': 'Net pay arrangement' } as const;

export const TAX_BASIS_LABEL: Record<Pa['taxBasis'], string> = { cumulative: 'Cumulative', week1month1: 'Week 1 / Month 1 (non-cumulative)' };

export const STUDENT_LOAN_LABEL: Record<Pa['studentLoanPlans'][number], string> = {
  plan1: 'Plan 1',
  plan2: 'Plan 2',
  plan4: 'Plan 4 (Scotland)',
  plan5: 'Plan 5',
};

export const PENSION_STATUS_LABEL: Record<Pa['pensionStatus'], string> = {
  eligible: 'Eligible jobholder (enrolled automatically)',
  'non-eligible': 'Non-eligible jobholder (may opt in)',
  entitled: 'Entitled worker (may join)',
  'opted-out': 'Opted out',
  'opted-in': 'Opted in',
};

export const HOLIDAY_SCHEME_LABEL: Record<Pa['holidayScheme'], string> = {
  'pro-rata': '5.6 weeks a year, pro rata to contracted hours',
  accrual: '12.07% of hours worked (irregular hours)',
};

export function payDayLabel(day: PayDay): string {
  if (typeof day === 'number') return `Day ${day} of the month`;
  if (day === 'last-working-day') return 'Last working day of the month';
  return WEEKDAY_LABEL[day];
}

/** The form's text for a pay day ("friday", "15", "last-working-day") back to the contract's value. */
export function payDayOf(text: string): PayDay {
  return /^\d+$/.test(text) ? Number(text) : (text as PayDay);
}

/**
 * Hours typed as "37.5" or "37.50" become hundredths of an hour (3750), on the digits with no
 * floating point. Null when the text is not hours.
 */
export function parseHours(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number.parseInt(m[1]!, 10) * 100 + Number.parseInt((m[2] ?? '').padEnd(2, '0'), 10);
}

/** 3750 → "37.5", 3725 → "37.25", 4000 → "40". */
export function formatHours(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100);
  const frac = (hundredths % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/**
 * A server error's `where` names a contract field ("payeReference", "patch.taxCode"). The field's
 * name in the form, and the message without the "field: " prefix the api puts on schema errors.
 */
export function fieldError(where: string | undefined, message: string): { field: string; message: string } | null {
  if (!where) return null;
  const field = where.replace(/^patch\./, '');
  const prefix = `${where}: `;
  return { field, message: message.startsWith(prefix) ? message.slice(prefix.length) : message };
}

/** Basis points to the percentage typed in the form: 300 → "3", 550 → "5.5". */
export function percentText(bps: number): string {
  const frac = (bps % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return frac ? `${Math.trunc(bps / 100)}.${frac}` : String(Math.trunc(bps / 100));
}

/** "3", "3.5", "3.25%" → basis points (300, 350, 325), on the digits; null when it is not a percentage 0 to 100. */
export function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bps > 10000 ? null : bps;
}
