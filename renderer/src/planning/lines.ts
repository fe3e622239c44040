/**
 * The plan editor's lines as typed (text in each cell) and their conversion to the contract's
 * PlanLineInput. Checks here give a message naming the line and field before anything is sent;
 * the server checks again (providers, dates against the plan, the budget) and its word is final.
 */
import type { LineType, LineUnit, PlanLine, PlanLineInput } from '../../../shared/contract-planning';
import { LINE_TYPES_NEEDING_PROVIDER, MAX_HOURLY_LINE_RATE, MAX_LINE_RATE } from '../../../shared/contract-planning';
import type { Category } from '../../../shared/domain';
import { hundredthsText, isWeeklyUnit, parseHundredths, parsePounds, poundsText, previewLineCost } from './format';

export interface DraftLine {
  key: string;
  id: number | null;
  type: LineType;
  description: string;
  providerId: string;
  paId: string;
  quantity: string;
  unit: LineUnit;
  rate: string;
  startDate: string;
  endDate: string;
  holidayWeeks: string;
  category: Category;
  grossHourlyRate: number | null;
  onCostHourly: number | null;
  onCostTaxYear: string | null;
  notes: string;
}

/** The expense category a new line of each type is recorded under (the broker can change it). */
export const DEFAULT_CATEGORY: Record<LineType, Category> = {
  'pa-hours': 'pa-wages',
  'agency-hours': 'agency',
  respite: 'respite',
  'day-activity': 'activities',
  therapy: 'therapies',
  equipment: 'equipment',
  transport: 'transport',
  'community-activity': 'activities',
  contingency: 'other',
  other: 'other',
};

export const DEFAULT_UNIT: Record<LineType, LineUnit> = {
  'pa-hours': 'hours-per-week',
  'agency-hours': 'hours-per-week',
  respite: 'nights-per-year',
  'day-activity': 'days-per-week',
  therapy: 'sessions-per-month',
  equipment: 'one-off',
  transport: 'sessions-per-week',
  'community-activity': 'sessions-per-week',
  contingency: 'one-off',
  other: 'one-off',
};

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `new-${counter}`;
}

export function blankLine(type: LineType = 'pa-hours'): DraftLine {
  return {
    key: newKey(),
    id: null,
    type,
    description: '',
    providerId: '',
    paId: '',
    quantity: '',
    unit: DEFAULT_UNIT[type],
    rate: '',
    startDate: '',
    endDate: '',
    holidayWeeks: '0',
    category: DEFAULT_CATEGORY[type],
    grossHourlyRate: null,
    onCostHourly: null,
    onCostTaxYear: null,
    notes: '',
  };
}

export function fromPlanLine(l: PlanLine): DraftLine {
  return {
    key: `line-${l.id}`,
    id: l.id,
    type: l.type,
    description: l.description,
    providerId: l.providerId === null ? '' : String(l.providerId),
    paId: l.paId === null ? '' : String(l.paId),
    quantity: hundredthsText(l.quantity),
    unit: l.unit,
    rate: poundsText(l.rate),
    startDate: l.startDate ?? '',
    endDate: l.endDate ?? '',
    holidayWeeks: hundredthsText(l.holidayWeeks),
    category: l.category,
    grossHourlyRate: l.grossHourlyRate,
    onCostHourly: l.onCostHourly,
    onCostTaxYear: l.onCostTaxYear,
    notes: l.notes,
  };
}

export interface LineProblem {
  row: number;
  field: keyof DraftLine;
  message: string;
}

/** Turn one typed line into a contract line, or the first problem with it (the message names line and field). */
export function toInput(d: DraftLine, row: number): { ok: true; line: PlanLineInput } | { ok: false; problem: LineProblem } {
  const n = row + 1;
  const bad = (field: keyof DraftLine, message: string) => ({ ok: false as const, problem: { row, field, message: `Line ${n}, ${message}` } });
  const q = parseHundredths(d.quantity, 'quantity');
  if (!q.ok) return bad('quantity', q.message);
  if (q.value <= 0) return bad('quantity', 'quantity: the quantity must be more than 0');
  const r = parsePounds(d.rate, 'rate');
  if (!r.ok) return bad('rate', r.message);
  if (r.value < 0) return bad('rate', 'rate: a rate cannot be negative');
  const max = d.unit.startsWith('hours-') ? MAX_HOURLY_LINE_RATE : MAX_LINE_RATE;
  if (r.value > max) return bad('rate', `rate: a rate above £${(max / 100).toLocaleString('en-GB')} is not accepted for ${d.unit === 'one-off' ? 'a one-off item' : 'this unit'}`);
  const h = isWeeklyUnit(d.unit) ? parseHundredths(d.holidayWeeks || '0', 'holiday weeks') : { ok: true as const, value: 0 };
  if (!h.ok) return bad('holidayWeeks', h.message);
  if (h.value < 0 || h.value > 5100) return bad('holidayWeeks', 'holiday weeks: between 0 and 51');
  if (d.startDate && d.endDate && d.endDate < d.startDate) return bad('endDate', `end date: ${d.endDate} is before the start date ${d.startDate}`);
  if (LINE_TYPES_NEEDING_PROVIDER.includes(d.type) && d.providerId === '') return bad('providerId', 'provider: choose a provider from the directory for this kind of line');
  return {
    ok: true,
    line: {
      ...(d.id !== null ? { id: d.id } : {}),
      type: d.type,
      description: d.description,
      providerId: d.providerId === '' ? null : Number(d.providerId),
      paId: d.type === 'pa-hours' && d.paId !== '' ? Number(d.paId) : null,
      quantity: q.value,
      unit: d.unit,
      rate: r.value,
      grossHourlyRate: d.type === 'pa-hours' ? d.grossHourlyRate : null,
      onCostHourly: d.type === 'pa-hours' ? d.onCostHourly : null,
      onCostTaxYear: d.type === 'pa-hours' ? d.onCostTaxYear : null,
      startDate: d.startDate === '' ? null : d.startDate,
      endDate: d.endDate === '' ? null : d.endDate,
      holidayWeeks: h.value,
      category: d.category,
      notes: d.notes,
    },
  };
}

/** The live preview of one typed line's cost; null while a cell cannot be read. */
export function previewOf(d: DraftLine): { annual: number; weekly: number } | null {
  const q = parseHundredths(d.quantity, 'q');
  const r = parsePounds(d.rate, 'r');
  const h = isWeeklyUnit(d.unit) ? parseHundredths(d.holidayWeeks || '0', 'h') : { ok: true as const, value: 0 };
  if (!q.ok || !r.ok || !h.ok || q.value <= 0 || r.value < 0 || h.value < 0 || h.value > 5100) return null;
  return previewLineCost(q.value, d.unit, r.value, h.value);
}

/** Server "where" like "lines[2].rate" → row 2, field rate. */
export function parseWhere(where: string | undefined): { row: number; field: string } | null {
  const m = /^lines\[(\d+)\]\.?(\w+)?/.exec(where ?? '');
  return m ? { row: Number(m[1]), field: m[2] ?? '' } : null;
}
