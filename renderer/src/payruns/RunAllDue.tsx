/** #/payroll/run-all: run every employer due for a period, with a progress bar. (To be built.) */
export function RunAllDue() {
  return null;
}
