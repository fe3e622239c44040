/**
 * Timesheets, holiday, employer pension rates and the dashboard's payroll reminders, in Chromium
 * against browser mode with a real encrypted ledger and the fixed clock (2026-04-06, a Monday and
 * Easter Monday, the first day of tax year 2026-27). Funders, clients, employers and PAs are set up
 * through the api (as the page's own client does); everything under test goes through the screens.
 */
import type { Page } from '@playwright/test';
import type { PaCreateInput } from '../../shared/contract-payroll';
import { test, expect, shot, createLedger, callApi, goToHash, type App } from './fixtures';
import { currentPeriod, linePay, readCell } from '../../renderer/src/timesheets/hours';
import { parsePercent, percentText } from '../../renderer/src/payroll/labels';

interface Setup {
  clientId: number;
  paId: number;
}

async function employerWithPa(
  page: Page,
  app: App,
  opts: { clientName: string; trust?: boolean; pa?: Partial<PaCreateInput>; renewal?: string | null } = { clientName: 'Margaret Okafor' },
): Promise<Setup> {
  const funder = await callApi(page, app, 'funder.create', { name: `Riverside Council ${opts.clientName}`, kind: 'council' });
  const client = await callApi(page, app, 'client.create', {
    name: opts.clientName,
    funderIds: [funder.id],
    startDate: '2026-01-05',
    ...(opts.trust ? { arrangement: 'user-trust' as const, trustees: [{ name: 'Ann Trustee' }, { name: 'Bob Trustee' }] } : {}),
  });
  await callApi(page, app, 'employer.set', {
    clientId: client.id,
    payeReference: '123/AB456',
    accountsOfficeReference: '123PX00123456',
    payFrequency: 'weekly',
    payDay: 'friday',
    pensionSchemeName: 'NEST',
    pensionBasis: 'relief-at-source',
    employersLiabilityInsurer: 'Fish Insurance',
    employersLiabilityRenewalDate: opts.renewal === undefined ? '2027-01-31' : opts.renewal,
  });
  const pa = await callApi(page, app, 'pa.create', {
    clientId: client.id,
    name: 'Daniel Mensah',
    niNumber: 'AB123456C',
    dateOfBirth: '1990-07-14',
    startDate: '2026-04-01',
    taxCode: '1257L',
    pensionStatus: 'eligible',
    standardRate: 1300,
    weekendRate: 1500,
    bankHolidayRate: 1950,
    contractedHours: 3750,
    dbsCheckDate: '2026-03-20',
    rightToWorkCheckedDate: '2026-03-20',
    ...opts.pa,
  });
  return { clientId: client.id, paId: pa.id };
}

const cell = (page: Page, rate: string, day: string) => page.getByLabel(`${rate} hours, ${day}`, { exact: true });

/** Expect the cell to be marked invalid, with its error tied to it by aria-describedby. */
async function expectCellError(page: Page, rate: string, day: string, text: string): Promise<void> {
  const input = cell(page, rate, day);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const id = await input.getAttribute('aria-describedby');
  expect(id, `${rate} ${day} has an error tied to it`).toBeTruthy();
  await expect(page.locator(`[id="${id}"]`)).toContainText(text);
}

