/** The PA's contract rate (pence an hour) for a rate type, or null when none is agreed: as main/payroll/timesheets.ts rateFor. */
import type { Pa } from '../../../shared/contract-payroll';
import type { RateType } from '../../../shared/contract-timesheets';

export function rateOf(pa: Pa, rateType: RateType): number | null {
  switch (rateType) {
    case 'standard':
      return pa.standardRate;
    case 'weekend':
      return pa.weekendRate;
    case 'night':
      return pa.nightRate;
    case 'sleep-in':
      return pa.sleepInRate;
    case 'bank-holiday':
      return pa.bankHolidayRate;
  }
}
