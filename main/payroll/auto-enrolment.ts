/**
 * Workplace pension automatic enrolment: assessing a worker each pay period and the minimum
 * contributions on qualifying earnings (Pensions Act 2008; The Pensions Regulator's per-period
 * thresholds, which are published rounded and used as published).
 *
 * Worker categories (earnings in the pay reference period, "more than" = strictly above):
 * - eligible jobholder: aged 22 to State Pension age, earnings more than the earnings trigger —
 *   must be enrolled automatically;
 * - non-eligible jobholder: aged 16 to 74 with earnings more than the lower qualifying-earnings
 *   limit but not more than the trigger, or aged 16-21 / State Pension age-74 with earnings more
 *   than the trigger — may opt in, with employer contributions;
 * - entitled worker: aged 16 to 74, earnings not more than the lower limit — may ask to join;
 * - outside: under 16 or 75 and over — no duties.
 *
 * Qualifying earnings = earnings above the lower limit up to the upper limit.
 * Minimum contributions on qualifying earnings: 8% in total, of which at least 3% from the
 * employer. Both minima are rounded UP to the penny so the statutory minimum is always met; the
 * employee's share is the total less the employer's.
 */
import { pence, ZERO } from '../../shared/money';
import type { Pence } from '../../shared/money';
import { applyBpsCeil, bandPortion } from './arithmetic';
import { PayrollInputError } from './calendar';
import type { AutoEnrolmentBand, PayFrequency, TaxYearTable } from './types';

export type WorkerCategory = 'eligible-jobholder' | 'non-eligible-jobholder' | 'entitled-worker' | 'outside-scope';

export interface AutoEnrolmentInput {
  readonly year: TaxYearTable;
  readonly frequency: PayFrequency;
  /** Qualifying earnings components paid in the pay reference period (pay, overtime, SSP, SMP…). */
  readonly earnings: Pence;
  /** Age in whole years on the assessment date (see ageOn). */
  readonly age: number;
  /** Has the worker reached State Pension age on the assessment date? */
  readonly reachedStatePensionAge: boolean;
  /** Scheme rates above the minimum, if any (basis points of qualifying earnings). */
  readonly employerRate?: number;
  readonly totalRate?: number;
}

export interface AutoEnrolmentResult {
  readonly category: WorkerCategory;
  /** Must the employer enrol the worker automatically (subject to postponement)? */
  readonly mustEnrol: boolean;
  /** Would the employer have to contribute if the worker opted in / is enrolled? */
  readonly employerMustContribute: boolean;
  readonly thresholds: AutoEnrolmentBand;
  readonly qualifyingEarnings: Pence;
  readonly employerContribution: Pence;
  readonly employeeContribution: Pence;
  readonly totalContribution: Pence;
}

/** Age in whole years on `onDate`, both 'YYYY-MM-DD'. A 29 February birthday falls on 1 March in other years. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const dob = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  const on = /^(\d{4})-(\d{2})-(\d{2})$/.exec(onDate);
  if (!dob || !on) throw new PayrollInputError('Dates must be YYYY-MM-DD');
  const [by, bm, bd] = [Number(dob[1]), Number(dob[2]), Number(dob[3])];
  const [y, m, d] = [Number(on[1]), Number(on[2]), Number(on[3])];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export function assessAutoEnrolment(input: AutoEnrolmentInput): AutoEnrolmentResult {
  const { year, frequency, earnings, age, reachedStatePensionAge } = input;
  if (!Number.isSafeInteger(earnings) || earnings < 0) throw new PayrollInputError('Earnings must be whole pence, not negative');
  if (!Number.isInteger(age) || age < 0) throw new PayrollInputError('Age must be a whole number of years');
  for (const rate of [input.employerRate, input.totalRate]) {
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 0 || rate > 10000)) {
      throw new PayrollInputError('Contribution rates are whole basis points from 0 to 10000');
    }
  }
  const ae = year.autoEnrolment;
  const t = ae.perPeriod[frequency];

  let category: WorkerCategory;
  if (age < ae.workerMinAge || age > ae.workerMaxAge) category = 'outside-scope';
  else if (earnings > t.trigger && age >= ae.eligibleMinAge && !reachedStatePensionAge) category = 'eligible-jobholder';
  else if (earnings > t.lower) category = 'non-eligible-jobholder';
  else category = 'entitled-worker';

  const employerMustContribute = category === 'eligible-jobholder' || category === 'non-eligible-jobholder';
  const qualifyingEarnings = employerMustContribute ? bandPortion(earnings, t.lower, t.upper) : ZERO;

  const employerRate = Math.max(input.employerRate ?? 0, ae.minEmployerContribution);
  const totalRate = Math.max(input.totalRate ?? 0, ae.minTotalContribution, employerRate);
  const employerContribution = applyBpsCeil(qualifyingEarnings, employerRate);
  const totalContribution = applyBpsCeil(qualifyingEarnings, totalRate);

  return {
    category,
    mustEnrol: category === 'eligible-jobholder',
    employerMustContribute,
    thresholds: t,
    qualifyingEarnings,
    employerContribution,
    employeeContribution: pence(totalContribution - employerContribution),
    totalContribution,
  };
}
