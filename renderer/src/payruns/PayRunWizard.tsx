/** #/payroll/runs/RUN_ID: the pay-run wizard (review, approve, post, pay, outputs). (To be built.) */
export function PayRunWizard(_props: { runId: number }) {
  return null;
}
