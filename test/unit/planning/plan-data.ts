/**
 * Plain Plan objects for the pure plan-against-actual and PDF tests: lines are costed with the
 * planning engine's own costing (main/planning/costing.ts), so the figures are the real ones.
 */
import type { Plan, PlanLine } from '../../../shared/contract-planning';
import { lineCosts } from '../../../main/planning/costing';

export type LineSpec = Partial<Omit<PlanLine, 'annualCost' | 'weeklyCost' | 'planYearCost'>> & Pick<PlanLine, 'type' | 'quantity' | 'unit' | 'rate' | 'category'>;

export function makePlan(spec: Partial<Omit<Plan, 'lines' | 'totals'>> & { lines: LineSpec[] }): Plan {
  const startDate = spec.startDate ?? '2026-04-01';
  const endDate = spec.endDate ?? null;
  const lines: PlanLine[] = spec.lines.map((l, i) => {
    const base = {
      id: l.id ?? 100 + i,
      planId: spec.id ?? 1,
      lineage: l.lineage ?? l.id ?? 100 + i,
      position: l.position ?? i + 1,
      type: l.type,
      description: l.description ?? '',
      providerId: l.providerId ?? null,
      providerName: l.providerName ?? null,
      paId: l.paId ?? null,
      paName: l.paName ?? null,
      quantity: l.quantity,
      unit: l.unit,
      rate: l.rate,
      grossHourlyRate: l.grossHourlyRate ?? null,
      onCostHourly: l.onCostHourly ?? null,
      onCostTaxYear: l.onCostTaxYear ?? null,
      startDate: l.startDate ?? null,
      endDate: l.endDate ?? null,
      holidayWeeks: l.holidayWeeks ?? 0,
      category: l.category,
      notes: l.notes ?? '',
    };
    return { ...base, ...lineCosts(base, startDate, endDate) };
  });
  const sum = (f: (l: PlanLine) => number, ls: PlanLine[] = lines): number => ls.reduce((s, l) => s + f(l), 0);
  const annual = sum((l) => l.annualCost);
  return {
    id: 1,
    clientId: 7,
    clientName: 'Ada Lovelace',
    version: 1,
    status: 'active',
    basedOnId: null,
    title: 'Support plan 2026',
    startDate,
    endDate,
    whatMatters: '',
    whatWorks: '',
    whatDoesNotWork: '',
    outcomes: [],
    arrangement: 'managed-account',
    moneyManagedBy: '',
    spendingRecordedBy: '',
    returnReasons: [],
    approval: null,
    activatedOn: startDate,
    endedOn: null,
    history: [],
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...spec,
    lines,
    totals: {
      weekly: sum((l) => l.weeklyCost),
      annual,
      planYear: sum((l) => l.planYearCost),
      contingencyAnnual: sum(
        (l) => l.annualCost,
        lines.filter((l) => l.type === 'contingency'),
      ),
    },
  };
}
