/**
 * Contract methods for support planning (issue 5): assessments, personal budgets, costed support
 * plan versions and their approval, the PA on-cost calculator, risk enablement, reviews, the
 * provider directory, case notes and complaints. See docs/planning.md.
 *
 * Money is integer pence. Quantities and hours are hundredths (3750 = 37.5 hours a week); holiday
 * weeks are hundredths of a week (560 = 5.6 weeks). Rates in basis points (1000 = 10%).
 *
 * Checks across fields and rows (a line's provider exists and is of the right kind, dates in order,
 * outcome links name lines of the plan, the budget check) run in main/planning/, which answers
 * VALIDATION with `where` naming the field (e.g. "lines[2].rate"), as these schemas do.
 */
import { z } from 'zod';
import { IsoDate } from './dates';
import { Category } from './domain';
import { Id } from './contract-money';
import { HolidayScheme, PayFrequency, PensionRate } from './contract-payroll';

const Name = z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters');
const ShortText = z.string().trim().max(200, 'At most 200 characters');
const LongText = z.string().trim().max(4000, 'At most 4,000 characters');
/** A person named as doing something (approving, reviewing, agreeing). Empty means the signed-in user. */
const By = z.string().trim().max(200, 'At most 200 characters').optional();
const Empty = z.object({}).strict();

/** Largest personal budget accepted: £10,000,000 a year. */
export const MAX_BUDGET = 1_000_000_000;
const BudgetPence = z
  .number({ error: 'An amount is whole pence, e.g. 2000000 for £20,000.00' })
  .int('An amount is whole pence, e.g. 2000000 for £20,000.00')
  .min(0, 'An amount cannot be negative')
  .max(MAX_BUDGET, 'An amount above £10,000,000 is not accepted');

// ---------- Assessment ----------

/** The Care Act 2014 eligibility outcomes (Care and Support (Eligibility Criteria) Regulations 2015, reg 2(2)). */
export const OUTCOME_AREAS = [
  'nutrition',
  'personal-hygiene',
  'toilet-needs',
  'clothing',
  'home-safety',
  'habitable-home',
  'relationships',
  'work-training-education-volunteering',
  'community-facilities',
  'caring-for-a-child',
] as const;
export const OutcomeArea = z.enum(OUTCOME_AREAS, { error: `An eligible need is one of the Care Act outcome areas: ${OUTCOME_AREAS.join(', ')}` });
export type OutcomeArea = z.infer<typeof OutcomeArea>;
export const OUTCOME_AREA_LABEL: Record<OutcomeArea, string> = {
  nutrition: 'Managing and maintaining nutrition',
  'personal-hygiene': 'Maintaining personal hygiene',
  'toilet-needs': 'Managing toilet needs',
  clothing: 'Being appropriately clothed',
  'home-safety': 'Being able to make use of the home safely',
  'habitable-home': 'Maintaining a habitable home environment',
  relationships: 'Developing and maintaining family or other personal relationships',
  'work-training-education-volunteering': 'Accessing and engaging in work, training, education or volunteering',
  'community-facilities': 'Making use of necessary facilities or services in the local community',
  'caring-for-a-child': 'Carrying out any caring responsibilities for a child',
};

const NeedsList = z
  .array(OutcomeArea)
  .max(OUTCOME_AREAS.length)
  .refine((a) => new Set(a).size === a.length, 'An outcome area is listed twice');

const AssessmentShape = {
  date: IsoDate,
  assessor: Name,
  eligibleNeeds: NeedsList,
  carersAssessment: z.boolean({ error: 'carersAssessment is true or false' }),
  notes: LongText,
};
export const AssessmentCreate = z
  .object({
    clientId: Id,
    ...AssessmentShape,
    eligibleNeeds: AssessmentShape.eligibleNeeds.default([]),
    carersAssessment: AssessmentShape.carersAssessment.default(false),
    notes: AssessmentShape.notes.default(''),
  })
  .strict();
export const AssessmentUpdate = z
  .object({ id: Id, patch: z.object(AssessmentShape).partial().strict().refine((p) => Object.keys(p).length > 0, 'Give at least one field to change') })
  .strict();
