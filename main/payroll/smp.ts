/**
 * Statutory Maternity Pay (and the same flat weekly rate for SPP, SAP, ShPP, SPBP, SNCP).
 * Weeks 1-6: 90% of average weekly earnings; weeks 7-39: the lower of the flat rate and 90% of
 * AWE. 90% of AWE is rounded UP to the penny (HMRC: a fraction of a penny is rounded up).
 * Eligibility on earnings: AWE at least the lower earnings limit (the family-pay earnings
 * threshold). Service and notice conditions are the caller's.
 */
import { ZERO } from '../../shared/money';
import type { Pence } from '../../shared/money';
import { applyBpsCeil, minPence } from './arithmetic';
import { PayrollInputError } from './calendar';
import type { TaxYearTable } from './types';

export function smpWeeklyAmount(year: TaxYearTable, averageWeeklyEarnings: Pence, leaveWeek: number): Pence {
  if (!Number.isInteger(leaveWeek) || leaveWeek < 1) throw new PayrollInputError('SMP week must be 1 or more');
  const fp = year.familyPay;
  if (leaveWeek > 39 || averageWeeklyEarnings < fp.earningsThresholdWeekly) return ZERO;
  const ninety = applyBpsCeil(averageWeeklyEarnings, fp.smpFirst6WeeksPercentOfAwe);
  return leaveWeek <= 6 ? ninety : minPence(ninety, fp.smpWeeklyRate);
}
