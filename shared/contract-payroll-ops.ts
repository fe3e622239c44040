/**
 * Contract methods for running payroll across employers: pay periods by number, "run all due",
 * paying payroll liabilities out, holiday taken and holiday balances, and payroll reminders.
 * (Filled in by the payroll-operations work; see docs/payroll.md.)
 */
export const payrollOpsContract = {} as const;
