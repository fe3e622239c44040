/**
 * Form helpers shared by the client page's dialogs: amounts typed as text and parsed to pence with
 * parseAmount, optional dates, and server errors placed by the field they name.
 */
import { z } from 'zod';
import { MAX_AMOUNT } from '../../../shared/contract-money';
import { isIsoDate } from '../../../shared/dates';
import { MoneyError, parseAmount } from '../../../shared/money';
import type { ApiError } from '../api';

/** An amount typed as text ("£1,234.56", "450", "12.5") that becomes positive integer pence. */
export const AmountText = z.string().transform((text, ctx) => {
  if (text.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'Enter the amount, for example 1,234.56' });
    return z.NEVER;
  }
  try {
    const p = parseAmount(text);
    if (p <= 0) {
      ctx.addIssue({ code: 'custom', message: 'The amount must be more than £0.00' });
      return z.NEVER;
    }
    if (p > MAX_AMOUNT) {
      ctx.addIssue({ code: 'custom', message: 'The amount is larger than £10,000,000' });
      return z.NEVER;
    }
    return p as number;
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof MoneyError ? e.message : 'This is not an amount of money' });
    return z.NEVER;
  }
});

const DATE_MESSAGE = 'Write the date as YYYY-MM-DD (for example 2026-04-06)';

/** A required calendar day from a date input. */
export const DateText = z.string().trim().min(1, 'Enter the date').refine(isIsoDate, DATE_MESSAGE);

/** An optional calendar day: empty is allowed. */
export const OptionalDateText = z.string().trim().refine((s) => s === '' || isIsoDate(s), DATE_MESSAGE);

export const ShortText = z.string().trim().max(200, 'At most 200 characters');

/**
 * Which form field a server error is about. `where` is the api's field path ("amount",
 * "authorisations.0.by", "override.reason"); the map names form fields for whole paths or for
 * their first part. Returns null when no field matches (the ErrorAlert alone then says it).
 */
export function fieldFor<F extends string>(error: ApiError, map: Partial<Record<string, F>>): F | null {
  const where = error.where;
  if (!where) return null;
  const exact = map[where];
  if (exact) return exact;
  const first = where.split('.')[0] ?? '';
  return map[first] ?? null;
}

/** The words put by the field: the api's message, shortened where the alert above already explains. */
export function fieldMessage(error: ApiError): string {
  return error.code === 'INSUFFICIENT_FUNDS' ? 'More than the money available on this date.' : error.message;
}
