/**
 * Steward's UK payroll engine: pure functions, no clock, no I/O. Money is integer pence
 * (shared/money.ts), rates basis points. See docs/payroll.md.
 */
export * from './types';
export * from './arithmetic';
export * from './calendar';
export { taxYearFor, TAX_YEARS, TAX_YEAR_2025_26, TAX_YEAR_2026_27 } from './tax-years';
export * from './tax-code';
export * from './paye';
export * from './ni';
export * from './student-loans';
export * from './auto-enrolment';
export * from './ssp';
export * from './smp';
export * from './holiday';
export * from './minimum-wage';
