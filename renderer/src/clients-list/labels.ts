/** Words for screens about funders and clients. Labels for enums the shared domain does not label. */
import type { AlertKind, ClientStatus, FunderRules } from '../../../shared/domain';
import type { Funder } from '../../../shared/contract-money';

export const FUNDER_KIND_LABEL: Record<Funder['kind'], string> = {
  council: 'Council',
  nhs: 'NHS',
  other: 'Other',
};

export const STATUS_LABEL: Record<ClientStatus, string> = {
  active: 'Active',
  suspended: 'Suspended',
  ended: 'Ended',
};

/** How loud an alert kind is in a list: the same split main uses for its severities. */
export const ALERT_TONE: Record<AlertKind, 'danger' | 'warning' | 'info'> = {
  'negative-balance': 'danger',
  'receipt-missing': 'danger',
  surplus: 'warning',
  'low-balance': 'warning',
  'receipt-short': 'warning',
  'receipt-duplicate': 'warning',
  'contribution-arrears': 'warning',
  'receipt-late': 'info',
};

/** One plain-English line per funder rule, shown under its control. */
export const RULE_HELP: Record<keyof FunderRules, { label: string; help: string }> = {
  cadence: {
    label: 'Pays',
    help: 'How often this funder pays each client. Steward expects a receipt on each due date.',
  },
  inAdvance: {
    label: 'Paid in advance',
    help: 'Each payment covers the weeks ahead, not the weeks just gone.',
  },
  paidNetOfContribution: {
    label: 'Paid net of the client’s contribution',
    help: 'The funder pays the budget less the client’s own contribution; the client pays that in separately.',
  },
  surplusThresholdWeeks: {
    label: 'Surplus threshold (weeks of funding)',
    help: 'Money held above this many weeks of funding is surplus that the funder can ask back. 0 to 52.',
  },
  contingencyWeeks: {
    label: 'Contingency (weeks of funding)',
    help: 'Extra weeks of funding a client may keep for emergencies on top of the threshold. 0 to 26.',
  },
  deductUnpaidLiabilities: {
    label: 'Deduct unpaid wages and invoices',
    help: 'Wages, tax and invoices owed but not yet paid are taken off the balance before surplus is worked out.',
  },
  deductAccruedHolidayPay: {
    label: 'Deduct accrued holiday pay',
    help: 'Holiday pay personal assistants have earned but not taken is set aside before surplus is worked out.',
  },
  deductRedundancyReserve: {
    label: 'Deduct the redundancy reserve',
    help: 'A reserve for personal assistants’ redundancy pay is set aside before surplus is worked out.',
  },
  refundContributionFirst: {
    label: 'Refund overpaid contribution first',
    help: 'When surplus is paid back, the client’s overpaid contribution goes back to the client before anything goes to the funder.',
  },
  firstReviewWeeks: {
    label: 'First review of a support plan within (weeks)',
    help: 'A new support plan is first reviewed within this many weeks of starting (often 6 to 12), then at least every 12 months. 1 to 26.',
  },
  retentionYears: {
    label: 'Keep records for (years)',
    help: 'How long this funder requires records to be kept after the year they relate to. 1 to 30.',
  },
  dbsMaxAgeYears: {
    label: 'Renew DBS checks after (years)',
    help: 'A PA’s DBS check older than this shows as a payroll reminder on the dashboard. 1 to 10; commonly 3.',
  },
};

/** Weeks of funding held, to one decimal place; "–" when the client has no funding schedule. */
export function formatWeeks(weeks: number | null): string {
  if (weeks === null) return '–';
  return weeks.toFixed(1);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-04-06" → "6 April 2026" (dates are days; no time zone involved). */
export function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/**
 * A day typed the British way, "17/05/1980" (or "17-5-1980", "17.05.1980", or ISO "1980-05-17"),
 * as an ISO day; null when it is not a real day between 1900 and 2199.
 */
export function parseDayText(text: string): string | null {
  const s = text.trim();
  let y: number, m: number, d: number;
  const uk = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (uk) [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "1980-05-17" → "17/05/1980", for a date field. */
export function dayText(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}
