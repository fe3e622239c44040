/**
 * Year end and HMRC (#/payroll and #/payroll/CLIENT_ID): what each employer owes HMRC per tax month
 * with overdue marking by the app's fixed clock (2026-04-06), recording a payment to HMRC, P45 and
 * P60 downloads for PAs, and the pension contribution schedule as CSV. Employers, PAs, approved
 * timesheets and posted pay runs are set up through the api (as payruns.spec.ts does); the screens
 * under test are used for real. Downloaded PDFs are turned into PNGs in .test-output/screens/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import { formatPence, penceToDecimal } from '../../shared/money';
import { test, expect, shot, createLedger, callApi as api, goToHash as goTo, type App } from './fixtures';

const SCREENS = path.resolve('.test-output/screens');
const money = (p: number): string => formatPence(p);

/** Monthly periods, paid on the 28th: February and March 2026 are tax months 11 and 12 of 2025-26; April 2026 is month 1 of 2026-27. */
const FEB = { periodStart: '2026-02-01', periodEnd: '2026-02-28', payDate: '2026-02-28' };
const MAR = { periodStart: '2026-03-01', periodEnd: '2026-03-31', payDate: '2026-03-28' };
const APR = { periodStart: '2026-04-01', periodEnd: '2026-04-30', payDate: '2026-04-28' };
type Period = typeof FEB;

const NI_NUMBERS = ['JG103759A', 'AB123456C', 'CE123456A', 'JH123456B'];
let niUsed = 0;

async function funder(page: Page, app: App): Promise<number> {
  return (await api(page, app, 'funder.create', { name: 'Riverside Council', kind: 'council' })).id;
}

/** A client made an employer (monthly, paid on the 28th, claiming Employment Allowance, with a workplace pension) and their PAs. */
async function setUpEmployer(page: Page, app: App, funderId: number, name: string, provider: string, pas: string[]): Promise<{ clientId: number; paIds: number[] }> {
  const client = await api(page, app, 'client.create', { name, funderIds: [funderId], startDate: '2026-01-05' });
  await api(page, app, 'employer.set', {
    clientId: client.id,
    payFrequency: 'monthly',
    payDay: 28,
    payeReference: '123/AB456',
    accountsOfficeReference: '123PX00123456',
    employmentAllowance: true,
    pensionSchemeName: `${provider} workplace pension`,
    pensionProvider: provider,
    pensionBasis: 'relief-at-source',
    pensionEmployerRate: 300,
    pensionTotalRate: 800,
  });
  await api(page, app, 'receipt.add', { clientId: client.id, date: '2026-01-05', amount: 2_000_000, source: 'council' });
  const paIds: number[] = [];
  for (const pa of pas) {
    const made = await api(page, app, 'pa.create', {
      clientId: client.id,
      name: pa,
      niNumber: NI_NUMBERS[niUsed++ % NI_NUMBERS.length]!,
      dateOfBirth: '1990-12-09',
      startDate: '2026-01-05',
      taxCode: '1257L',
      pensionStatus: 'eligible',
      standardRate: 1350,
      contractedHours: 3750,
    });
    paIds.push(made.id);
  }
  return { clientId: client.id, paIds };
}

/** Approved timesheets (20 days × 8 hours at £13.50) for each PA, then a run drafted, approved and posted. */
async function postMonth(page: Page, app: App, clientId: number, paIds: number[], p: Period): Promise<number> {
  for (const paId of paIds) {
    const ym = p.periodStart.slice(0, 8);
    const lines = Array.from({ length: 20 }, (_, d) => ({ date: `${ym}${String(d + 1).padStart(2, '0')}`, rateType: 'standard' as const, hours: 800 }));
    const sheet = await api(page, app, 'timesheet.create', { paId, periodStart: p.periodStart, periodEnd: p.periodEnd, lines });
    await api(page, app, 'timesheet.approve', { id: sheet.id, approvals: [{ by: 'The employer', method: 'written' }] });
  }
  const run = await api(page, app, 'payrun.draft', { clientId, ...p });
  await api(page, app, 'payrun.approve', { id: run.id, approvals: [{ by: 'The employer', method: 'written' }] });
  await api(page, app, 'payrun.post', { id: run.id });
  return run.id;
}

/** Save a downloaded PDF into the screens folder and turn its first page into a PNG to look at. */
async function savePdf(download: Download, name: string): Promise<string> {
  fs.mkdirSync(SCREENS, { recursive: true });
  const pdfPath = path.join(SCREENS, `${name}.pdf`);
  await download.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, path.join(SCREENS, name)]);
  expect(fs.existsSync(path.join(SCREENS, `${name}.png`))).toBe(true);
  return pdfPath;
}

