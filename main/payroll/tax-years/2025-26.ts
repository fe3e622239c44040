/**
 * Tax year 2025-26 (6 April 2025 to 5 April 2026). Figures transcribed from
 * /work/shared/reference/uk-payroll-rates.json ("2025-26" block); each block's `source` repeats
 * that file's source note and `confidence` its letter (C = HMRC/gov.uk artefact, T = two or more
 * agreeing third parties, S = single source, D = derived by arithmetic).
 * Money is integer pence, rates integer basis points (2000 = 20%).
 */
import { pence } from '../../../shared/money';
import type { TaxYearTable } from '../types';
import { gbp, perFrequency } from './helpers';

const REF = 'uk-payroll-rates.json 2025-26';

export const TAX_YEAR_2025_26: TaxYearTable = {
  id: '2025-26',
  start: '2025-04-06',
  end: '2026-04-05',

  incomeTax: {
    source: `${REF} incomeTax: HMRC 2025-26 tax test data (168 rows) reproduces exactly`,
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
      // Welsh rates of income tax: 10p UK + 10p Welsh in each band, so the same bands and total
      // rates as the rest of the UK (wales_rates in the reference: 20/40/45, WRIT 10).
      wales: [
        { name: 'basic', rate: 2000, width: gbp(37700) },
        { name: 'higher', rate: 4000, width: gbp(87440) },
        { name: 'additional', rate: 4500, width: null },
      ],
      scotland: [
        { name: 'starter', rate: 1900, width: gbp(2827) },
        { name: 'basic', rate: 2000, width: gbp(12094) },
        { name: 'intermediate', rate: 2100, width: gbp(16171) },
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
    source: `${REF} ni: hmrc/calculate-ni-frontend config; HMRC NIC test data v1.1 (896 rows) reproduces exactly`,
    confidence: 'C',
    thresholds: {
      LEL: perFrequency(125, 250, 500, 542, 6500),
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
      V: { description: 'Veteran, first civilian employment', employeeMainRate: 800, employeeAboveUelRate: 200, employerZeroRateUpTo: 'VUST' },
      Z: { description: 'Under 21, deferment', employeeMainRate: 200, employeeAboveUelRate: 200, employerZeroRateUpTo: 'UST' },
    },
    notes: [
      'Rounding per band: third decimal 5 or less down, 6 or more up (roundingRule in the reference).',
      'IZUST is not listed separately in the reference; it shares the FUST_IZUST figures.',
    ],
  },

  employmentAllowance: {
    source: `${REF} employmentAllowance: gov.uk Employment Allowance page; NIM06520 (previous-year £100,000 cap removed from 2025-26)`,
    confidence: 'C',
    amount: gbp(10500),
    careAndSupportEmployersEligible: true,
  },

  autoEnrolment: {
    source: `${REF} autoEnrolment: The Pensions Regulator page`,
    confidence: 'C',
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
    source: `${REF} nmw_from_2025_04_01`,
    confidence: 'T',
    effectiveFrom: '2025-04-01',
    age21AndOver: pence(1221),
    age18To20: pence(1000),
    under18: pence(755),
    apprentice: pence(755),
  },

  ssp: {
    source: `${REF} ssp (rate, LEL, 3 waiting days, 28 weeks); 4-day period of incapacity from the SSP rules`,
    confidence: 'T',
    weeklyRate: pence(11875),
    lowerEarningsLimitWeekly: gbp(125),
    waitingDays: 3,
    percentOfAwe: null,
    maxWeeks: 28,
    piwMinDays: 4,
  },

  familyPay: {
    source: `${REF} familyPay (SMP/SPP/SAP/ShPP/SPBP/SNCP weekly rate, 90% of AWE first 6 weeks, SER 108.5%)`,
    confidence: 'T',
    smpWeeklyRate: pence(18718),
    smpFirst6WeeksPercentOfAwe: 9000,
    earningsThresholdWeekly: gbp(125),
    smallEmployersReliefRecovery: 10850,
    standardRecovery: 9200,
    smallEmployersReliefClass1Threshold: gbp(45000),
  },

  studentLoans: {
    source: `${REF} studentLoans: hmrc/tax-kalculator + third parties`,
    confidence: 'C',
    annualThresholds: {
      plan1: gbp(26065),
      plan2: gbp(28470),
      plan4: gbp(32745),
      // Plan 5 threshold is £25,000 but collection through payroll starts in 2026-27.
      plan5: null,
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
    source: `${REF} holiday: Acas + law firms (12.07% accrual for irregular-hours and part-year workers, leave years from 1 April 2024)`,
    confidence: 'T',
    statutoryWeeksTenths: 56,
    maxDays: 28,
    accrualRate: 1207,
  },
};
