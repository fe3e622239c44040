/**
 * Contract methods for payroll people: employers (a client who employs personal assistants) and
 * their PAs. Rates are integer pence per hour; hours are hundredths of an hour (3750 = 37.5 h).
 *
 * Checks that need the payroll engine (tax codes with parseTaxCode, NI category letters with
 * isNiCategory) and checks across fields or rows run in main/payroll/people.ts, which answers
 * VALIDATION with `where` naming the field, exactly as these schemas do.
 */
import { z } from 'zod';
import { IsoDate } from './dates';
import { Id } from './contract-money';
import { niNumberProblem, normaliseNiNumber } from './ni-number';

const Name = z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters');
const ShortText = z.string().trim().max(200, 'At most 200 characters');
const LongText = z.string().trim().max(4000, 'At most 4,000 characters');

// ---------- Employers ----------

/**
 * Employer PAYE reference: the 3-digit HMRC office number, a slash, and the employer's reference
 * of 1–10 letters and digits ("123/AB45678"). Source: gov.uk "Find your employer PAYE reference"
 * (a 3-digit HMRC office number and a reference unique to the business, e.g. 123/AB456) and the
 * RTI submission's employer references (office number 3 digits; reference at most 10
 * characters). Spaces are removed and letters upper-cased.
 */
export const PAYE_REFERENCE_RE = /^\d{3}\/[A-Z0-9]{1,10}$/;
export const PayeReference = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine((s) => PAYE_REFERENCE_RE.test(s), 'A PAYE reference is 3 digits, a slash and up to 10 letters or digits, for example 123/AB45678');

/**
 * Accounts Office reference: 13 characters, 3 digits, the letter P, a letter, 7 digits, then a
 * digit or X ("123PX00123456"). Source: gov.uk "Pay employers' PAYE" (13 characters, e.g.
 * 123PX00123456) and the HMRC RTI schema pattern for AORef, [0-9]{3}P[A-Z][0-9]{7}[0-9X].
 * Spaces are removed and letters upper-cased.
 */
export const ACCOUNTS_OFFICE_REFERENCE_RE = /^\d{3}P[A-Z]\d{7}[0-9X]$/;
export const AccountsOfficeReference = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine(
    (s) => ACCOUNTS_OFFICE_REFERENCE_RE.test(s),
    'An Accounts Office reference is 13 characters: 3 digits, P, a letter, 7 digits and a last digit or X, for example 123PX00123456',
  );

export const PAY_FREQUENCIES = ['weekly', 'fortnightly', 'four-weekly', 'monthly'] as const;
export const PayFrequency = z.enum(PAY_FREQUENCIES, { error: 'Choose how often PAs are paid: weekly, fortnightly, four-weekly or monthly' });
export type PayFrequency = z.infer<typeof PayFrequency>;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

/**
 * When pay day falls. Weekly, fortnightly and four-weekly payrolls name a weekday ("friday");
 * monthly payrolls give a day of the month, 1–28 (so it exists in every month), or
 * "last-working-day".
 */
export const PayDay = z.union(
  [
    Weekday,
    z.literal('last-working-day'),
    z.number().int('A day of the month is a whole number').min(1, 'The day of the month is 1 to 28').max(28, 'The day of the month is 1 to 28 (use "last-working-day" for the end of the month)'),
  ],
  { error: 'Pay day is a weekday (e.g. "friday"), a day of the month 1–28, or "last-working-day"' },
);
export type PayDay = z.infer<typeof PayDay>;

export const PENSION_BASES = ['relief-at-source', 'net-pay'] as const;
export const PensionBasis = z.enum(PENSION_BASES, { error: 'The pension basis is "relief-at-source" or "net-pay"' });

/**
 * Pension contribution rate in basis points of qualifying earnings (300 = 3%). Defaults: employer
 * 300 and total 800, the automatic-enrolment minimum (gov.uk "Workplace pensions: what you, your
 * employer and the government pay"). The employer's rate cannot be above the total.
 */
