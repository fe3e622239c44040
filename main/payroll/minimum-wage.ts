/**
 * National Minimum Wage / National Living Wage hourly rates and a simple per-period check.
 * Rates change on 1 April (not 6 April); the table's `effectiveFrom` says when. Apprentice rate
 * applies to apprentices under 19 or in the first year of their apprenticeship.
 */
import { pence } from '../../shared/money';
import type { Pence } from '../../shared/money';
import { mulDivCeil } from './arithmetic';
import { PayrollInputError } from './calendar';
import type { TaxYearTable } from './types';

export function minimumHourlyRate(year: TaxYearTable, age: number, apprenticeRateApplies = false): Pence {
  if (!Number.isInteger(age) || age < 0) throw new PayrollInputError('Age must be a whole number of years');
  const w = year.minimumWage;
  if (apprenticeRateApplies) return w.apprentice;
  if (age >= 21) return w.age21AndOver;
  if (age >= 18) return w.age18To20;
  return w.under18;
}

export interface MinimumWageCheck {
  readonly required: Pence;
  readonly shortfall: Pence;
  readonly ok: boolean;
}

/** Pay for the pay reference period against rate x time worked (minutes), required rounded up to the penny. */
export function checkMinimumWage(payForNmw: Pence, minutesWorked: number, hourlyRate: Pence): MinimumWageCheck {
  if (!Number.isSafeInteger(minutesWorked) || minutesWorked < 0) throw new PayrollInputError('Minutes worked must be a whole number');
  const required = mulDivCeil(hourlyRate, minutesWorked, 60);
  const shortfall = payForNmw >= required ? pence(0) : pence(required - payForNmw);
  return { required, shortfall, ok: shortfall === 0 };
}
