/**
 * Shapes of the per-tax-year figure tables and the small vocabularies the engine uses.
 * Every money figure is integer pence; every rate is integer basis points (10000 = 100%).
 */
import type { Pence } from '../../shared/money';
import type { BasisPoints } from './arithmetic';

/** Confidence letters from uk-payroll-rates.json: C = HMRC/gov.uk artefact; T = 2+ agreeing third
 * parties; S = single source; D = derived by arithmetic from confirmed figures. */
export type Confidence = 'C' | 'T' | 'S' | 'D';

/** Where a block of figures came from. */
export interface Sourced {
  readonly source: string;
  readonly confidence: Confidence;
}

export const PAY_FREQUENCIES = ['weekly', 'fortnightly', 'fourWeekly', 'monthly'] as const;
export type PayFrequency = (typeof PAY_FREQUENCIES)[number];

/** Income tax region, from the tax-code prefix: none = rest of UK, S = Scotland, C = Wales. */
export type TaxRegion = 'rUK' | 'scotland' | 'wales';

/** A threshold as HMRC publishes it for each pay frequency (never annual / 52 on the fly). */
export interface PerFrequency {
  readonly weekly: Pence;
  readonly fortnightly: Pence;
  readonly fourWeekly: Pence;
  readonly monthly: Pence;
  readonly annual: Pence;
}

export interface TaxBand {
  readonly name: string;
  readonly rate: BasisPoints;
  /** Width of the band in pence a year; null for the open-ended top band. */
  readonly width: Pence | null;
}

export type FlatRateCodeName =
  | 'BR' | 'D0' | 'D1'
  | 'SBR' | 'SD0' | 'SD1' | 'SD2' | 'SD3'
  | 'CBR' | 'CD0' | 'CD1';

export interface IncomeTaxFigures extends Sourced {
  readonly personalAllowance: Pence;
  readonly personalAllowanceTaperStart: Pence;
  readonly personalAllowanceNilAt: Pence;
  readonly standardCode: string;
  readonly emergencyCode: string;
  /** Bands above the personal allowance, lowest first, per region. */
  readonly bands: { readonly [R in TaxRegion]: readonly TaxBand[] };
  readonly flatRateCodes: { readonly [C in FlatRateCodeName]?: BasisPoints };
  /** K codes: tax in a period may not exceed this share of that period's pay. */
  readonly regulatoryLimit: BasisPoints;
}

export const NI_CATEGORIES = ['A', 'B', 'C', 'D', 'E', 'F', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'S', 'V', 'Z'] as const;
export type NiCategory = (typeof NI_CATEGORIES)[number];

export type NiThresholdName = 'LEL' | 'ST' | 'PT' | 'UEL' | 'UST' | 'AUST' | 'VUST' | 'FUST' | 'IZUST';

export interface NiCategoryRule {
  readonly description: string;
  /** Employee rate on earnings above PT up to UEL. */
  readonly employeeMainRate: BasisPoints;
  /** Employee rate on earnings above UEL. */
  readonly employeeAboveUelRate: BasisPoints;
  /** Employer pays 0% up to this threshold and `employerRate` above it. */
  readonly employerZeroRateUpTo: NiThresholdName;
}

export interface NiFigures extends Sourced {
  readonly thresholds: { readonly [T in NiThresholdName]: PerFrequency };
  readonly employerRate: BasisPoints;
  readonly categories: { readonly [C in NiCategory]: NiCategoryRule };
  readonly notes: readonly string[];
}

export interface EmploymentAllowanceFigures extends Sourced {
  readonly amount: Pence;
  readonly careAndSupportEmployersEligible: boolean;
}

export interface AutoEnrolmentBand {
  readonly lower: Pence;
  readonly trigger: Pence;
  readonly upper: Pence;
}

export interface AutoEnrolmentFigures extends Sourced {
  readonly annual: AutoEnrolmentBand;
  readonly perPeriod: { readonly [F in PayFrequency]: AutoEnrolmentBand };
  readonly minTotalContribution: BasisPoints;
  readonly minEmployerContribution: BasisPoints;
  /** Lowest age for automatic enrolment (eligible jobholder). */
  readonly eligibleMinAge: number;
  /** Workers aged 16..74 are jobholders / entitled workers. */
  readonly workerMinAge: number;
  readonly workerMaxAge: number;
}

export interface MinimumWageFigures extends Sourced {
  /** Rates apply to pay reference periods starting on or after this date (1 April, not 6 April). */
  readonly effectiveFrom: string;
  readonly age21AndOver: Pence;
  readonly age18To20: Pence;
  readonly under18: Pence;
  readonly apprentice: Pence;
}

export interface SspFigures extends Sourced {
  readonly weeklyRate: Pence;
  /** Average weekly earnings must reach this to qualify; null when there is no earnings test. */
  readonly lowerEarningsLimitWeekly: Pence | null;
  readonly waitingDays: number;
  /** From 6 April 2026: weekly SSP is the lower of the flat rate and this share of AWE. null = no cap. */
  readonly percentOfAwe: BasisPoints | null;
  readonly maxWeeks: number;
  /** Consecutive days of incapacity (incl. non-working days) needed to form a period of incapacity. */
  readonly piwMinDays: number;
}

export interface FamilyPayFigures extends Sourced {
  readonly smpWeeklyRate: Pence;
  readonly smpFirst6WeeksPercentOfAwe: BasisPoints;
  readonly earningsThresholdWeekly: Pence;
  readonly smallEmployersReliefRecovery: BasisPoints;
  readonly standardRecovery: BasisPoints;
  readonly smallEmployersReliefClass1Threshold: Pence;
}

export type StudentLoanPlan = 'plan1' | 'plan2' | 'plan4' | 'plan5' | 'postgraduate';

export interface StudentLoanFigures extends Sourced {
  /** Annual threshold per plan; null when the plan is not collected through payroll that year. */
  readonly annualThresholds: { readonly [P in StudentLoanPlan]: Pence | null };
  readonly undergraduateRate: BasisPoints;
  readonly postgraduateRate: BasisPoints;
  readonly notes: readonly string[];
}

export interface HolidayFigures extends Sourced {
  /** Statutory leave in tenths of a week (5.6 weeks = 56). */
  readonly statutoryWeeksTenths: number;
  readonly maxDays: number;
  /** Irregular-hours / part-year workers: accrual as a share of hours worked, and rolled-up pay. */
  readonly accrualRate: BasisPoints;
}

export interface TaxYearTable {
  /** e.g. "2025-26". */
  readonly id: string;
  /** First and last day, inclusive, 'YYYY-MM-DD'. */
  readonly start: string;
  readonly end: string;
  readonly incomeTax: IncomeTaxFigures;
  readonly ni: NiFigures;
  readonly employmentAllowance: EmploymentAllowanceFigures;
  readonly autoEnrolment: AutoEnrolmentFigures;
  readonly minimumWage: MinimumWageFigures;
  readonly ssp: SspFigures;
  readonly familyPay: FamilyPayFigures;
  readonly studentLoans: StudentLoanFigures;
  readonly holiday: HolidayFigures;
}