export const PENSION_EMPLOYER_RATE_DEFAULT = 300;
export const PENSION_TOTAL_RATE_DEFAULT = 800;
export const PensionRate = z
  .number({ error: 'A pension rate is whole basis points, e.g. 300 for 3%' })
  .int('A pension rate is whole basis points, e.g. 300 for 3%')
  .min(0, 'A pension rate cannot be negative')
  .max(10000, 'A pension rate is at most 10000 (100%)');

export const Employer = z.object({
  clientId: Id,
  clientName: z.string(),
  /** Null until HMRC has registered the client as an employer. */
  payeReference: z.string().nullable(),
  accountsOfficeReference: z.string().nullable(),
  employmentAllowance: z.boolean(),
  pensionSchemeName: z.string(),
  pensionProvider: z.string(),
  pensionBasis: PensionBasis.nullable(),
  /** Contribution rates in basis points of qualifying earnings (300 = 3%): the employer's share and the total. */
  pensionEmployerRate: z.number().int(),
  pensionTotalRate: z.number().int(),
  payFrequency: PayFrequency,
  payDay: PayDay,
  employersLiabilityInsurer: z.string(),
  employersLiabilityRenewalDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Employer = z.infer<typeof Employer>;

/**
 * Create or update. The first call for a client needs payFrequency and payDay; later calls change
 * only the fields they give. Null clears an optional field.
 */
export const EmployerSet = z
  .object({
    clientId: Id,
    payeReference: PayeReference.nullable().optional(),
    accountsOfficeReference: AccountsOfficeReference.nullable().optional(),
    employmentAllowance: z.boolean({ error: 'Employment Allowance is true (claimed) or false' }).optional(),
    pensionSchemeName: ShortText.optional(),
    pensionProvider: ShortText.optional(),
    pensionBasis: PensionBasis.nullable().optional(),
    pensionEmployerRate: PensionRate.optional(),
    pensionTotalRate: PensionRate.optional(),
    payFrequency: PayFrequency.optional(),
    payDay: PayDay.optional(),
    employersLiabilityInsurer: ShortText.optional(),
    employersLiabilityRenewalDate: IsoDate.nullable().optional(),
  })
  .strict();
export type EmployerSetInput = z.input<typeof EmployerSet>;

// ---------- PAs ----------

export const NiNumber = z
  .string()
  .superRefine((s, ctx) => {
    const problem = niNumberProblem(s);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normaliseNiNumber);

export const TAX_BASES = ['cumulative', 'week1month1'] as const;
export const TaxBasis = z.enum(TAX_BASES, { error: 'The tax basis is "cumulative" or "week1month1"' });

export const STUDENT_LOAN_PLANS = ['plan1', 'plan2', 'plan4', 'plan5'] as const;
export const StudentLoanPlan = z.enum(STUDENT_LOAN_PLANS, { error: 'Student loan plans are plan1, plan2, plan4 and plan5 (the postgraduate loan is postgraduateLoan)' });

export const PENSION_STATUSES = ['eligible', 'non-eligible', 'entitled', 'opted-out', 'opted-in'] as const;
export const PensionStatus = z.enum(PENSION_STATUSES, { error: 'The pension status is eligible, non-eligible, entitled, opted-out or opted-in' });

/** pro-rata: 5.6 weeks a year pro rata to contracted hours; accrual: 12.07% of hours worked (irregular hours). */
export const HOLIDAY_SCHEMES = ['pro-rata', 'accrual'] as const;
export const HolidayScheme = z.enum(HOLIDAY_SCHEMES, { error: 'The holiday scheme is "pro-rata" (5.6 weeks) or "accrual" (12.07% of hours worked, for irregular hours)' });

/** Largest hourly rate accepted: £1,000 an hour. */
export const MAX_HOURLY_RATE = 100_000;
const RatePence = z
  .number({ error: 'A rate is a whole number of pence per hour, e.g. 1350 for £13.50' })
  .int('A rate is a whole number of pence per hour, e.g. 1350 for £13.50')
  .min(0, 'A rate cannot be negative')
  .max(MAX_HOURLY_RATE, 'A rate above £1,000 an hour is not accepted');

/** The fields of a PA, without defaults (a patch changes only what it gives). */
const PaShape = {
  name: Name,
  /** Null when the PA does not have one yet (HMRC accepts submissions without it). */
  niNumber: NiNumber.nullable(),
  dateOfBirth: IsoDate,
  address: LongText,
  startDate: IsoDate,
  leavingDate: IsoDate.nullable(),
  /** Checked with the engine's parseTaxCode; a W1, M1 or X marker sets taxBasis to week1month1. */
  taxCode: z.string().trim().min(1, 'Enter the tax code, e.g. 1257L (from the P45 or the starter checklist)').max(20, 'A tax code is at most 20 characters'),
  taxBasis: TaxBasis,
  /** Checked with the engine's isNiCategory. */
  niCategory: z.string().trim().toUpperCase().regex(/^[A-Z]$/, 'The NI category is one letter, e.g. A'),
  studentLoanPlans: z
    .array(StudentLoanPlan)
    .max(4)
    .refine((p) => new Set(p).size === p.length, 'A student loan plan is listed twice'),
  postgraduateLoan: z.boolean({ error: 'postgraduateLoan is true or false' }),
  pensionStatus: PensionStatus,
  enrolmentDate: IsoDate.nullable(),
  reEnrolmentDate: IsoDate.nullable(),
  standardRate: RatePence.min(1, 'Enter the standard hourly rate in pence, e.g. 1350 for £13.50'),
  weekendRate: RatePence.nullable(),
  nightRate: RatePence.nullable(),
  sleepInRate: RatePence.nullable(),
  bankHolidayRate: RatePence.nullable(),
  contractedHours: z
    .number({ error: 'Contracted hours a week are in hundredths of an hour, e.g. 3750 for 37.5 hours' })
    .int('Contracted hours a week are in hundredths of an hour, e.g. 3750 for 37.5 hours')
    .min(0, 'Contracted hours cannot be negative')
    .max(16_800, 'There are only 168 hours in a week (16800)'),
  holidayScheme: HolidayScheme,
  dbsCheckDate: IsoDate.nullable(),
  rightToWorkCheckedDate: IsoDate.nullable(),
};

export const PaCreate = z
  .object({
    clientId: Id,
    ...PaShape,
    niNumber: PaShape.niNumber.default(null),
    address: PaShape.address.default(''),
    leavingDate: PaShape.leavingDate.default(null),
    taxBasis: PaShape.taxBasis.optional(),
    niCategory: PaShape.niCategory.default('A'),
    studentLoanPlans: PaShape.studentLoanPlans.default([]),
    postgraduateLoan: PaShape.postgraduateLoan.default(false),
    enrolmentDate: PaShape.enrolmentDate.default(null),
    reEnrolmentDate: PaShape.reEnrolmentDate.default(null),
    weekendRate: PaShape.weekendRate.default(null),
    nightRate: PaShape.nightRate.default(null),
    sleepInRate: PaShape.sleepInRate.default(null),
    bankHolidayRate: PaShape.bankHolidayRate.default(null),
    holidayScheme: PaShape.holidayScheme.default('pro-rata'),
    dbsCheckDate: PaShape.dbsCheckDate.default(null),
    rightToWorkCheckedDate: PaShape.rightToWorkCheckedDate.default(null),
  })
  .strict();
export type PaCreateInput = z.input<typeof PaCreate>;

/** A PA stays with one employer: clientId cannot be patched (a new employer is a new employment). */
export const PaPatch = z
  .object(PaShape)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'Give at least one field to change');
export const PaUpdate = z.object({ id: Id, patch: PaPatch }).strict();

export const Pa = z.object({
  id: Id,
  clientId: Id,
  employerName: z.string(),
  name: z.string(),
  niNumber: z.string().nullable(),
  dateOfBirth: z.string(),
  address: z.string(),
  startDate: z.string(),
  leavingDate: z.string().nullable(),
  taxCode: z.string(),
  taxBasis: TaxBasis,
  niCategory: z.string(),
  studentLoanPlans: z.array(StudentLoanPlan),
  postgraduateLoan: z.boolean(),
  pensionStatus: PensionStatus,
  enrolmentDate: z.string().nullable(),
  reEnrolmentDate: z.string().nullable(),
  standardRate: z.number().int(),
  weekendRate: z.number().int().nullable(),
  nightRate: z.number().int().nullable(),
  sleepInRate: z.number().int().nullable(),
  bankHolidayRate: z.number().int().nullable(),
  contractedHours: z.number().int(),
  holidayScheme: HolidayScheme,
  dbsCheckDate: z.string().nullable(),
  rightToWorkCheckedDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Pa = z.infer<typeof Pa>;

// ---------- Holiday taken and holiday balance ----------

/** Hours of holiday a PA took on one day, in hundredths of an hour (750 = 7.5 h), at most 24 hours. */
export const HolidayHours = z
  .number({ error: 'Holiday hours are hundredths of an hour, e.g. 750 for 7.5 hours' })
  .int('Holiday hours are hundredths of an hour, e.g. 750 for 7.5 hours')
  .min(1, 'Holiday hours must be more than 0')
  .max(2400, 'Holiday on one day is at most 24 hours (2400)');

export const HolidayAdd = z
  .object({ paId: Id, date: IsoDate, hours: HolidayHours, note: ShortText.default('') })
  .strict();
export type HolidayAddInput = z.input<typeof HolidayAdd>;

export const HolidayTaken = z.object({
  id: Id,
  paId: Id,
  date: z.string(),
  hours: z.number().int(),
  note: z.string(),
  /** The posted pay run that paid these hours; null while unpaid. */
  payRunId: Id.nullable(),
  createdAt: z.string(),
});
export type HolidayTaken = z.infer<typeof HolidayTaken>;

/**
 * A PA's holiday in the leave year (1 April to 31 March) containing asOf, all in hundredths of an
 * hour. See docs/payroll.md "Holiday" for how each figure is worked out.
 */
export const HolidayBalance = z.object({
  paId: Id,
  scheme: HolidayScheme,
  leaveYearStart: z.string(),
  leaveYearEnd: z.string(),
  entitlementHours: z.number().int(),
  accruedHours: z.number().int(),
  takenHours: z.number().int(),
  balanceHours: z.number().int(),
});
export type HolidayBalance = z.infer<typeof HolidayBalance>;

const Empty = z.object({}).strict();

export const payrollContract = {
  'employer.get': { input: z.object({ clientId: Id }).strict(), output: Employer.nullable(), writes: false },
  'employer.set': { input: EmployerSet, output: Employer, writes: true },
  'employer.list': { input: Empty, output: z.array(Employer), writes: false },

  'pa.list': { input: z.object({ clientId: Id }).strict(), output: z.array(Pa), writes: false },
  'pa.get': { input: z.object({ id: Id }).strict(), output: Pa, writes: false },
  'pa.create': { input: PaCreate, output: Pa, writes: true },
  'pa.update': { input: PaUpdate, output: Pa, writes: true },
  'pa.leave': { input: z.object({ id: Id, leavingDate: IsoDate }).strict(), output: Pa, writes: true },

  'holiday.add': { input: HolidayAdd, output: HolidayTaken, writes: true },
  'holiday.list': { input: z.object({ paId: Id }).strict(), output: z.array(HolidayTaken), writes: false },
  'holiday.remove': { input: z.object({ id: Id }).strict(), output: HolidayTaken, writes: true },
  'holiday.balance': { input: z.object({ paId: Id, asOf: IsoDate }).strict(), output: HolidayBalance, writes: false },
} as const;
