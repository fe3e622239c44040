/**
 * State Pension age, for the automatic-enrolment assessment (an eligible jobholder is under State
 * Pension age). Pure: no clock.
 *
 * Rule used (source: gov.uk "State Pension age timetables", the tables from the Pensions Act 2014
 * s.26 and Schedule 12; checked against gov.uk "Check your State Pension age"):
 * - born before 6 April 1960: 66. (Everyone born before 6 October 1954 reached State Pension age,
 *   65 or less, before 6 October 2020, and is now over 66 anyway, so for a pay date from
 *   6 October 2020 on, "66" gives the right answer to "has this person reached it?".)
 * - born 6 April 1960 to 5 March 1961: 66 years and N months, where N is 1 for births from
 *   6 April to 5 May 1960, 2 for 6 May to 5 June 1960, … 11 for 6 February to 5 March 1961 (the
 *   Pensions Act 2014 timetable). The date is the birthday plus 66 years and N months; when that
 *   day does not exist in the month (e.g. 31 January 1961 + 66 years 10 months → 31 November
 *   2027), the last day of that month is used (30 November 2027).
 * - born on or after 6 March 1961: 67. The later rise to 68 (Pensions Act 2007, for people born
 *   on or after 6 April 1977, reaching it from 6 May 2044) is not applied: it cannot change the
 *   answer for any pay date before 6 April 2044.
 */
import { addMonths } from '../../shared/dates';

/** The day a person born on `dateOfBirth` (YYYY-MM-DD) reaches State Pension age. */
export function statePensionAgeDate(dateOfBirth: string): string {
  if (dateOfBirth < '1960-04-06') return addMonths(dateOfBirth, 66 * 12);
  if (dateOfBirth >= '1961-03-06') return addMonths(dateOfBirth, 67 * 12);
  // Phase-in: months since the 6 April 1960 bracket began, counting brackets that run from the 6th.
  const y = Number(dateOfBirth.slice(0, 4));
  const m = Number(dateOfBirth.slice(5, 7));
  const d = Number(dateOfBirth.slice(8, 10));
  const bracketMonth = (y - 1960) * 12 + (m - 4) - (d < 6 ? 1 : 0); // 0 for 6 April – 5 May 1960
  return addMonths(dateOfBirth, 66 * 12 + bracketMonth + 1);
}

/** Has the person reached State Pension age on `onDate`? */
export function reachedStatePensionAge(dateOfBirth: string, onDate: string): boolean {
  return onDate >= statePensionAgeDate(dateOfBirth);
}
