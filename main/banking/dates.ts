/**
 * Dates as banks write them, to 'YYYY-MM-DD'. UK order (day first) throughout, except QIF files
 * may be read month first on request. Impossible dates (31/02, 29/02 in a common year, month 13)
 * are refused, not rolled over. Two-digit years are 20yy.
 */
import type { DateFormat, DateOrder } from './types';

export type DateParse = { ok: true; iso: string } | { ok: false; message: string };

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + String(n);

/** Build the ISO date, or say why the numbers are not a date. */
export function makeDate(year: number, month: number, day: number, original: string): DateParse {
  if (year < 1900 || year > 2199) return { ok: false, message: `"${original}": year ${year} is out of range` };
  if (month < 1 || month > 12) return { ok: false, message: `"${original}": there is no month ${month}` };
  const dim = daysInMonth(year, month);
  if (day < 1 || day > dim) return { ok: false, message: `"${original}": day ${day} does not exist in ${year}-${pad2(month)}` };
  return { ok: true, iso: `${year}-${pad2(month)}-${pad2(day)}` };
}

// An optional time after the date ("12/03/2026 10:30", "2026-03-12T10:30:00Z") is ignored.
const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const NUMERIC_DMY4 = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})${TIME}$`);
const NUMERIC_DMY2 = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{2})${TIME}$`);
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}$`);
const NAMED = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?[ \-/]([A-Za-z]{3,9})\.?,?[ \-/](\d{4}|\d{2})${TIME}$`);

function year2(yy: string): number {
  return 2000 + Number(yy);
}

function tryDmy4(s: string): DateParse | null {
  const m = NUMERIC_DMY4.exec(s);
  return m ? makeDate(Number(m[4]), Number(m[3]), Number(m[1]), s) : null;
}
function tryDmy2(s: string): DateParse | null {
  const m = NUMERIC_DMY2.exec(s);
  return m ? makeDate(year2(m[4] as string), Number(m[3]), Number(m[1]), s) : null;
}
function tryIso(s: string): DateParse | null {
  const m = ISO.exec(s);
  return m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3]), s) : null;
}
function tryNamed(s: string): DateParse | null {
  const m = NAMED.exec(s);
  if (!m) return null;
  const month = MONTHS[(m[2] as string).toLowerCase()];
  if (month === undefined) return { ok: false, message: `"${s}": "${m[2]}" is not a month` };
  const y = m[3] as string;
  return makeDate(y.length === 2 ? year2(y) : Number(y), month, Number(m[1]), s);
}

const EXPECT: Record<DateFormat, string> = {
  'dd/mm/yyyy': 'a date like 31/01/2026',
  'd/m/yy': 'a date like 31/1/26',
  iso: 'a date like 2026-01-31',
  'd mmm yyyy': 'a date like 31 Jan 2026',
  auto: 'a date like 31/01/2026, 31/1/26, 2026-01-31 or 31 Jan 2026',
};

/** Parse a statement date in the given format ('auto': any of the UK forms, day first). */
export function parseDate(text: string, format: DateFormat = 'auto'): DateParse {
  const s = text.trim();
  if (s === '') return { ok: false, message: 'the date is empty' };
  let r: DateParse | null = null;
  switch (format) {
    case 'dd/mm/yyyy':
      r = tryDmy4(s);
      break;
    case 'd/m/yy':
      r = tryDmy2(s) ?? tryDmy4(s);
      break;
    case 'iso':
      r = tryIso(s);
      break;
    case 'd mmm yyyy':
      r = tryNamed(s);
      break;
    case 'auto':
      r = tryIso(s) ?? tryDmy4(s) ?? tryDmy2(s) ?? tryNamed(s);
      break;
  }
  return r ?? { ok: false, message: `"${s}" is not ${EXPECT[format]}` };
}

/** Does this text look like an attempt at a date (so a failure to parse it is an error, not a summary line)? */
export function looksLikeDate(text: string): boolean {
  const s = text.trim();
  return /^\d{1,4}[/.-]\d{1,2}([/.-]\d{1,4})?/.test(s) || /^\d{1,2}(?:st|nd|rd|th)?[ /-][A-Za-z]{3,9}/.test(s) || /^\d{6,8}$/.test(s);
}

/**
 * QIF dates: "12/03/2026", "12/03/26", "3/12'26" (Quicken's apostrophe before a 21st-century
 * year), "12-03-2026", "2026-03-12", with Quicken's space padding (" 3/ 4/26").
 * `order` says whether the first number is the day (UK) or the month (US Quicken).
 */
export function parseQifDate(text: string, order: DateOrder): DateParse {
  const s = text.replace(/\s+/g, '');
  if (s === '') return { ok: false, message: 'the date is empty' };
  const iso = tryIso(s);
  if (iso) return iso;
  const m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-]|')(\d{4}|\d{2})$/.exec(s);
  if (!m) {
    const named = tryNamed(text.trim());
    return named ?? { ok: false, message: `"${text.trim()}" is not a QIF date (like 31/01/2026 or 31/01'26)` };
  }
  const a = Number(m[1]);
  const b = Number(m[2]);
  const y = m[3] as string;
  const year = y.length === 2 ? year2(y) : Number(y);
  return order === 'dmy' ? makeDate(year, b, a, text.trim()) : makeDate(year, a, b, text.trim());
}

/**
 * OFX DTPOSTED: YYYYMMDD[HHMMSS[.XXX]][[gmt offset[:tz name]]]. The calendar date as written is
 * kept; the time and zone are checked for shape and then dropped (banks write their local date).
 */
export function parseOfxDate(text: string): DateParse {
  const s = text.trim();
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:\.\d{1,3})?)?)?(?:\[[+-]?\d{1,2}(?:\.\d{1,2})?(?::[A-Za-z]{1,8})?\])?$/.exec(s);
  if (!m) return { ok: false, message: `"${s}" is not an OFX date (YYYYMMDD[HHMMSS[.XXX]][[-5:EST]])` };
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59))) {
    return { ok: false, message: `"${s}": the time of day is impossible` };
  }
  return makeDate(Number(m[1]), Number(m[2]), Number(m[3]), s);
}
