/** A full support plan (outcomes, lines, risks, reviews, approval) for the PDF tests. */
import type { BudgetCheck, Review, ReviewDue, Risk } from '../../../shared/contract-planning';
import type { SupportPlanPdfData } from '../../../main/planning/pdf';
import { makePlan, type LineSpec } from './plan-data';

const BASE_LINES: LineSpec[] = [
  { id: 11, type: 'pa-hours', description: 'Morning routine and personal care', paName: 'Grace Hopper', quantity: 1500, unit: 'hours-per-week', rate: 1850, holidayWeeks: 560, category: 'pa-wages', grossHourlyRate: 1500, onCostHourly: 350 },
  { id: 12, type: 'agency-hours', description: 'Evening calls', providerName: 'Bright Care Agency', quantity: 700, unit: 'hours-per-week', rate: 2600, category: 'agency' },
  { id: 13, type: 'respite', description: 'Short breaks at Seaview', providerName: 'Seaview House', quantity: 1400, unit: 'nights-per-year', rate: 15000, category: 'respite' },
  { id: 14, type: 'day-activity', description: 'Art group', providerName: 'Open Studio', quantity: 400, unit: 'sessions-per-month', rate: 3500, category: 'activities', startDate: '2026-06-01' },
  { id: 15, type: 'equipment', description: 'Riser recliner chair', providerName: 'Mobility Plus', quantity: 100, unit: 'one-off', rate: 89_500, category: 'equipment', startDate: '2026-05-01' },
  { id: 16, type: 'transport', description: 'Taxi to the art group', quantity: 800, unit: 'sessions-per-month', rate: 1200, category: 'transport' },
  { id: 17, type: 'contingency', description: 'Emergency cover', quantity: 2000, unit: 'hours-per-year', rate: 2800, category: 'agency' },
];

export function pdfData(extraLines = 0): SupportPlanPdfData {
  const extra: LineSpec[] = Array.from({ length: extraLines }, (_, i) => ({
    id: 1000 + i,
    type: 'community-activity',
    description: `Community session ${i + 1}${i % 5 === 0 ? ' at the leisure centre, with travel and a companion ticket where needed' : ''}`,
    providerName: i % 3 === 0 ? 'Leisure Centre' : null,
    quantity: 100 + (i % 4) * 50,
    unit: 'sessions-per-month',
    rate: 1000 + i * 37,
    category: 'activities',
  }));
  const plan = makePlan({
    id: 5,
    version: 2,
    status: 'active',
    basedOnId: 4,
    clientName: 'Ada Lovelace',
    title: 'Living well at home',
    startDate: '2026-04-01',
    endDate: '2027-03-31',
    whatMatters: 'My cat Babbage, seeing my sister on Sundays, and choosing who helps me wash.',
    whatWorks: 'A calm start to the day. The same PA most mornings. Being told in advance if someone new is coming.',
    whatDoesNotWork: 'Being rushed. People talking over me. Calls later than 9 am.',
    outcomes: [
      { text: 'I want to get up, washed and dressed by 9 so I can enjoy my morning.', lineIds: [11, 12] },
      { text: 'I want to paint again and meet people who like art.', lineIds: [14, 16] },
      { text: 'My sister needs a rest now and then – and so do I.', lineIds: [13] },
      { text: 'I want to feel safe getting out of my chair.', lineIds: [] },
    ],
    arrangement: 'managed-account',
    moneyManagedBy: 'Steward Brokerage Ltd (managed account)',
    spendingRecordedBy: 'Every payment is recorded in the managed account ledger and reconciled to the bank each month; statements go to Ada and the council every quarter.',
    approval: {
      criteria: {
        withinBudget: { met: true, comment: 'Under budget with contingency held.' },
        lawful: { met: true, comment: '' },
        bestValue: { met: true, comment: 'Agency rate compared with two others.' },
        realisticCosts: { met: true, comment: 'PA rate includes on-costs.' },
        safe: { met: true, comment: 'Risks discussed with Ada.' },
      },
      by: 'Mary Somerville (council panel)',
      at: '2026-03-20T14:00:00.000Z',
    },
    activatedOn: '2026-04-01',
    history: [
      { from: null, to: 'draft', at: '2026-03-01T09:00:00.000Z', by: 'broker', note: '' },
      { from: 'draft', to: 'submitted', at: '2026-03-10T09:00:00.000Z', by: 'broker', note: '' },
      { from: 'submitted', to: 'approved', at: '2026-03-20T14:00:00.000Z', by: 'Mary Somerville', note: '' },
      { from: 'approved', to: 'active', at: '2026-04-01T09:00:00.000Z', by: 'broker', note: '' },
    ],
    lines: [...BASE_LINES, ...extra],
  });
  const budgetAnnual = 6_000_000;
  const budget: BudgetCheck = {
    planId: plan.id,
    status: 'within',
    budgetId: 3,
    budgetAnnual,
    budgetWeekly: 115_385,
    planAnnual: plan.totals.annual,
    planWeekly: plan.totals.weekly,
    contingencyAnnual: plan.totals.contingencyAnnual,
    gap: budgetAnnual - plan.totals.planYear,
    underWarnBps: 1000,
    canSubmit: true,
    messages: [],
  };
  const risk = (id: number, description: string, extra: Partial<Risk> = {}): Risk => ({
    id,
    clientId: plan.clientId,
    description,
    likelihood: 2,
    impact: 4,
    mitigation: '',
    contingencyPlan: '',
    informedChoice: '',
    agreedBy: '',
    reviewDate: null,
    status: 'open',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...extra,
  });
  const risks: Risk[] = [
    risk(1, 'The PA does not turn up for the morning call.', {
      mitigation: 'Named back-up PA; the agency holds a spare slot.',
      contingencyPlan: 'If the PA has not arrived by 8:15, Ada rings the agency (01744 000000); the agency sends cover within an hour, paid from the contingency line.',
      informedChoice: 'I would rather wait for someone I know than have a stranger every day.',
      agreedBy: 'Ada, her sister, the broker',
      reviewDate: '2026-07-01',
    }),
    risk(2, 'Falls when getting out of the chair at night.', { likelihood: 3, impact: 3, mitigation: 'Riser chair; pendant alarm.', contingencyPlan: 'Pendant alarm to the telecare centre.', informedChoice: 'I do not want a night sitter.', agreedBy: 'Ada' }),
    risk(3, 'A closed risk that should not print.', { status: 'closed' }),
  ];
  const reviews: Review[] = [
    { id: 1, clientId: plan.clientId, planId: null, status: 'scheduled', dueDate: '2026-06-24', date: null, by: '', outcome: null, notes: 'Six-week review at home', createdAt: '2026-03-01T09:00:00.000Z' },
  ];
  const reviewDue: ReviewDue = { clientId: plan.clientId, clientName: plan.clientName, dueDate: '2026-06-24', basis: 'scheduled', lastReviewDate: null, firstReviewWeeks: 12 };
  return { plan, budget, risks, reviews, reviewDue };
}
