/**
 * Holiday for irregular-hours and part-year workers (leave years from 1 April 2024): holiday
 * accrues at 12.07% of hours worked in each pay period, and rolled-up holiday pay, where used, is
 * 12.07% of pay for work done. Time is in whole minutes to keep the arithmetic exact; both results
 * are rounded UP (to the minute, to the penny) so the worker is never short.
 */
import type { Pence } from '../../shared/money';
import { applyBpsCeil, mulDivCeil } from './arithmetic';
import { PayrollInputError } from './calendar';
import type { TaxYearTable } from './types';

/** Minutes of holiday accrued for `minutesWorked` minutes worked in a pay period. */
export function holidayAccrualMinutes(year: TaxYearTable, minutesWorked: number): number {
  if (!Number.isSafeInteger(minutesWorked) || minutesWorked < 0) throw new PayrollInputError('Minutes worked must be a whole number, not negative');
  return mulDivCeil(minutesWorked, year.holiday.accrualRate, 10000);
}

/** Rolled-up holiday pay on `pay` (pay for work done in the period, excluding the holiday pay itself). */
export function rolledUpHolidayPay(year: TaxYearTable, pay: Pence): Pence {
  if (!Number.isSafeInteger(pay) || pay < 0) throw new PayrollInputError('Pay must be whole pence, not negative');
  return applyBpsCeil(pay, year.holiday.accrualRate);
}