test('type a week of hours with the keyboard, see the totals, refuse a bad cell, save, see gross pay and the minimum wage, approve', async ({ page, app }) => {
  await createLedger(page, app);
  const { clientId } = await employerWithPa(page, app, { clientName: 'Margaret Okafor' });

  await goToHash(page, `#/payroll/${clientId}`, 'Payroll: Margaret Okafor');
  await expect(page.getByRole('heading', { name: 'No timesheets yet' })).toBeVisible();
  await page.getByRole('link', { name: 'New timesheet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New timesheet' })).toBeVisible();

  // The only current PA is chosen, and the period is the employer's current weekly pay period (tax week 1).
  await expect(page.getByLabel('PA', { exact: true })).toHaveValue(/\d+/);
  await expect(page.getByLabel('Period from')).toHaveValue('2026-04-06');
  await expect(page.getByLabel('Period to')).toHaveValue('2026-04-12');
  // Rows are days; columns the PA's rate types; weekends and the bank holiday are marked.
  const grid = page.getByRole('table', { name: /Hours for Daniel Mensah/ });
  await expect(grid.getByRole('columnheader')).toHaveText([/^Day/, /^Standard£13\.00 an hour/, /^Weekend£15\.00 an hour/, /^Bank holiday£19\.50 an hour/, 'Hours', 'Pay']);
  await expect(grid.getByRole('rowheader', { name: /Mon 6 Apr/ })).toContainText('Bank holiday: Easter Monday');
  await expect(grid.getByRole('rowheader', { name: /Sat 11 Apr/ })).toContainText('Weekend');
  await expect(grid.getByRole('rowheader', { name: /Sun 12 Apr/ })).toContainText('Weekend');

  // Keyboard only: focus the first cell, then arrows and Enter.
  await cell(page, 'Standard', 'Mon 6 Apr').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(cell(page, 'Bank holiday', 'Mon 6 Apr')).toBeFocused();
  await page.keyboard.type('7.5');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'Bank holiday', 'Tue 7 Apr')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(cell(page, 'Standard', 'Tue 7 Apr')).toBeFocused();
  await page.keyboard.type('7:30');
  await page.keyboard.press('Enter');
  await page.keyboard.type('7h30');
  await page.keyboard.press('Enter');
  await page.keyboard.type('8');
  await page.keyboard.press('Enter');
  await page.keyboard.type('6.25');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'Standard', 'Sat 11 Apr')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('4');
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, 'Weekend', 'Sun 12 Apr')).toBeFocused();
  await page.keyboard.type('-3');
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, 'Weekend', 'Sat 11 Apr')).toBeFocused();

  // The bad cell says what is wrong as soon as it is left; the totals count only good cells.
  await expectCellError(page, 'Weekend', 'Sun 12 Apr', 'Hours cannot be negative');
  await expect(page.getByTestId('day-hours-2026-04-07')).toHaveText('7.5');
  await expect(page.getByTestId('total-hours')).toHaveText('40.75');

  // Saving is refused before anything is sent: a summary names the cell, focus goes to it, nothing is written.
  await page.getByRole('button', { name: 'Save as draft' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Nothing was saved' });
  await expect(summary).toContainText('Weekend hours on Sun 12 Apr: Hours cannot be negative');
  await expect(cell(page, 'Weekend', 'Sun 12 Apr')).toBeFocused();
  expect(await callApi(page, app, 'timesheet.list', { clientId })).toEqual([]);
  await shot(page, '70-timesheet-bad-cell');

  // More than 24 hours on a day is refused too.
  await page.keyboard.type('25');
  await page.keyboard.press('ArrowUp');
  await expectCellError(page, 'Weekend', 'Sun 12 Apr', 'More than 24 hours in one day');

  // Fix it: focus selects the cell's text, so typing replaces it.
  await cell(page, 'Weekend', 'Sun 12 Apr').focus();
  await page.keyboard.type('3');
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, 'Weekend', 'Sun 12 Apr')).not.toHaveAttribute('aria-invalid', 'true');
  // Standard 29.25 h × £13.00 = £380.25; weekend 7 h × £15.00 = £105.00; bank holiday 7.5 h × £19.50 = £146.25.
  await expect(page.getByTestId('total-hours')).toHaveText('43.75');
  await expect(page.getByTestId('total-pay')).toHaveText('£631.50');
  await expect(grid.getByRole('row', { name: /^Pay/ })).toContainText('£380.25');
  await shot(page, '71-timesheet-grid');

  await page.getByRole('button', { name: 'Save as draft' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Saved as a draft' });
  await expect(saved).toContainText('Gross pay worked out by Steward: £631.50 for 43.75 hours');
  await expect(page.getByRole('heading', { name: 'Minimum wage: met' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Timesheet: Daniel Mensah, 2026-04-06 to 2026-04-12');
  const [sheet] = await callApi(page, app, 'timesheet.list', { clientId });
  expect(sheet).toMatchObject({ status: 'draft', totalHours: 4375, grossPay: 63150, periodStart: '2026-04-06', periodEnd: '2026-04-12' });
  expect(sheet!.lines.map((l) => [l.date, l.rateType, l.hours])).toEqual([
    ['2026-04-06', 'bank-holiday', 750],
    ['2026-04-07', 'standard', 750],
    ['2026-04-08', 'standard', 750],
    ['2026-04-09', 'standard', 800],
    ['2026-04-10', 'standard', 625],
    ['2026-04-11', 'weekend', 400],
    ['2026-04-12', 'weekend', 300],
  ]);
  expect(page.url()).toContain(`#/payroll/${clientId}/timesheets/${sheet!.id}`);
  await shot(page, '72-timesheet-saved');

  // A server refusal lands on the field it names: a second timesheet for the same week overlaps.
  await goToHash(page, `#/payroll/${clientId}/timesheets/new`, 'New timesheet');
  await cell(page, 'Standard', 'Tue 7 Apr').fill('2');
  await page.getByRole('button', { name: 'Save as draft' }).click();
  const periodFrom = page.getByLabel('Period from');
  await expect(periodFrom).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toContainText(`already has timesheet ${sheet!.id}`);
  expect(await callApi(page, app, 'timesheet.list', { clientId })).toHaveLength(1);

  // The list on the employer page, then approval by one person.
  await goToHash(page, `#/payroll/${clientId}`, 'Payroll: Margaret Okafor');
  const row = page.getByRole('row').filter({ hasText: '2026-04-06 to 2026-04-12' });
  await expect(row).toContainText('Daniel Mensah');
  await expect(row).toContainText('Draft');
  await expect(row).toContainText('43.75');
  await expect(row).toContainText('£631.50');
  await row.getByRole('button', { name: /^Approve/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve Daniel Mensah’s timesheet' });
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog.getByText('Enter the name of the person who approved it.')).toBeVisible();
  await dialog.getByLabel('Approved by').fill('Margaret Okafor');
  await dialog.getByLabel('How they approved').selectOption('email');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved Daniel Mensah’s timesheet for 2026-04-06 to 2026-04-12.' })).toBeVisible();
  await expect(row).toContainText('Approved');
  await expect(row).toContainText('by Margaret Okafor');
  expect((await callApi(page, app, 'timesheet.get', { id: sheet!.id })).approvals).toEqual([{ by: 'Margaret Okafor', method: 'email', at: '2026-04-06' }]);
  await shot(page, '73-timesheets-list');

  // An approved timesheet opens read-only.
  await row.getByRole('link', { name: /^Open/ }).click();
  await expect(page.getByText('This timesheet is approved')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save as draft' })).toHaveCount(0);
  await expect(cell(page, 'Standard', 'Tue 7 Apr')).toHaveAttribute('readonly', '');
});

test('a minimum wage breach blocks the timesheet until an authorised note; a trust needs two different trustees; reopen with a reason', async ({ page, app }) => {
  await createLedger(page, app);
  // £9.00 an hour is below the £12.71 National Living Wage in force from 2026-04-01 for a PA of 35.
  const { clientId } = await employerWithPa(page, app, { clientName: 'Oliver Grant', trust: true, pa: { standardRate: 900, weekendRate: null, bankHolidayRate: null } });

  await goToHash(page, `#/payroll/${clientId}/timesheets/new`, 'New timesheet');
  await cell(page, 'Standard', 'Tue 7 Apr').focus();
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await page.keyboard.type('10');
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Saved, but blocked by the minimum wage check' })).toContainText('£180.00');
  const nmw = page.getByRole('region', { name: 'Minimum wage: short, timesheet blocked' });
  // 20 hours × £12.71 = £254.20 required; £180.00 paid; £74.20 short.
  await expect(nmw).toContainText('£254.20');
  await expect(nmw).toContainText('£74.20');
  await expect(nmw).toContainText('£12.71 at age 35, rates from 2026-04-01');
  await shot(page, '74-timesheet-blocked');

  await goToHash(page, `#/payroll/${clientId}`, 'Payroll: Oliver Grant');
  const row = page.getByRole('row').filter({ hasText: '2026-04-06 to 2026-04-12' });
  await expect(row).toContainText('Blocked');
  await expect(row).toContainText('minimum wage short by £74.20');
  await expect(row.getByRole('button', { name: /^Approve/ })).toHaveCount(0);

  await row.getByRole('button', { name: /^Record an authorised note/ }).click();
  const note = page.getByRole('dialog', { name: 'Minimum wage note for Daniel Mensah' });
  await note.getByLabel('Authorised by').fill('Ann Trustee');
  await note.getByLabel('Reason').fill('Bad');
  await note.getByRole('button', { name: 'Record note' }).click();
  await expect(note.getByText('Give the reason (at least 5 characters).')).toBeVisible();
  expect((await callApi(page, app, 'timesheet.list', { clientId }))[0]!.status).toBe('blocked');
  await note.getByLabel('Reason').fill('The shortfall is paid as a top-up in the next period, agreed with the council.');
  await shot(page, '75-timesheet-note');
  await note.getByRole('button', { name: 'Record note' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded the note.' })).toBeVisible();
  await expect(row).toContainText('Draft');
  await expect(row).toContainText('minimum wage note recorded');

  // Two trustees: the same one twice is refused here; someone who is not a trustee by the server.
  await row.getByRole('button', { name: /^Approve/ }).click();
  const approve = page.getByRole('dialog', { name: 'Approve Daniel Mensah’s timesheet' });
  await expect(approve).toContainText('two different trustees must approve');
  await approve.getByLabel('Trustee 1', { exact: true }).fill('Ann Trustee');
  await approve.getByLabel('Trustee 2', { exact: true }).fill('ann trustee');
  await approve.getByRole('button', { name: 'Approve' }).click();
  await expect(approve.getByText('Two different trustees must approve: enter the second trustee.')).toBeVisible();
  await approve.getByLabel('Trustee 2', { exact: true }).fill('Zed Stranger');
  await approve.getByRole('button', { name: 'Approve' }).click();
  await expect(approve.getByRole('alert')).toContainText('AUTHORISATION_REQUIRED');
  await expect(approve.getByRole('alert')).toContainText('Zed Stranger is not a trustee');
  expect((await callApi(page, app, 'timesheet.list', { clientId }))[0]!.status).toBe('draft');
  await approve.getByLabel('Trustee 2', { exact: true }).fill('Bob Trustee');
  await approve.getByLabel('How trustee 2 approved').selectOption('in-person');
  await shot(page, '76-timesheet-trust-approve');
  await approve.getByRole('button', { name: 'Approve' }).click();
  await expect(row).toContainText('Approved');
  await expect(row).toContainText('by Ann Trustee and Bob Trustee');
  const [approved] = await callApi(page, app, 'timesheet.list', { clientId });
  expect(approved!.approvals.map((a) => [a.by, a.method])).toEqual([
    ['Ann Trustee', 'written'],
    ['Bob Trustee', 'in-person'],
  ]);

  // Reopen with a reason: back to draft (the note still stands), approvals cleared.
  await row.getByRole('button', { name: /^Reopen/ }).click();
  const reopen = page.getByRole('dialog', { name: 'Reopen Daniel Mensah’s timesheet' });
  await reopen.getByLabel('Authorised by').fill('Ann Trustee');
  await reopen.getByLabel('Reason').fill('Tuesday was 9 hours, not 10.');
  await reopen.getByRole('button', { name: 'Reopen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reopened Daniel Mensah’s timesheet' })).toBeVisible();
  await expect(row).toContainText('Draft');
  const reopened = (await callApi(page, app, 'timesheet.list', { clientId }))[0]!;
  expect(reopened).toMatchObject({ status: 'draft', approvals: [], reopened: { by: 'Ann Trustee', reason: 'Tuesday was 9 hours, not 10.' } });
});

test('employer pension rates, holiday taken and the balance, and payroll reminders on the dashboard', async ({ page, app }) => {
  await createLedger(page, app);
  const funder = await callApi(page, app, 'funder.create', { name: 'Northshire Council', kind: 'council' });
  await callApi(page, app, 'client.create', { name: 'Priya Shah', funderIds: [funder.id], startDate: '2026-01-05' });

  // No employers yet: the reminders panel says so.
  await goToHash(page, '#/payroll', 'Payroll');
  await goToHash(page, '#/dashboard', 'Dashboard');
  const reminders = page.getByRole('region', { name: 'Payroll reminders' });
  await expect(reminders.getByRole('heading', { name: 'No payroll reminders' })).toBeVisible();
  await shot(page, '79-dashboard-no-payroll-reminders');

  // An employer whose insurance renews in 14 days and whose PA's DBS check is over 3 years old.
  const { clientId, paId } = await employerWithPa(page, app, { clientName: 'Margaret Okafor', renewal: '2026-04-20', pa: { dbsCheckDate: '2022-01-10' } });

  // Pension rates as percentages: the employer's share above the total is refused by its field.
  await goToHash(page, `#/payroll/${clientId}`, 'Payroll: Margaret Okafor');
  await page.getByRole('button', { name: 'Edit employer details' }).click();
  const form = page.getByRole('form', { name: 'Employer details for Margaret Okafor' });
  await expect(form.getByLabel('Employer contribution (%)')).toHaveValue('3');
  await expect(form.getByLabel('Total contribution (%)')).toHaveValue('8');
  await form.getByLabel('Employer contribution (%)').fill('9');
  await form.getByRole('button', { name: 'Save employer' }).click();
  await expect(form.getByText('The total (8%) includes the employer’s share, so it cannot be below the employer’s 9%.')).toBeVisible();
  await form.getByLabel('Employer contribution (%)').fill('three');
  await form.getByRole('button', { name: 'Save employer' }).click();
  await expect(form.getByText('Write the employer’s contribution as a percentage from 0 to 100')).toBeVisible();
  expect(await callApi(page, app, 'employer.get', { clientId })).toMatchObject({ pensionEmployerRate: 300, pensionTotalRate: 800 });
  await shot(page, '78-employer-pension-rates-error');
  await form.getByLabel('Employer contribution (%)').fill('4.5');
  await form.getByLabel('Total contribution (%)').fill('9');
  await form.getByRole('button', { name: 'Save employer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the employer details for Margaret Okafor.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Employer details' })).toContainText('Employer 4.5%, total 9%');
  expect(await callApi(page, app, 'employer.get', { clientId })).toMatchObject({ pensionEmployerRate: 450, pensionTotalRate: 900 });

  // Holiday: the balance, a bad entry refused, an entry recorded and the balance down by its hours.
  await page.getByRole('button', { name: 'Holiday for Daniel Mensah' }).click();
  const holiday = page.getByRole('region', { name: 'Holiday: Daniel Mensah' });
  const before = await callApi(page, app, 'holiday.balance', { paId, asOf: '2026-04-06' });
  await expect(holiday.getByTestId('holiday-taken')).toHaveText('0 hours');
  const balanceText = holiday.getByTestId('holiday-balance');
  await expect(balanceText).toHaveText(`${(before.balanceHours / 100).toString()} hours`);
  const recordForm = holiday.getByRole('form', { name: 'Record holiday taken by Daniel Mensah' });
  await recordForm.getByLabel('Holiday date').fill('2026-04-02');
  await recordForm.getByLabel('Hours taken').fill('-2');
  await recordForm.getByRole('button', { name: 'Record holiday taken' }).click();
  await expect(recordForm.getByText('Hours cannot be negative')).toBeVisible();
  expect(await callApi(page, app, 'holiday.list', { paId })).toEqual([]);
  await recordForm.getByLabel('Hours taken').fill('7.5');
  await recordForm.getByLabel('Note').fill('Booked in March');
  await recordForm.getByRole('button', { name: 'Record holiday taken' }).click();
  await expect(holiday.getByRole('status').filter({ hasText: 'Recorded 7.5 hours of holiday on 2026-04-02.' })).toBeVisible();
  await expect(holiday.getByTestId('holiday-taken')).toHaveText('7.5 hours');
  const after = await callApi(page, app, 'holiday.balance', { paId, asOf: '2026-04-06' });
  expect(after.takenHours).toBe(750);
  expect(after.balanceHours).toBe(before.balanceHours - 750);
  await expect(balanceText).toHaveText(`${(after.balanceHours / 100).toString()} hours`);
  await expect(holiday.getByRole('row').filter({ hasText: '2026-04-02' })).toContainText('Booked in March');
  await shot(page, '77-holiday');
  await holiday.getByRole('button', { name: 'Remove holiday on 2026-04-02' }).click();
  await expect(holiday.getByTestId('holiday-taken')).toHaveText('0 hours');
  expect(await callApi(page, app, 'holiday.list', { paId })).toEqual([]);

  // The dashboard's reminders as at 2026-04-06: the DBS check and the insurance renewal, with links.
  await goToHash(page, '#/dashboard', 'Dashboard');
  const expected = await callApi(page, app, 'payroll.reminders', { asOf: '2026-04-06' });
  expect(expected.map((r) => r.kind)).toEqual(expect.arrayContaining(['dbs', 'el-insurance']));
  const table = reminders.getByRole('table', { name: 'Payroll reminders' });
  await expect(table.getByRole('row')).toHaveCount(expected.length + 1);
  const dbs = table.getByRole('row').filter({ hasText: 'DBS check' });
  await expect(dbs).toContainText('Daniel Mensah');
  await expect(dbs).toContainText(expected.find((r) => r.kind === 'dbs')!.message);
  const el = table.getByRole('row').filter({ hasText: 'Employer’s liability insurance' });
  await expect(el).toContainText('2026-04-20');
  // Sorted by due date, undated last.
  const dates = (await table.locator('tbody tr td:first-child').allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
  const dated = dates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  expect(dated).toEqual([...dated].sort());
  await shot(page, '79-dashboard-payroll-reminders');
  await el.getByRole('link', { name: 'Margaret Okafor' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payroll: Margaret Okafor' })).toBeVisible();
});

test('a server refusal lands on the cell it names, and a CSV import reports a bad row by its line', async ({ page, app }) => {
  await createLedger(page, app);
  // The PA starts on Wednesday 8 April, so hours on the Monday bank holiday cannot be paid.
  const { clientId } = await employerWithPa(page, app, { clientName: 'Margaret Okafor', pa: { startDate: '2026-04-08' } });

  await goToHash(page, `#/payroll/${clientId}/timesheets/new`, 'New timesheet');
  await cell(page, 'Bank holiday', 'Mon 6 Apr').focus();
  await page.keyboard.type('7.5');
  await cell(page, 'Standard', 'Wed 8 Apr').focus();
  await page.keyboard.type('8');
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await expectCellError(page, 'Bank holiday', 'Mon 6 Apr', "2026-04-06 is before Daniel Mensah's start date 2026-04-08");
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toContainText('Bank holiday hours on Mon 6 Apr');
  await expect(cell(page, 'Standard', 'Wed 8 Apr')).not.toHaveAttribute('aria-invalid', 'true');
  expect(await callApi(page, app, 'timesheet.list', { clientId })).toEqual([]);
  await shot(page, '70a-timesheet-server-error');

  // Import: a row with an unknown rate type stops the whole file, by its line number.
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const importForm = page.getByRole('form', { name: 'Import timesheets' });
  const bad = 'pa_ni_number,date,rate_type,hours\nAB123456C,2026-04-08,standard,7.5\nAB123456C,2026-04-09,overtime,2\n';
  await importForm.getByLabel('CSV file').setInputFiles({ name: 'week1.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(importForm.getByLabel('Or paste the CSV')).toHaveValue(bad);
  await importForm.getByRole('button', { name: 'Import' }).click();
  const refused = importForm.getByRole('alert');
  await expect(refused).toContainText('Nothing was imported: line 3 of week1.csv is wrong');
  await expect(refused).toContainText('the rate type is standard, weekend, night, sleep-in or bank-holiday (got "overtime")');
  expect(await callApi(page, app, 'timesheet.list', { clientId })).toEqual([]);
  await shot(page, '70b-timesheet-import-error');

  await importForm.getByLabel('Or paste the CSV').fill('pa_ni_number,date,rate_type,hours\nAB123456C,2026-04-08,standard,7.5\nAB123456C,2026-04-11,weekend,4\n');
  await importForm.getByRole('button', { name: 'Import' }).click();
  const imported = importForm.getByRole('status');
  await expect(imported).toContainText('Imported 1 timesheet as drafts');
  await expect(imported).toContainText('Daniel Mensah: 11.5 hours, £157.50');
  const [sheet] = await callApi(page, app, 'timesheet.list', { clientId });
  expect(sheet).toMatchObject({ status: 'draft', totalHours: 1150, grossPay: 15750 });
  await imported.getByRole('link', { name: 'Daniel Mensah' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Timesheet: Daniel Mensah, 2026-04-06 to 2026-04-12');
  await expect(cell(page, 'Weekend', 'Sat 11 Apr')).toHaveValue('4');
  await expect(page.getByTestId('total-pay')).toHaveText('£157.50');
});

// The grid's pure pieces, run in Node (no browser): what a cell accepts, pricing and the period.
test('cells read hours as 7.5, 7:30 or 7h30 and refuse anything else; the current pay period by frequency', () => {
  expect(readCell('7.5')).toEqual({ ok: true, hours: 750 });
  expect(readCell('7,25')).toEqual({ ok: true, hours: 725 });
  expect(readCell('7:30')).toEqual({ ok: true, hours: 750 });
  expect(readCell('7h30')).toEqual({ ok: true, hours: 750 });
  expect(readCell('7h')).toEqual({ ok: true, hours: 700 });
  expect(readCell('7:20')).toEqual({ ok: true, hours: 733 });
  expect(readCell('0:01')).toEqual({ ok: true, hours: 2 });
  expect(readCell('.5')).toEqual({ ok: true, hours: 50 });
  expect(readCell('24')).toEqual({ ok: true, hours: 2400 });
  expect(readCell('  ')).toEqual({ ok: true, hours: 0 });
  expect(readCell('-3')).toMatchObject({ ok: false, message: expect.stringContaining('cannot be negative') });
  expect(readCell('24.01')).toMatchObject({ ok: false, message: 'More than 24 hours in one day.' });
  expect(readCell('7:75')).toMatchObject({ ok: false, message: expect.stringContaining('75 minutes is not a time') });
  expect(readCell('7.555')).toMatchObject({ ok: false, message: expect.stringContaining('is not a number of hours') });
  expect(readCell('seven')).toMatchObject({ ok: false, message: expect.stringContaining('is not a number of hours') });
  expect(readCell('.')).toMatchObject({ ok: false });

  // Half up to the penny, as the server: 7.33 h × £12.71 = £93.1643 → £93.16; 0.5 h × 1p = 0.5p → 1p.
  expect(linePay(733, 1271)).toBe(9316);
  expect(linePay(50, 1)).toBe(1);
  expect(linePay(49, 1)).toBe(0);

  expect(currentPeriod('weekly', '2026-04-06')).toEqual({ start: '2026-04-06', end: '2026-04-12' });
  expect(currentPeriod('weekly', '2026-04-13')).toEqual({ start: '2026-04-13', end: '2026-04-19' });
  expect(currentPeriod('fortnightly', '2026-04-20')).toEqual({ start: '2026-04-20', end: '2026-05-03' });
  expect(currentPeriod('four-weekly', '2026-05-04')).toEqual({ start: '2026-05-04', end: '2026-05-31' });
  expect(currentPeriod('monthly', '2028-02-10')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
  expect(currentPeriod('weekly', '2026-04-05')).toEqual({ start: '2026-04-05', end: '2026-04-05' }); // week 53 of 2025-26 is one day
  expect(currentPeriod('four-weekly', '2027-04-04')).toEqual({ start: '2027-03-08', end: '2027-04-04' }); // period 13
  expect(currentPeriod('four-weekly', '2027-04-05')).toEqual({ start: '2027-04-05', end: '2027-04-05' }); // period 14 stops at the year end

  expect(parsePercent('3')).toBe(300);
  expect(parsePercent('4.5%')).toBe(450);
  expect(parsePercent('100')).toBe(10000);
  expect(parsePercent('100.01')).toBeNull();
  expect(parsePercent('-1')).toBeNull();
  expect(parsePercent('three')).toBeNull();
  expect(percentText(450)).toBe('4.5');
  expect(percentText(800)).toBe('8');
});