export const Assessment = z.object({
  id: Id,
  clientId: Id,
  date: z.string(),
  assessor: z.string(),
  eligibleNeeds: z.array(OutcomeArea),
  carersAssessment: z.boolean(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Assessment = z.infer<typeof Assessment>;

// ---------- Personal budget ----------

export const BudgetFunding = z.object({ funderId: Id, annualAmount: BudgetPence }).strict();

/**
 * A personal budget from effectiveFrom (to effectiveTo, or open-ended). The funders' shares plus the
 * client's contribution must add up to annualAmount. weeklyAmount is the indicative weekly figure;
 * left out it is annualAmount / 52 rounded half up. Setting a budget that starts after an
 * open-ended one closes the earlier one the day before; any other overlap is refused.
 */
export const BudgetSet = z
  .object({
    clientId: Id,
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable().default(null),
    annualAmount: BudgetPence.min(1, 'Enter the annual budget in pence, e.g. 2000000 for £20,000.00'),
    weeklyAmount: BudgetPence.optional(),
    funders: z.array(BudgetFunding).max(10).default([]),
    clientContribution: BudgetPence.default(0),
    urgentInterim: z.boolean({ error: 'urgentInterim is true or false' }).default(false),
    notes: LongText.default(''),
  })
  .strict();
export type BudgetSetInput = z.input<typeof BudgetSet>;
export const PersonalBudget = z.object({
  id: Id,
  clientId: Id,
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  annualAmount: z.number().int(),
  weeklyAmount: z.number().int(),
  funders: z.array(z.object({ funderId: Id, funderName: z.string(), annualAmount: z.number().int() })),
  clientContribution: z.number().int(),
  urgentInterim: z.boolean(),
  notes: z.string(),
  createdAt: z.string(),
});
export type PersonalBudget = z.infer<typeof PersonalBudget>;

// ---------- Plan lines ----------

export const LINE_TYPES = [
  'pa-hours',
  'agency-hours',
  'respite',
  'day-activity',
  'therapy',
  'equipment',
  'transport',
  'community-activity',
  'contingency',
  'other',
] as const;
export const LineType = z.enum(LINE_TYPES, { error: `A line type is one of: ${LINE_TYPES.join(', ')}` });
export type LineType = z.infer<typeof LineType>;
/** Line types that must name a provider from the directory. */
export const LINE_TYPES_NEEDING_PROVIDER: readonly LineType[] = ['agency-hours', 'respite', 'day-activity', 'therapy'];

/**
 * Units. Weekly units run (52 − holiday weeks) weeks a year; monthly units 12 times; yearly units
 * once a year; one-off once. See main/planning/costing.ts for the exact rule.
 */
export const LINE_UNITS = [
  'hours-per-week',
  'sessions-per-week',
  'days-per-week',
  'nights-per-week',
  'hours-per-month',
  'sessions-per-month',
  'hours-per-year',
  'sessions-per-year',
  'nights-per-year',
  'weeks-per-year',
  'one-off',
] as const;
export const LineUnit = z.enum(LINE_UNITS, { error: `A unit is one of: ${LINE_UNITS.join(', ')}` });
export type LineUnit = z.infer<typeof LineUnit>;

/** Largest rate per unit: £1,000 for hourly units, £100,000 for anything else (e.g. an item of equipment). */
export const MAX_HOURLY_LINE_RATE = 100_000;
export const MAX_LINE_RATE = 10_000_000;

export const PlanLineInput = z
  .object({
    /** An existing line of this plan to keep (plan.lines.set); left out for a new line. */
    id: Id.optional(),
    type: LineType,
    description: ShortText.default(''),
    providerId: Id.nullable().default(null),
    /** For pa-hours: the PA (from pa.list); null while the post is still to be filled. */
    paId: Id.nullable().default(null),
    /** Hundredths of a unit: 1500 = 15 hours a week. More than 0. */
    quantity: z.number({ error: 'The quantity is hundredths, e.g. 1500 for 15' }).int('The quantity is hundredths, e.g. 1500 for 15').min(1, 'The quantity must be more than 0'),
    unit: LineUnit,
    /** Pence per unit (for pa-hours, the full hourly cost: gross rate plus on-cost). */
    rate: z.number({ error: 'A rate is whole pence, e.g. 1350 for £13.50' }).int('A rate is whole pence, e.g. 1350 for £13.50').min(0, 'A rate cannot be negative').max(MAX_LINE_RATE, 'A rate above £100,000 is not accepted'),
    /** pa-hours: the PA's gross hourly rate and the on-cost per hour from oncost.calculate; rate = gross + on-cost. */
    grossHourlyRate: z.number().int().min(0).max(MAX_HOURLY_LINE_RATE, 'A rate above £1,000 an hour is not accepted').nullable().default(null),
    onCostHourly: z.number().int().min(0).max(MAX_HOURLY_LINE_RATE, 'An on-cost above £1,000 an hour is not accepted').nullable().default(null),
    /** The tax year whose figures the on-cost used, e.g. "2026-27". */
    onCostTaxYear: z.string().trim().max(20).nullable().default(null),
    startDate: IsoDate.nullable().default(null),
    endDate: IsoDate.nullable().default(null),
    /** Weeks a year a weekly line does not run, in hundredths (560 = 5.6 weeks). Only for weekly units. */
    holidayWeeks: z.number().int('Holiday weeks are hundredths of a week, e.g. 560 for 5.6').min(0, 'Holiday weeks cannot be negative').max(5100, 'A line must run at least 1 week a year (holiday weeks at most 51, i.e. 5100)').default(0),
    /** The ledger expense category the spending is recorded under (plan against actual). */
    category: Category,
    notes: LongText.default(''),
  })
  .strict();
export type PlanLineInput = z.input<typeof PlanLineInput>;

export const PlanLine = z.object({
  id: Id,
  planId: Id,
  /** Stays the same when a line is copied into a new version (the id of the first line in the chain): plan.diff matches lines on it. */
  lineage: Id,
  position: z.number().int(),
  type: LineType,
  description: z.string(),
  providerId: Id.nullable(),
  providerName: z.string().nullable(),
  paId: Id.nullable(),
  paName: z.string().nullable(),
  quantity: z.number().int(),
  unit: LineUnit,
  rate: z.number().int(),
  grossHourlyRate: z.number().int().nullable(),
  onCostHourly: z.number().int().nullable(),
  onCostTaxYear: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  holidayWeeks: z.number().int(),
  category: Category,
  notes: z.string(),
  /** Cost for a full year of the line running (main/planning/costing.ts). */
  annualCost: z.number().int(),
  /** annualCost / 52, rounded half up. */
  weeklyCost: z.number().int(),
  /** Cost within the plan's first year (plan start to the day before its anniversary), counting the line's own dates. */
  planYearCost: z.number().int(),
});
export type PlanLine = z.infer<typeof PlanLine>;

// ---------- Plan versions ----------

export const PLAN_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'active', 'superseded', 'ended'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const SUPPORT_ARRANGEMENTS = ['direct-payment', 'managed-account', 'isf', 'user-trust', 'council-arranged', 'mixed'] as const;
export const SupportArrangement = z.enum(SUPPORT_ARRANGEMENTS, { error: `How support is arranged: ${SUPPORT_ARRANGEMENTS.join(', ')}` });

export const Outcome = z
  .object({
    /** In the person's own words. */
    text: z.string().trim().min(1, 'Write the outcome in the person’s own words').max(1000, 'At most 1,000 characters'),
    /** Ids of this plan's lines that serve the outcome. */
    lineIds: z.array(Id).max(100).default([]),
  })
  .strict();

const PlanContentShape = {
  title: ShortText,
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  whatMatters: LongText,
  whatWorks: LongText,
  whatDoesNotWork: LongText,
  outcomes: z.array(Outcome).max(50),
  arrangement: SupportArrangement,
  moneyManagedBy: ShortText,
  spendingRecordedBy: LongText,
};
export const PlanContentPatch = z
  .object(PlanContentShape)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'Give at least one field to change');

/** A new draft version. copyFrom: a version of the same client whose content and lines are copied (default: none, an empty plan). */
export const PlanCreate = z
  .object({
    clientId: Id,
    copyFrom: Id.nullable().default(null),
    title: ShortText.optional(),
    startDate: IsoDate.optional(),
    endDate: IsoDate.nullable().optional(),
    arrangement: SupportArrangement.optional(),
  })
  .strict();

export const PlanTransition = z.object({
  from: PlanStatus.nullable(),
  to: PlanStatus,
  at: z.string(),
  by: z.string(),
  note: z.string(),
});

export const CRITERIA = ['withinBudget', 'lawful', 'bestValue', 'realisticCosts', 'safe'] as const;
const Criterion = z.object({ met: z.boolean({ error: 'met is true or false' }), comment: LongText.default('') }).strict();
export const ApprovalCriteria = z
  .object({ withinBudget: Criterion, lawful: Criterion, bestValue: Criterion, realisticCosts: Criterion, safe: Criterion })
  .strict();
export const Approval = z.object({
  criteria: z.object({
    withinBudget: z.object({ met: z.boolean(), comment: z.string() }),
    lawful: z.object({ met: z.boolean(), comment: z.string() }),
    bestValue: z.object({ met: z.boolean(), comment: z.string() }),
    realisticCosts: z.object({ met: z.boolean(), comment: z.string() }),
    safe: z.object({ met: z.boolean(), comment: z.string() }),
  }),
  by: z.string(),
  at: z.string(),
});

export const PlanTotals = z.object({
  weekly: z.number().int(),
  annual: z.number().int(),
  planYear: z.number().int(),
  /** Of which contingency lines (annual). */
  contingencyAnnual: z.number().int(),
});

export const Plan = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  /** 1, 2, 3… per client. */
  version: z.number().int(),
  status: PlanStatus,
  basedOnId: Id.nullable(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  whatMatters: z.string(),
  whatWorks: z.string(),
  whatDoesNotWork: z.string(),
  outcomes: z.array(z.object({ text: z.string(), lineIds: z.array(Id) })),
  arrangement: SupportArrangement,
  moneyManagedBy: z.string(),
  spendingRecordedBy: z.string(),
  lines: z.array(PlanLine),
  totals: PlanTotals,
  returnReasons: z.array(z.string()),
  approval: Approval.nullable(),
  activatedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  history: z.array(PlanTransition),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof Plan>;

export const PlanSummary = Plan.omit({ lines: true, history: true });
export type PlanSummary = z.infer<typeof PlanSummary>;

export const BudgetCheckMessage = z.object({ level: z.enum(['error', 'warning']), code: z.string(), message: z.string() });
export const BudgetCheck = z.object({
  planId: Id,
  /** within: not over and not under by more than the warning percentage; over blocks submission. */
  status: z.enum(['within', 'over', 'under', 'no-budget']),
  budgetId: Id.nullable(),
  budgetAnnual: z.number().int().nullable(),
  budgetWeekly: z.number().int().nullable(),
  planAnnual: z.number().int(),
  planWeekly: z.number().int(),
  contingencyAnnual: z.number().int(),
  /** Budget less plan (planYear cost), in pence; negative when over. Null without a budget. */
  gap: z.number().int().nullable(),
  underWarnBps: z.number().int(),
  canSubmit: z.boolean(),
  messages: z.array(BudgetCheckMessage),
});
export type BudgetCheck = z.infer<typeof BudgetCheck>;

export const PlanDiff = z.object({
  fromId: Id,
  toId: Id,
  fields: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  linesAdded: z.array(PlanLine),
  linesRemoved: z.array(PlanLine),
  linesChanged: z.array(z.object({ from: PlanLine, to: PlanLine, fields: z.array(z.string()) })),
  totals: z.object({ from: PlanTotals, to: PlanTotals, weeklyChange: z.number().int(), annualChange: z.number().int() }),
});
export type PlanDiff = z.infer<typeof PlanDiff>;

// ---------- On-cost calculator ----------

export const OncostInput = z
  .object({
    /** Gross hourly rate, pence. */
    hourly: z.number({ error: 'The hourly rate is whole pence, e.g. 1350 for £13.50' }).int('The hourly rate is whole pence, e.g. 1350 for £13.50').min(1, 'The hourly rate must be more than 0').max(MAX_HOURLY_LINE_RATE, 'A rate above £1,000 an hour is not accepted'),
    /** Hours a week, hundredths (1500 = 15 hours). */
    hoursPerWeek: z.number({ error: 'Hours a week are hundredths, e.g. 1500 for 15 hours' }).int('Hours a week are hundredths, e.g. 1500 for 15 hours').min(1, 'Hours a week must be more than 0').max(16_800, 'There are only 168 hours in a week (16800)'),
    frequency: PayFrequency,
    /** Picks the tax year's figures. */
    date: IsoDate,
    /** Is the PA in the workplace pension (employer contributes on qualifying earnings)? Default true. */
    pensionEnrolled: z.boolean().default(true),
    /** Employer pension rate, basis points of qualifying earnings; at least the 3% minimum. */
    employerPensionRate: PensionRate.optional(),
    /** pro-rata: 5.6 weeks (gross × 5.6 / 46.4); accrual: 12.07% (irregular hours); none: holiday cover not costed. */
    holidayScheme: z.union([HolidayScheme, z.literal('none')]).default('pro-rata'),
    niCategory: z.string().trim().toUpperCase().regex(/^[A-Z]$/, 'The NI category is one letter, e.g. A').default('A'),
    /** Employer's liability insurance premium a year, pence. */
    elInsuranceAnnual: z.number().int().min(0).max(10_000_000, 'An insurance premium above £100,000 is not accepted').default(0),
    /** Payroll bureau fee per pay period, pence. */
    payrollFeePerPeriod: z.number().int().min(0).max(10_000_000, 'A payroll fee above £100,000 is not accepted').default(0),
  })
  .strict();
export type OncostInput = z.input<typeof OncostInput>;

export const ONCOST_COMPONENTS = ['holiday-pay', 'employer-ni', 'pension', 'el-insurance', 'payroll-fee'] as const;
export const OncostComponent = z.object({
  key: z.enum(ONCOST_COMPONENTS),
  label: z.string(),
  /** Per pay period where the figure is worked out per period (NI, pension, payroll fee); else null. */
  perPeriod: z.number().int().nullable(),
  perWeek: z.number().int(),
  perHour: z.number().int(),
  basis: z.string(),
});
export const OncostResult = z.object({
  taxYear: z.string(),
  frequency: PayFrequency,
  periodsPerYear: z.number().int(),
  hourly: z.number().int(),
  hoursPerWeek: z.number().int(),
  grossPerWeek: z.number().int(),
  grossPerPeriod: z.number().int(),
  components: z.array(OncostComponent),
  onCostPerHour: z.number().int(),
  onCostPerWeek: z.number().int(),
  totalPerHour: z.number().int(),
  totalPerWeek: z.number().int(),
  figures: z.object({
    employerNiRate: z.number().int(),
    secondaryThresholdPerPeriod: z.number().int(),
    pensionEmployerRate: z.number().int(),
    aeLowerPerPeriod: z.number().int(),
    aeUpperPerPeriod: z.number().int(),
    aeTriggerPerPeriod: z.number().int(),
  }),
});
export type OncostResult = z.infer<typeof OncostResult>;

// ---------- Risks ----------

const Level = z.number({ error: 'Likelihood and impact are 1 (lowest) to 5 (highest)' }).int('Likelihood and impact are whole numbers 1 to 5').min(1, 'At least 1').max(5, 'At most 5');
export const RISK_STATUSES = ['open', 'closed'] as const;
const RiskShape = {
  description: z.string().trim().min(1, 'Describe the risk').max(4000, 'At most 4,000 characters'),
  likelihood: Level,
  impact: Level,
  mitigation: LongText,
  /** What happens if it goes wrong, e.g. "if the PA does not turn up". */
  contingencyPlan: LongText,
  /** The person's informed choice, in their words. */
  informedChoice: LongText,
  agreedBy: ShortText,
  reviewDate: IsoDate.nullable(),
  status: z.enum(RISK_STATUSES),
};
export const RiskAdd = z
  .object({
    clientId: Id,
    ...RiskShape,
    mitigation: RiskShape.mitigation.default(''),
    contingencyPlan: RiskShape.contingencyPlan.default(''),
    informedChoice: RiskShape.informedChoice.default(''),
    agreedBy: RiskShape.agreedBy.default(''),
    reviewDate: RiskShape.reviewDate.default(null),
    status: RiskShape.status.default('open'),
  })
  .strict();
export const RiskUpdate = z
  .object({ id: Id, patch: z.object(RiskShape).partial().strict().refine((p) => Object.keys(p).length > 0, 'Give at least one field to change') })
  .strict();
export const Risk = z.object({
  id: Id,
  clientId: Id,
  description: z.string(),
  likelihood: z.number().int(),
  impact: z.number().int(),
  mitigation: z.string(),
  contingencyPlan: z.string(),
  informedChoice: z.string(),
  agreedBy: z.string(),
  reviewDate: z.string().nullable(),
  status: z.enum(RISK_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Risk = z.infer<typeof Risk>;

// ---------- Reviews ----------

export const REVIEW_OUTCOMES = ['continue', 'change-plan', 'end'] as const;
export const ReviewOutcome = z.enum(REVIEW_OUTCOMES, { error: 'A review outcome is continue, change-plan or end' });
export const ReviewSchedule = z.object({ clientId: Id, dueDate: IsoDate, note: ShortText.default('') }).strict();
export const ReviewRecord = z
  .object({
    clientId: Id,
    /** The scheduled review this completes, if any. */
    reviewId: Id.optional(),
    date: IsoDate,
    by: z.string().trim().min(1, 'Name who carried out the review').max(200),
    outcome: ReviewOutcome,
    notes: LongText.default(''),
  })
  .strict();
export const Review = z.object({
  id: Id,
  clientId: Id,
  /** The plan active when the review was recorded (null for a scheduled review or without a plan). */
  planId: Id.nullable(),
  status: z.enum(['scheduled', 'done']),
  dueDate: z.string().nullable(),
  date: z.string().nullable(),
  by: z.string(),
  outcome: ReviewOutcome.nullable(),
  notes: z.string(),
  createdAt: z.string(),
});
export type Review = z.infer<typeof Review>;

/** When the next review falls due and why. */
export const ReviewDue = z.object({
  clientId: Id,
  clientName: z.string(),
  /** Null when the client has no active plan and no scheduled review. */
  dueDate: z.string().nullable(),
  basis: z.enum(['first-review', 'annual', 'scheduled', 'none']),
  lastReviewDate: z.string().nullable(),
  firstReviewWeeks: z.number().int(),
});
export type ReviewDue = z.infer<typeof ReviewDue>;

export const PlanningReminder = z.object({
  kind: z.enum(['review-due', 'review-overdue', 'risk-review-due']),
  clientId: Id,
  clientName: z.string(),
  dueDate: z.string(),
  message: z.string(),
});
export type PlanningReminder = z.infer<typeof PlanningReminder>;

// ---------- Providers ----------

export const PROVIDER_TYPES = ['agency', 'pa', 'day-service', 'activity', 'supplier', 'therapist', 'other'] as const;
export const ProviderType = z.enum(PROVIDER_TYPES, { error: `A provider type is one of: ${PROVIDER_TYPES.join(', ')}` });
export const CQC_RATINGS = ['outstanding', 'good', 'requires-improvement', 'inadequate', 'not-yet-rated'] as const;
export const CqcRating = z.enum(CQC_RATINGS, { error: `A CQC rating is one of: ${CQC_RATINGS.join(', ')}` });
export const ProviderRate = z
  .object({
    description: z.string().trim().min(1, 'Say what the rate is for').max(200),
    amount: z.number().int('A rate is whole pence').min(0, 'A rate cannot be negative').max(MAX_LINE_RATE, 'A rate above £100,000 is not accepted'),
    unit: LineUnit,
  })
  .strict();
const ProviderShape = {
  name: Name,
  type: ProviderType,
  area: ShortText,
  contactName: ShortText,
  phone: ShortText,
  email: ShortText,
  address: LongText,
  rates: z.array(ProviderRate).max(30),
  /** CQC location or provider id, e.g. "1-123456789". */
  cqcId: z.string().trim().max(40).regex(/^$|^1-\d{6,12}$/, 'A CQC id looks like 1-123456789'),
  cqcRating: CqcRating.nullable(),
  accreditation: ShortText,
  notes: LongText,
  active: z.boolean(),
};
export const ProviderCreate = z
  .object({
    ...ProviderShape,
    area: ProviderShape.area.default(''),
    contactName: ProviderShape.contactName.default(''),
    phone: ProviderShape.phone.default(''),
    email: ProviderShape.email.default(''),
    address: ProviderShape.address.default(''),
    rates: ProviderShape.rates.default([]),
    cqcId: ProviderShape.cqcId.default(''),
    cqcRating: ProviderShape.cqcRating.default(null),
    accreditation: ProviderShape.accreditation.default(''),
    notes: ProviderShape.notes.default(''),
    active: ProviderShape.active.default(true),
  })
  .strict();
export const ProviderUpdate = z
  .object({ id: Id, patch: z.object(ProviderShape).partial().strict().refine((p) => Object.keys(p).length > 0, 'Give at least one field to change') })
  .strict();
export const Provider = z.object({
  id: Id,
  name: z.string(),
  type: ProviderType,
  area: z.string(),
  contactName: z.string(),
  phone: z.string(),
  email: z.string(),
  address: z.string(),
  rates: z.array(z.object({ description: z.string(), amount: z.number().int(), unit: LineUnit })),
  cqcId: z.string(),
  cqcRating: CqcRating.nullable(),
  accreditation: z.string(),
  notes: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Provider = z.infer<typeof Provider>;

// ---------- Case notes and complaints ----------

export const CaseNoteAdd = z
  .object({ clientId: Id, date: IsoDate, text: z.string().trim().min(1, 'Write the note').max(10000, 'At most 10,000 characters'), author: By })
  .strict();
export const CaseNote = z.object({ id: Id, clientId: Id, date: z.string(), author: z.string(), text: z.string(), createdAt: z.string() });
export type CaseNote = z.infer<typeof CaseNote>;

export const COMPLAINT_ABOUT = ['agency', 'pa', 'other'] as const;
export const COMPLAINT_STATUSES = ['open', 'resolved', 'closed'] as const;
const ComplaintShape = {
  date: IsoDate,
  about: z.enum(COMPLAINT_ABOUT, { error: 'A complaint is about an agency, a pa or other' }),
  providerId: Id.nullable(),
  paId: Id.nullable(),
  whatHappened: z.string().trim().min(1, 'Say what happened').max(4000, 'At most 4,000 characters'),
  actionTaken: LongText,
  outcome: LongText,
  status: z.enum(COMPLAINT_STATUSES, { error: 'A complaint is open, resolved or closed' }),
};
export const ComplaintAdd = z
  .object({
    clientId: Id,
    ...ComplaintShape,
    providerId: ComplaintShape.providerId.default(null),
    paId: ComplaintShape.paId.default(null),
    actionTaken: ComplaintShape.actionTaken.default(''),
    outcome: ComplaintShape.outcome.default(''),
    status: ComplaintShape.status.default('open'),
  })
  .strict();
export const ComplaintUpdate = z
  .object({ id: Id, patch: z.object(ComplaintShape).partial().strict().refine((p) => Object.keys(p).length > 0, 'Give at least one field to change') })
  .strict();
export const Complaint = z.object({
  id: Id,
  clientId: Id,
  date: z.string(),
  about: z.enum(COMPLAINT_ABOUT),
  providerId: Id.nullable(),
  providerName: z.string().nullable(),
  paId: Id.nullable(),
  paName: z.string().nullable(),
  whatHappened: z.string(),
  actionTaken: z.string(),
  outcome: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Complaint = z.infer<typeof Complaint>;

// ---------- Settings ----------

/** Organisation-wide planning settings (one row): warn when a plan is under budget by more than underWarnBps (default 1000 = 10%). */
export const PlanningSettings = z.object({ underWarnBps: z.number().int().min(0).max(10000) });
export type PlanningSettings = z.infer<typeof PlanningSettings>;
export const UNDER_WARN_BPS_DEFAULT = 1000;

const ClientOnly = z.object({ clientId: Id }).strict();
const IdOnly = z.object({ id: Id }).strict();

export const planningContract = {
  'assessment.create': { input: AssessmentCreate, output: Assessment, writes: true },
  'assessment.update': { input: AssessmentUpdate, output: Assessment, writes: true },
  'assessment.list': { input: ClientOnly, output: z.array(Assessment), writes: false },

  'budget.set': { input: BudgetSet, output: PersonalBudget, writes: true },
  'budget.list': { input: ClientOnly, output: z.array(PersonalBudget), writes: false },
  /** The budget in force on asOf (null if none). */
  'budget.current': { input: z.object({ clientId: Id, asOf: IsoDate }).strict(), output: PersonalBudget.nullable(), writes: false },

  'plan.create': { input: PlanCreate, output: Plan, writes: true },
  'plan.get': { input: IdOnly, output: Plan, writes: false },
  /** The active version, else the newest version of any status; null when the client has none. */
  'plan.current': { input: ClientOnly, output: Plan.nullable(), writes: false },
  'plan.versions': { input: ClientOnly, output: z.array(PlanSummary), writes: false },
  /** Drafts only. A returned version stays as it was returned (the record of what the council saw): make a new draft with plan.create { copyFrom }. */
  'plan.update': { input: z.object({ id: Id, patch: PlanContentPatch }).strict(), output: Plan, writes: true },
  /** Replace the lines of a draft: lines with an id are kept and updated, lines without are added, the rest removed. */
  'plan.lines.set': { input: z.object({ planId: Id, lines: z.array(PlanLineInput).max(200) }).strict(), output: Plan, writes: true },
  'plan.line.add': { input: z.object({ planId: Id, line: PlanLineInput }).strict(), output: Plan, writes: true },
  'plan.line.update': { input: z.object({ id: Id, line: PlanLineInput }).strict(), output: Plan, writes: true },
  'plan.line.remove': { input: IdOnly, output: Plan, writes: true },
  'plan.check': { input: IdOnly, output: BudgetCheck, writes: false },
  'plan.submit': { input: z.object({ id: Id, by: By }).strict(), output: Plan, writes: true },
  'plan.return': {
    input: z
      .object({ id: Id, reasons: z.array(z.string().trim().min(1, 'A reason cannot be empty').max(1000)).min(1, 'Give at least one reason for returning the plan').max(20), by: By })
      .strict(),
    output: Plan,
    writes: true,
  },
  'plan.approve': { input: z.object({ id: Id, criteria: ApprovalCriteria, by: z.string().trim().min(1, 'Name who approved the plan').max(200) }).strict(), output: Plan, writes: true },
  /** Approved → active from `date` (default the plan's start date); the client's previously active version becomes superseded. */
  'plan.activate': { input: z.object({ id: Id, date: IsoDate.optional(), by: By }).strict(), output: Plan, writes: true },
  'plan.end': { input: z.object({ id: Id, date: IsoDate, reason: LongText.default(''), by: By }).strict(), output: Plan, writes: true },
  'plan.diff': { input: z.object({ fromId: Id, toId: Id }).strict(), output: PlanDiff, writes: false },

  'oncost.calculate': { input: OncostInput, output: OncostResult, writes: false },

  'risk.add': { input: RiskAdd, output: Risk, writes: true },
  'risk.update': { input: RiskUpdate, output: Risk, writes: true },
  'risk.list': { input: ClientOnly, output: z.array(Risk), writes: false },

  'review.schedule': { input: ReviewSchedule, output: Review, writes: true },
  'review.record': { input: ReviewRecord, output: Review, writes: true },
  'review.list': { input: ClientOnly, output: z.array(Review), writes: false },
  'review.due': { input: ClientOnly, output: ReviewDue, writes: false },

  'provider.create': { input: ProviderCreate, output: Provider, writes: true },
  'provider.update': { input: ProviderUpdate, output: Provider, writes: true },
  'provider.get': { input: IdOnly, output: Provider, writes: false },
  'provider.list': {
    input: z.object({ type: ProviderType.optional(), area: ShortText.optional(), includeInactive: z.boolean().default(false) }).strict(),
    output: z.array(Provider),
    writes: false,
  },

  'casenote.add': { input: CaseNoteAdd, output: CaseNote, writes: true },
  'casenote.list': { input: ClientOnly, output: z.array(CaseNote), writes: false },

  'complaint.add': { input: ComplaintAdd, output: Complaint, writes: true },
  'complaint.update': { input: ComplaintUpdate, output: Complaint, writes: true },
  'complaint.list': { input: ClientOnly, output: z.array(Complaint), writes: false },

  'planning.reminders': { input: z.object({ asOf: IsoDate, withinDays: z.number().int().min(0).max(365).default(28) }).strict(), output: z.array(PlanningReminder), writes: false },
  'planning.settings.get': { input: Empty, output: PlanningSettings, writes: false },
  'planning.settings.set': { input: PlanningSettings.strict(), output: PlanningSettings, writes: true },
} as const;
