/**
 * Contract methods for payroll outputs: payslips, pay-run summaries, HMRC amounts due, pension
 * schedules, P60, P45 and Full Payment Submission data. Files travel as base64 with a file name.
 * (Filled in by the payroll-outputs work; see docs/payroll.md.)
 */
export const payrollOutputsContract = {} as const;
