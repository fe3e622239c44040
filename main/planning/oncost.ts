/**
 * The PA on-cost calculator: from a gross hourly rate and weekly hours to what the employer really
 * pays per hour and per week. Pure: no clock, no I/O. One source of figures: employer NI comes from
 * the payroll engine's calculateNi and pension from assessAutoEnrolment, on the tax-year tables in
 * main/payroll/tax-years/ chosen by the date, exactly as a pay run computes them.
 *
 * How each figure is worked out (all pence, every division rounded half up):
 * - gross per week = hourly × hours / 100; gross per pay period = gross for the period's hours
 *   (weekly ×1, fortnightly ×2, four-weekly ×4 of the weekly hours; monthly × 52 / 12).
 * - Holiday pay: the extra the budget needs so the PA is paid during paid leave (cover or the
 *   leave itself). "pro-rata" (5.6 weeks' statutory leave, Working Time Regulations 1998 reg 13 and
 *   13A): gross × 5.6 / (52 − 5.6) = gross × 56 / 464. "accrual" (irregular hours, Employment Rights
 *   (Amendment, Revocation and Transitional Provision) Regulations 2023: 12.07% of hours worked,
 *   gov.uk "Holiday entitlement: irregular hours and part-year workers"): gross × 1207 / 10000.
 *   "none": not costed.
 * - Employer NI: calculateNi on the pay period's gross (per-frequency secondary threshold, employer
 *   rate of the tax year) → per week = per period × periods a year / 52.
 * - Employer pension (when the PA is enrolled): assessAutoEnrolment on the period's gross, for an
 *   adult of working age (22 to State Pension age), employer rate at least the 3% minimum on
 *   qualifying earnings (rounded up, as the engine does) → per week as for NI.
 * - Employer's liability insurance: the annual premium / 52 a week.
 * - Payroll fee: the fee per period → per week as for NI.
 * - Per hour of each component = per week × 100 / hours. The total per hour is the gross rate plus
 *   the per-hour components (each already rounded), so a plan line's rate is gross + on-cost.
 */
import type { OncostInput, OncostResult } from '../../shared/contract-planning';
import type { PayFrequency } from '../../shared/contract-payroll';
import { pence } from '../../shared/money';
import { mulDivRoundHalfUp } from '../payroll/arithmetic';
import { assessAutoEnrolment } from '../payroll/auto-enrolment';
import { calculateNi, isNiCategory } from '../payroll/ni';
import { taxYearFor } from '../payroll/tax-years';
import { engineFrequency } from '../payroll/payruns';
import { StewardError } from '../../shared/errors';
import { PayrollInputError } from '../payroll/calendar';

/** The calculator's input after defaults (the contract's parsed input). */
export type OncostParams = Required<Omit<OncostInput, 'employerPensionRate'>> & { employerPensionRate?: number | undefined };

export const PERIODS_PER_YEAR: Record<PayFrequency, number> = { weekly: 52, fortnightly: 26, 'four-weekly': 13, monthly: 12 };

const PERIOD_WORD: Record<PayFrequency, string> = { weekly: 'a week', fortnightly: 'a fortnight', 'four-weekly': 'per 4 weeks', monthly: 'a month' };

/** A per-period amount as a weekly amount: × periods a year / 52, rounded half up. */
function periodToWeek(amount: number, f: PayFrequency): number {
  return mulDivRoundHalfUp(amount, PERIODS_PER_YEAR[f], 52);
}

/** Gross pay for one pay period of the given weekly hours (hundredths). */
export function grossPerPeriod(hourly: number, hoursPerWeek: number, f: PayFrequency): number {
  const weeklyTimesHundred = hourly * hoursPerWeek;
  switch (f) {
    case 'weekly':
      return mulDivRoundHalfUp(weeklyTimesHundred, 1, 100);
    case 'fortnightly':
      return mulDivRoundHalfUp(weeklyTimesHundred, 2, 100);
    case 'four-weekly':
      return mulDivRoundHalfUp(weeklyTimesHundred, 4, 100);
    case 'monthly':
      return mulDivRoundHalfUp(weeklyTimesHundred, 52, 1200);
  }
}

