/** The employer page's pay runs: list, start a run, open the wizard. (To be built.) */
export function PayRunsSection(_props: { clientId: number }) {
  return null;
}
