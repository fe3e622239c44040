/** #/payroll/runs/RUN_ID/payslip/PA_ID: a PA's payslip on screen, with its PDF. (To be built.) */
export function PayslipPreview(_props: { runId: number; paId: number }) {
  return null;
}
