/**
 * Tax year 2026-27 (6 April 2026 to 5 April 2027). Figures transcribed from
 * /work/shared/reference/uk-payroll-rates.json ("2026-27" block); each block's `source` repeats
 * that file's source note and `confidence` its letter (C = HMRC/gov.uk artefact, T = two or more
 * agreeing third parties, S = single source, D = derived by arithmetic). Where a block mixes
 * letters, the weakest is given and the source says which figure it applies to.
 * Money is integer pence, rates integer basis points (2000 = 20%).
 */
import { pence } from '../../../shared/money';
import type { TaxYearTable } from '../types';
import { gbp, perFrequency } from './helpers';

const REF = 'uk-payroll-rates.json 2026-27';

export const TAX_YEAR_2026_27: TaxYearTable = {
  id: '2026-27',
  start: '2026-04-06',
  end: '2027-04-05',

  incomeTax: {
    source: `${REF} incomeTax: HMRC 2026-27 tax test data v1.1 reproduces exactly; thresholds frozen until 2030-31 (Autumn Budget 2025)`,
    confidence: 'C',
    personalAllowance: gbp(12570),
    personalAllowanceTaperStart: gbp(100000),
    personalAllowanceNilAt: gbp(125140),
    standardCode: '1257L',
    emergencyCode: '1257L W1/M1',
    bands: {
      rUK: [
        { name: 'basic', rate: 2000, width: gbp(37700) },
        { name: 'higher', rate: 4000, width: gbp(87440) },
        { name: 'additional', rate: 4500, width: null },
      ],
      wales: [
        { name: 'basic', rate: 2000, width: gbp(37700) },
        { name: 'higher', rate: 4000, width: gbp(87440) },
        { name: 'additional', rate: 4500, width: null },
      ],
      scotland: [
        { name: 'starter', rate: 1900, width: gbp(3967) },
        { name: 'basic', rate: 2000, width: gbp(12989) },
        { name: 'intermediate', rate: 2100, width: gbp(14136) },
        { name: 'higher', rate: 4200, width: gbp(31338) },
        { name: 'advanced', rate: 4500, width: gbp(62710) },
        { name: 'top', rate: 4800, width: null },
      ],
    },
    flatRateCodes: {
      BR: 2000, D0: 4000, D1: 4500,
      SBR: 2000, SD0: 2100, SD1: 4200, SD2: 4500, SD3: 4800,
      CBR: 2000, CD0: 4000, CD1: 4500,
    },
    regulatoryLimit: 5000,
  },

  ni: {
    source: `${REF} ni: hmrc/calculate-ni-frontend commit 2026-04-09 'Updated 26/27 rates with testing'; LEL also T; fortnightly LEL £258 = 6708/26 (D)`,
    confidence: 'C',
    thresholds: {
      LEL: perFrequency(129, 258, 516, 559, 6708),
      ST: perFrequency(96, 193, 385, 417, 5000),
      PT: perFrequency(242, 484, 967, 1048, 12570),
      UEL: perFrequency(967, 1934, 3867, 4189, 50270),
      UST: perFrequency(967, 1934, 3867, 4189, 50270),
      AUST: perFrequency(967, 1934, 3867, 4189, 50270),
      VUST: perFrequency(967, 1934, 3867, 4189, 50270),
      FUST: perFrequency(481, 962, 1924, 2083, 25000),
      IZUST: perFrequency(481, 962, 1924, 2083, 25000),
    },
    employerRate: 1500,
    categories: {
      A: { description: 'Standard', employeeMainRate: 800, employeeAboveUelRate: 200, employerZeroRateUpTo: 'ST' },
      B: { description: 'Married women and widows, reduced rate', employeeMainRate: 185, employeeAboveUelRate: 200, employerZeroRateUpTo: 'ST' },
      C: { description: 'Over State Pension age', employeeMainRate: 0, employeeAboveUelRate: 0, employerZeroRateUpTo: 'ST' },
      D: { description: 'Investment zone, deferment', employeeMainRate: 200, employeeAboveUelRate: 200, employerZeroRateUpTo: 'IZUST' },
      E: { description: 'Investment zone, married women reduced rate', employeeMainRate: 185, employeeAboveUelRate: 200, employerZeroRateUpTo: 'IZUST' },
      F: { description: 'Freeport, standard', employeeMainRate: 800, employeeAboveUelRate: 200, employerZeroRateUpTo: 'FUST' },
      H: { description: 'Apprentice under 25', employeeMainRate: 800, employeeAboveUelRate: 200, employerZeroRateUpTo: 'AUST' },
      I: { description: 'Freeport, married women reduced rate', employeeMainRate: 185, employeeAboveUelRate: 200, employerZeroRateUpTo: 'FUST' },
      J: { description: 'Deferment', employeeMainRate: 200, employeeAboveUelRate: 200, employerZeroRateUpTo: 'ST' },
      K: { description: 'Investment zone, over State Pension age', employeeMainRate: 0, employeeAboveUelRate: 0, employerZeroRateUpTo: 'IZUST' },
      L: { description: 'Freeport, deferment', employeeMainRate: 200, employeeAboveUelRate: 200, employerZeroRateUpTo: 'FUST' },
      M: { description: 'Under 21', employeeMainRate: 800, employeeAboveUelRate: 200, employerZeroRateUpTo: 'UST' },
      N: { description: 'Investment zone, standard', employeeMainRate: 800, employeeAboveUelRate: 200, employerZeroRateUpTo: 'IZUST' },
      S: { description: 'Freeport, over State Pension age', employeeMainRate: 0, employeeAboveUelRate: 0, employerZeroRateUpTo: 'FUST' },
      V: { description: 'Veteran, first civilian employment (relief extended to April 2028)', employeeMainRate: 800, employeeAboveUelRate: 200, employerZeroRateUpTo: 'VUST' },
      Z: { description: 'Under 21, deferment', employeeMainRate: 200, employeeAboveUelRate: 200, employerZeroRateUpTo: 'UST' },
    },
    notes: [
      'Rounding per band: same rule as 2025-26 (third decimal 5 or less down, 6 or more up).',
      'IZUST is not listed separately in the reference; it shares the FUST_IZUST figures.',
    ],
  },

  employmentAllowance: {
    source: `${REF} employmentAllowance: Sage KB 'remains at £10,500 for 2026/2027'; delphini tax tables; gov.uk EA page says up to £10,500`,
    confidence: 'T',
    amount: gbp(10500),
    careAndSupportEmployersEligible: true,
  },

  autoEnrolment: {
    source: `${REF} autoEnrolment: annual figures T (DWP written statement HCWS1206, 18 Dec 2025: maintained at 2025-26 levels); per-period figures D (assumed unchanged because annual figures unchanged)`,
    confidence: 'D',
    annual: { lower: gbp(6240), trigger: gbp(10000), upper: gbp(50270) },
    perPeriod: {
      weekly: { lower: gbp(120), trigger: gbp(192), upper: gbp(967) },
      fortnightly: { lower: gbp(240), trigger: gbp(384), upper: gbp(1934) },
      fourWeekly: { lower: gbp(480), trigger: gbp(768), upper: gbp(3867) },
      monthly: { lower: gbp(520), trigger: gbp(833), upper: gbp(4189) },
    },
    minTotalContribution: 800,
    minEmployerContribution: 300,
    eligibleMinAge: 22,
    workerMinAge: 16,
    workerMaxAge: 74,
  },

  minimumWage: {
    source: `${REF} nmw_from_2026_04_01`,
    confidence: 'T',
    effectiveFrom: '2026-04-01',
    age21AndOver: pence(1271),
    age18To20: pence(1085),
    under18: pence(800),
    apprentice: pence(800),
  },

  ssp: {
    source: `${REF} ssp: Employment Rights Act 2025, from 2026-04-06 — lower of £123.25 and 80% of AWE, no LEL, no waiting days (business.gov.uk for rules; mondaq/mulberrys for £123.25). 4-day period of incapacity kept from the existing rules (assumption, not in the reference)`,
    confidence: 'T',
    weeklyRate: pence(12325),
    lowerEarningsLimitWeekly: null,
    waitingDays: 0,
    percentOfAwe: 8000,
    maxWeeks: 28,
    piwMinDays: 4,
  },

  familyPay: {
    source: `${REF} familyPay: rate T; 109% small employers' relief S (ICB report of HMRC SDST notice 21 Jan 2026)`,
    confidence: 'S',
    smpWeeklyRate: pence(19432),
    smpFirst6WeeksPercentOfAwe: 9000,
    earningsThresholdWeekly: gbp(129),
    smallEmployersReliefRecovery: 10900,
    standardRecovery: 9200,
    smallEmployersReliefClass1Threshold: gbp(45000),
  },

  studentLoans: {
    source: `${REF} studentLoans: hmrc/tax-kalculator studentLoanRepaymentRate2026 + third parties`,
    confidence: 'C',
    annualThresholds: {
      plan1: gbp(26900),
      plan2: gbp(29385),
      plan4: gbp(33795),
      plan5: gbp(25000),
      postgraduate: gbp(21000),
    },
    undergraduateRate: 900,
    postgraduateRate: 600,
    notes: [
      'Per-period thresholds are derived (D): annual x weeks / 52 or annual / 12, truncated to the penny.',
      'Deductions are rounded down to whole pounds.',
    ],
  },

  holiday: {
    source: `${REF} holiday`,
    confidence: 'T',
    statutoryWeeksTenths: 56,
    maxDays: 28,
    accrualRate: 1207,
  },
};
