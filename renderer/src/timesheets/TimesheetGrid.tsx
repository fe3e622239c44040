/** #/payroll/CLIENT_ID/timesheets/new and #/payroll/CLIENT_ID/timesheets/TS_ID: the keyboard-first timesheet grid. (To be built.) */
export function TimesheetGrid(_props: { clientId: number; timesheetId: number | null }) {
  return null;
}