export function calculateOncost(p: OncostParams): OncostResult {
  let year;
  try {
    year = taxYearFor(p.date);
  } catch (e) {
    if (e instanceof PayrollInputError) throw new StewardError('VALIDATION', e.message, { where: 'date' });
    throw e;
  }
  if (!isNiCategory(p.niCategory)) throw new StewardError('VALIDATION', `"${p.niCategory}" is not an NI category letter`, { where: 'niCategory' });
  const f = p.frequency;
  const ef = engineFrequency(f);
  const hours = p.hoursPerWeek;
  const perHour = (perWeek: number) => mulDivRoundHalfUp(perWeek, 100, hours);
  const grossWeek = mulDivRoundHalfUp(p.hourly * hours, 1, 100);
  const grossPeriod = grossPerPeriod(p.hourly, hours, f);

  const components: OncostResult['components'] = [];

  if (p.holidayScheme !== 'none') {
    const [num, den, basis] =
      p.holidayScheme === 'pro-rata'
        ? [56, 464, '5.6 weeks of paid leave: gross × 5.6 / (52 − 5.6)']
        : [1207, 10_000, '12.07% of hours worked (irregular hours)'];
    components.push({ key: 'holiday-pay', label: 'Holiday pay', perPeriod: null, perWeek: mulDivRoundHalfUp(grossWeek, num, den), perHour: mulDivRoundHalfUp(p.hourly, num, den), basis });
  }

  const ni = calculateNi({ year, category: p.niCategory, frequency: ef, grossPay: pence(grossPeriod) });
  const niWeek = periodToWeek(ni.employer, f);
  components.push({
    key: 'employer-ni',
    label: "Employer's National Insurance",
    perPeriod: ni.employer,
    perWeek: niWeek,
    perHour: perHour(niWeek),
    basis: `${year.ni.employerRate / 100}% above the secondary threshold of £${(ni.thresholds.employerThreshold / 100).toFixed(2)} ${PERIOD_WORD[f]} (category ${p.niCategory}, ${year.id})`,
  });

  const ae = assessAutoEnrolment({
    year,
    frequency: ef,
    earnings: pence(grossPeriod),
    age: 30,
    reachedStatePensionAge: false,
    ...(p.employerPensionRate !== undefined ? { employerRate: p.employerPensionRate } : {}),
  });
  const employerRate = Math.max(p.employerPensionRate ?? 0, year.autoEnrolment.minEmployerContribution);
  const pensionPeriod = p.pensionEnrolled ? ae.employerContribution : 0;
  const pensionWeek = periodToWeek(pensionPeriod, f);
  components.push({
    key: 'pension',
    label: 'Employer pension',
    perPeriod: pensionPeriod,
    perWeek: pensionWeek,
    perHour: perHour(pensionWeek),
    basis: p.pensionEnrolled
      ? `${employerRate / 100}% of qualifying earnings (£${(ae.qualifyingEarnings / 100).toFixed(2)} ${PERIOD_WORD[f]})`
      : 'Not enrolled in the workplace pension',
  });

  const elWeek = mulDivRoundHalfUp(p.elInsuranceAnnual, 1, 52);
  components.push({ key: 'el-insurance', label: "Employer's liability insurance", perPeriod: null, perWeek: elWeek, perHour: perHour(elWeek), basis: 'Annual premium / 52' });

  const feeWeek = periodToWeek(p.payrollFeePerPeriod, f);
  components.push({ key: 'payroll-fee', label: 'Payroll fee', perPeriod: p.payrollFeePerPeriod, perWeek: feeWeek, perHour: perHour(feeWeek), basis: `Fee per ${f} pay period × ${PERIODS_PER_YEAR[f]} / 52` });

  const onCostPerWeek = components.reduce((s, c) => s + c.perWeek, 0);
  const onCostPerHour = components.reduce((s, c) => s + c.perHour, 0);
  const band = year.autoEnrolment.perPeriod[ef];
  return {
    taxYear: year.id,
    frequency: f,
    periodsPerYear: PERIODS_PER_YEAR[f],
    hourly: p.hourly,
    hoursPerWeek: hours,
    grossPerWeek: grossWeek,
    grossPerPeriod: grossPeriod,
    components,
    onCostPerHour,
    onCostPerWeek,
    totalPerHour: p.hourly + onCostPerHour,
    totalPerWeek: grossWeek + onCostPerWeek,
    figures: {
      employerNiRate: year.ni.employerRate,
      secondaryThresholdPerPeriod: ni.thresholds.employerThreshold,
      pensionEmployerRate: employerRate,
      aeLowerPerPeriod: band.lower,
      aeUpperPerPeriod: band.upper,
      aeTriggerPerPeriod: band.trigger,
    },
  };
}