/** RFC 4180 CSV without quoted line breaks (the schedule has none): rows of fields. */
function parseCsv(text: string): string[][] {
  return text
    .split('\r\n')
    .filter((l) => l !== '')
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (quoted && c === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (c === '"') {
          quoted = !quoted;
        } else if (c === ',' && !quoted) {
          out.push(cur);
          cur = '';
        } else {
          cur += c;
        }
      }
      out.push(cur);
      return out;
    });
}

test('HMRC amounts per tax month, a payment to HMRC, P45 after leaving and P60 downloads on the employer page', async ({ page, app }) => {
  await createLedger(page, app);
  const { clientId, paIds } = await setUpEmployer(page, app, await funder(page, app), 'Margaret Okafor', 'NEST', ['Grace Hopper', 'Alan Turing']);
  const [grace, alan] = paIds as [number, number];
  await postMonth(page, app, clientId, paIds, FEB);
  await postMonth(page, app, clientId, paIds, MAR);
  const aprilRun = await postMonth(page, app, clientId, paIds, APR);

  await goTo(page, `#/payroll/${clientId}`, 'Payroll: Margaret Okafor');
  const hmrc = page.getByRole('region', { name: 'HMRC: PAYE and NI by tax month' });
  // The current tax year by the app's clock first, then the earlier year with posted runs.
  await expect(hmrc.getByLabel('Tax year')).toHaveValue('2026-27');
  await expect(hmrc.getByRole('row').filter({ hasText: 'Month 1' })).toContainText('2026-05-22');
  await hmrc.getByLabel('Tax year').selectOption('2025-26');

  // Both posted months of 2025-26, each with due = tax + NI + loans − Employment Allowance used.
  const months = await api(page, app, 'payroll.hmrcDue', { taxYear: '2025-26', clientId });
  expect(months.map((m) => m.taxMonth)).toEqual([11, 12]);
  for (const m of months) {
    expect(m.due).toBe(m.tax + m.employeeNi + m.employerNi + m.studentLoans - m.employmentAllowanceUsed);
    expect(m.employmentAllowanceUsed).toBeGreaterThan(0);
    expect(m.paid).toBe(0);
    const row = hmrc.getByRole('row').filter({ hasText: `Month ${m.taxMonth}` });
    for (const p of [m.tax, m.employeeNi, m.employerNi, m.due]) await expect(row).toContainText(money(p));
    await expect(row).toContainText(money(-m.employmentAllowanceUsed));
    await expect(row).toContainText(m.dueDate);
  }
  const [feb, mar] = months as [(typeof months)[0], (typeof months)[0]];
  expect(feb).toMatchObject({ monthStart: '2026-02-06', monthEnd: '2026-03-05', dueDate: '2026-03-22' });
  expect(mar).toMatchObject({ monthStart: '2026-03-06', monthEnd: '2026-04-05', dueDate: '2026-04-22' });
  // By the app's clock (2026-04-06) month 11 is overdue (due 22 March); month 12 is not due until 22 April.
  const febRow = hmrc.getByRole('row').filter({ hasText: 'Month 11' });
  const marRow = hmrc.getByRole('row').filter({ hasText: 'Month 12' });
  await expect(febRow).toContainText('Overdue');
  await expect(marRow).toContainText('Not yet due');
  await expect(marRow).not.toContainText('Overdue');
  await expect(hmrc.getByRole('note')).toContainText(`Overdue: 1 month, ${money(feb.due)} still owed`);
  await expect(hmrc.getByRole('row').filter({ hasText: 'Totals' })).toContainText(money(feb.due + mar.due));
  await shot(page, '95-yearend-hmrc-months');

  // Record a payment to HMRC of month 11's amount: it clears the oldest month first.
  await hmrc.getByRole('button', { name: 'Record payment to HMRC' }).click();
  const liabilities = hmrc.getByRole('region', { name: 'Outstanding payroll liabilities' });
  await liabilities.getByRole('button', { name: 'Record payment of paye and ni owed to hmrc' }).click();
  const pay = liabilities.getByRole('form', { name: 'Record payment of paye and ni owed to hmrc' });
  await pay.getByLabel('Amount (£)').fill(formatPence(feb.due, { symbol: false }));
  await pay.getByLabel('Date paid').fill('2026-04-06');
  await pay.getByLabel('Authorised by').fill('Margaret Okafor');
  await pay.getByLabel('Reference').fill('123PX00123456');
  await shot(page, '95-yearend-hmrc-pay');
  await pay.getByRole('button', { name: 'Record payment' }).click();
  await expect(liabilities.getByRole('status').filter({ hasText: `Recorded paying ${money(feb.due)} to HMRC on 2026-04-06.` })).toBeVisible();
  // The table reloads: month 11 paid, month 12 still owed and not overdue; no overdue note.
  await expect(febRow).toContainText('Paid');
  await expect(febRow).not.toContainText('Overdue');
  await expect(febRow.locator('.ye-outstanding')).toHaveText(money(0));
  await expect(marRow.locator('.ye-outstanding')).toHaveText(money(mar.due));
  await expect(hmrc.getByRole('note')).toHaveCount(0);
  const after = await api(page, app, 'payroll.hmrcDue', { taxYear: '2025-26', clientId });
  expect(after.map((m) => m.paid)).toEqual([feb.due, 0]);
  // The pay-runs card's liabilities reload too (as at the April pay day, all three months less the payment).
  const all = await api(page, app, 'payroll.liabilities', { clientId, asOf: APR.payDate });
  const pageCard = page.getByRole('region', { name: 'Outstanding payroll liabilities' }).first();
  await expect(pageCard.getByRole('row').filter({ hasText: 'PAYE and NI owed to HMRC' })).toContainText(money(all.payeNi));
  await hmrc.getByRole('button', { name: 'Close the payment form' }).click();
  await shot(page, '95-yearend-hmrc-paid');

  // P45 and P60 in the PA table: no P45 for a PA without a leaving date; a P60 for each year with posted pay.
  const graceRow = page.getByRole('row').filter({ hasText: 'Grace Hopper' });
  const alanRow = page.getByRole('row').filter({ hasText: 'Alan Turing' });
  await expect(graceRow.getByRole('button', { name: 'P45 for Grace Hopper' })).toHaveCount(0);
  await expect(alanRow.getByRole('button', { name: 'P45 for Alan Turing' })).toHaveCount(0);
  await expect(graceRow.getByRole('button', { name: 'P60 2026-27 for Grace Hopper' })).toBeVisible();
  await expect(graceRow.getByRole('button', { name: 'P60 2025-26 for Grace Hopper' })).toBeVisible();

  // Grace leaves: the P45 is offered with the notice, and in her row from then on.
  await graceRow.getByRole('button', { name: 'Record leaving for Grace Hopper' }).click();
  const leave = page.getByRole('form', { name: 'Record leaving date for Grace Hopper' });
  await leave.getByLabel('Leaving date').fill('2026-04-30');
  await leave.getByRole('button', { name: 'Record leaving date' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Recorded that Grace Hopper left on 2026-04-30.' });
  await expect(notice).toBeVisible();
  await expect(graceRow.getByRole('button', { name: 'P45 for Grace Hopper' })).toBeVisible();
  await expect(alanRow.getByRole('button', { name: 'P45 for Alan Turing' })).toHaveCount(0);
  await shot(page, '95-yearend-p45-offered');
  const [p45] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download P45 for Grace Hopper' }).click()]);
  expect(p45.suggestedFilename()).toMatch(/\.pdf$/);
  await savePdf(p45, '95-yearend-p45-pdf');
  // The row's P45 button downloads the same file.
  const [p45again] = await Promise.all([page.waitForEvent('download'), graceRow.getByRole('button', { name: 'P45 for Grace Hopper' }).click()]);
  expect(p45again.suggestedFilename()).toBe(p45.suggestedFilename());

  // P60 for 2026-27.
  const [p60] = await Promise.all([page.waitForEvent('download'), alanRow.getByRole('button', { name: 'P60 2026-27 for Alan Turing' }).click()]);
  expect(p60.suggestedFilename()).toMatch(/\.pdf$/);
  await savePdf(p60, '95-yearend-p60-pdf');

  // The April run is reversed meanwhile (by another window): asking again for the 2026-27 P60 shows the server's error by the button.
  await api(page, app, 'payrun.reverse', { id: aprilRun, reason: 'Hours entered for the wrong month' });
  await alanRow.getByRole('button', { name: 'P60 2026-27 for Alan Turing' }).click();
  const error = page.getByRole('alert').filter({ hasText: 'Steward could not make the P60 2026-27 for Alan Turing.' });
  await expect(error).toContainText('VALIDATION');
  await expect(error).toContainText('Alan Turing has no posted pay in the tax year 2026-27');
  await shot(page, '95-yearend-p60-error');
  await error.getByRole('button', { name: 'Dismiss' }).click();
  await expect(error).toHaveCount(0);
  expect(grace).toBeGreaterThan(0);
  expect(alan).toBeGreaterThan(0);
});

test('Year end and exports: HMRC amounts across employers with totals, and the pension schedule CSV by month and provider', async ({ page, app }) => {
  await createLedger(page, app);
  const f = await funder(page, app);
  const margaret = await setUpEmployer(page, app, f, 'Margaret Okafor', 'NEST', ['Grace Hopper']);
  const samuel = await setUpEmployer(page, app, f, 'Samuel Reid', 'Smart Pension', ['Ada Lovelace']);
  await postMonth(page, app, margaret.clientId, margaret.paIds, MAR);
  const aprM = await postMonth(page, app, margaret.clientId, margaret.paIds, APR);
  const aprS = await postMonth(page, app, samuel.clientId, samuel.paIds, APR);

  await goTo(page, '#/payroll', 'Payroll');
  const card = page.getByRole('region', { name: 'Year end and exports' });
  await expect(card.getByLabel('Tax year')).toHaveValue('2026-27');
  const year = await api(page, app, 'payroll.hmrcDue', { taxYear: '2026-27' });
  expect(year.map((m) => [m.clientName, m.taxMonth])).toEqual([
    ['Margaret Okafor', 1],
    ['Samuel Reid', 1],
  ]);
  for (const m of year) {
    const row = card.getByRole('row').filter({ hasText: m.clientName });
    await expect(row).toContainText('Month 1');
    await expect(row).toContainText(money(m.due));
    await expect(row).toContainText('Not yet due');
  }
  const totals = card.getByRole('row').filter({ hasText: 'Totals' });
  await expect(totals).toContainText(money(year.reduce((s, m) => s + m.due, 0)));
  await expect(totals).toContainText(money(year.reduce((s, m) => s + m.tax, 0)));
  await expect(card.getByLabel('Pension provider').locator('option')).toHaveText(['All providers', 'NEST', 'Smart Pension']);
  await shot(page, '95-yearend-card');

  // The whole year's pension schedule: one row per PA per posted run with contributions.
  const download = async (name: string): Promise<string[][]> => {
    const [d] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download pension schedule (CSV)' }).click()]);
    expect(d.suggestedFilename()).toMatch(/\.csv$/);
    const file = path.join(SCREENS, name);
    fs.mkdirSync(SCREENS, { recursive: true });
    await d.saveAs(file);
    return parseCsv(fs.readFileSync(file, 'utf8'));
  };
  const [header, ...rows] = await download('95-yearend-pension-2026-27.csv');
  expect(header!.slice(0, 5)).toEqual(['provider', 'scheme', 'employer', 'paye_reference', 'pa_name']);
  const col = (n: string): number => header!.indexOf(n);
  expect(rows.map((r) => [r[col('provider')], r[col('pa_name')], r[col('pay_date')]])).toEqual([
    ['NEST', 'Grace Hopper', '2026-04-28'],
    ['Smart Pension', 'Ada Lovelace', '2026-04-28'],
  ]);
  for (const [runId, r] of [
    [aprM, rows[0]!],
    [aprS, rows[1]!],
  ] as const) {
    const line = (await api(page, app, 'payrun.get', { id: runId })).lines[0]!;
    expect(line.employeePension).toBeGreaterThan(0);
    expect(r[col('employee_contribution')]).toBe(penceToDecimal(line.employeePension));
    expect(r[col('employer_contribution')]).toBe(penceToDecimal(line.employerPension));
    expect(r[col('total_contribution')]).toBe(penceToDecimal(line.employeePension + line.employerPension));
  }

  // One provider only.
  await card.getByLabel('Pension provider').selectOption('Smart Pension');
  const [, ...smart] = await download('95-yearend-pension-smart.csv');
  expect(smart.map((r) => r[col('pa_name')])).toEqual(['Ada Lovelace']);
  // One tax month with no runs: the header only.
  await card.getByLabel('Pension provider').selectOption('');
  await card.getByLabel('Tax month').selectOption('2');
  const [head2, ...none] = await download('95-yearend-pension-month-2.csv');
  expect(head2).toEqual(header);
  expect(none).toEqual([]);

  // The year before: only Margaret Okafor's March run (tax month 12).
  await card.getByLabel('Tax year').selectOption('2025-26');
  const before = await api(page, app, 'payroll.hmrcDue', { taxYear: '2025-26' });
  expect(before.map((m) => [m.clientName, m.taxMonth])).toEqual([['Margaret Okafor', 12]]);
  await expect(card.getByRole('row').filter({ hasText: 'Margaret Okafor' })).toContainText('Month 12');
  await expect(card.getByRole('row').filter({ hasText: 'Samuel Reid' })).toHaveCount(0);
  await expect(card.getByRole('row').filter({ hasText: 'Totals' })).toContainText(money(before[0]!.due));
  await card.getByLabel('Tax month').selectOption('12');
  const [, ...march] = await download('95-yearend-pension-2025-26-m12.csv');
  expect(march.map((r) => [r[col('pa_name')], r[col('pay_date')]])).toEqual([['Grace Hopper', '2026-03-28']]);
  await shot(page, '95-yearend-card-2025-26');
});
