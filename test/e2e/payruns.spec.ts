/**
 * Pay runs (#/payroll/CLIENT_ID, #/payroll/runs/RUN_ID, the payslip preview and #/payroll/run-all).
 * Each test has its own encrypted ledger, created through the real create screen, with the app's
 * clock fixed at 2026-04-06 (tax year 2026-27, monthly period 1 = April). Funders, clients,
 * employers, PAs and approved timesheets are set up through the api, as the page's own client does;
 * the pay-run flows under test go through the real screens.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { InputOf, Method, OutputOf } from '../../shared/contract';
import { formatPence } from '../../shared/money';
import { test, expect, shot, createLedger, type App } from './fixtures';

const SCREENS = path.resolve('.test-output/screens');
const APRIL = { periodStart: '2026-04-01', periodEnd: '2026-04-30', payDate: '2026-04-28' };

function tokenOf(app: App): string {
  const token = new URLSearchParams(new URL(app.url).hash.slice(1)).get('token');
  if (!token) throw new Error(`No token in ${app.url}`);
  return token;
}

/** Call the api from inside the page, with the page's origin and the session token, as renderer/src/api.ts does. */
async function api<M extends Method>(page: Page, app: App, method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const envelope = await page.evaluate(
    async ({ m, i, t }) => {
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` },
        body: JSON.stringify({ method: m, input: i }),
        credentials: 'omit',
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    },
    { m: method, i: input as unknown, t: tokenOf(app) },
  );
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error?.code} ${envelope.error?.message}`);
  return envelope.value as OutputOf<M>;
}

async function goTo(page: Page, hash: string, heading: string | RegExp): Promise<void> {
  // Same-page navigation: a reload would lose the session token, which the page keeps only in memory.
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

/** Valid, distinct NI numbers, one per PA made in a test. */
const NI_NUMBERS = ['JG103759A', 'AB123456C', 'CE123456A', 'JH123456B', 'AA123456A', 'AB654321D', 'CE654321B', 'JG654321C'];
let niUsed = 0;

interface EmployerSetup {
  name: string;
  pas: string[];
  /** Approve an April timesheet for each PA (20 days × 8 hours at £13.50 = £2,160.00). */
  timesheets: boolean;
  trustees?: [string, string];
}

/** A funder (made once per test), a client made an employer (monthly, paid on the 28th), PAs and approved April timesheets. */
async function setUpEmployer(page: Page, app: App, funderId: number, s: EmployerSetup): Promise<{ clientId: number; paIds: number[]; sheetIds: number[] }> {
  const client = await api(page, app, 'client.create', {
    name: s.name,
    funderIds: [funderId],
    startDate: '2026-01-05',
    ...(s.trustees ? { arrangement: 'user-trust' as const, trustees: s.trustees.map((name) => ({ name, family: false })) } : {}),
  });
  await api(page, app, 'employer.set', { clientId: client.id, payFrequency: 'monthly', payDay: 28, payeReference: '123/AB456' });
  // Money in, so payroll liabilities can be paid out.
  await api(page, app, 'receipt.add', { clientId: client.id, date: '2026-04-01', amount: 1_000_000, source: 'council' });
  const paIds: number[] = [];
  const sheetIds: number[] = [];
  for (const name of s.pas) {
    const pa = await api(page, app, 'pa.create', {
      clientId: client.id,
      name,
      niNumber: NI_NUMBERS[niUsed++ % NI_NUMBERS.length]!,
      dateOfBirth: '1990-12-09',
      startDate: '2026-04-01',
      taxCode: '1257L',
      pensionStatus: 'eligible',
      standardRate: 1350,
      contractedHours: 3750,
    });
    paIds.push(pa.id);
    if (s.timesheets) {
      const lines = Array.from({ length: 20 }, (_, d) => ({ date: `2026-04-${String(d + 1).padStart(2, '0')}`, rateType: 'standard' as const, hours: 800 }));
      const sheet = await api(page, app, 'timesheet.create', { paId: pa.id, periodStart: APRIL.periodStart, periodEnd: APRIL.periodEnd, lines });
      const approvals = s.trustees ? s.trustees.map((by) => ({ by, method: 'written' as const })) : [{ by: s.name, method: 'written' as const }];
      await api(page, app, 'timesheet.approve', { id: sheet.id, approvals });
      sheetIds.push(sheet.id);
    }
  }
  return { clientId: client.id, paIds, sheetIds };
}

async function funder(page: Page, app: App): Promise<number> {
  return (await api(page, app, 'funder.create', { name: 'Riverside Council', kind: 'council' })).id;
}

const money = (p: number): string => formatPence(p);

test('draft a pay run by period number, review, approve, post, preview and download the payslip, and pay HMRC', async ({ page, app }) => {
  await createLedger(page, app);
  const { clientId, paIds } = await setUpEmployer(page, app, await funder(page, app), { name: 'Margaret Okafor', pas: ['Grace Hopper'], timesheets: true });

  // The employer page: no runs yet; start one by period number. The defaults are the current period by the app's clock.
  await goTo(page, `#/payroll/${clientId}`, 'Payroll: Margaret Okafor');
  const runsCard = page.getByRole('region', { name: 'Pay runs' });
  await expect(runsCard).toContainText('No pay runs yet');
  await runsCard.getByRole('button', { name: 'Start a pay run' }).click();
  const start = page.getByRole('form', { name: 'Start a pay run' });
  await expect(start.getByLabel('Tax year')).toHaveValue('2026-27');
  await expect(start.getByLabel('Period number', { exact: true })).toHaveValue('1');
  await expect(start.getByLabel('Tax year')).toBeFocused();

  // A period out of range is refused by the server and shown by its field; nothing is drafted.
  await start.getByLabel('Period number', { exact: true }).fill('13');
  await start.getByRole('button', { name: 'Show the dates' }).click();
  await expect(start.getByText('Period 13 is not a monthly pay period')).toBeVisible();
  await start.getByLabel('Period number', { exact: true }).fill('1');
  await start.getByRole('button', { name: 'Show the dates' }).click();
  await expect(start.getByRole('status')).toHaveText('Period 2026-04-01 to 2026-04-30, paid on 2026-04-28.');
  expect(await api(page, app, 'payrun.list', { clientId })).toEqual([]);
  await shot(page, '80-payruns-start');
  await start.getByRole('button', { name: 'Draft pay run' }).click();

  // 1 Review: one row per PA with the engine's figures, totals and employer costs.
  await expect(page.getByRole('heading', { level: 1, name: 'Pay run: Margaret Okafor, 2026-04-01 to 2026-04-30' })).toBeVisible();
  const [draft] = await api(page, app, 'payrun.list', { clientId });
  expect(draft).toMatchObject({ status: 'draft', payDate: '2026-04-28', taxYear: '2026-27', taxPeriod: 1 });
  const line = draft!.lines[0]!;
  expect(line.gross).toBe(216_000);
  expect(line.tax).toBeGreaterThan(0);
  expect(line.employeeNi).toBeGreaterThan(0);
  const steps = page.getByRole('list', { name: 'Pay run steps' });
  await expect(steps.getByRole('button', { name: '1 Review' })).toHaveAttribute('aria-current', 'step');
  await expect(steps.getByRole('button', { name: '3 Post' })).toBeDisabled();
  const row = page.getByRole('row').filter({ hasText: 'Grace Hopper' });
  for (const p of [line.gross, line.tax, line.employeeNi, line.net]) await expect(row).toContainText(money(p));
  await expect(row).toContainText('1257L');
  await expect(row).toContainText('First pay run');
  await expect(page.getByRole('row').filter({ hasText: 'Totals' })).toContainText(money(draft!.totals.net));
  await expect(page.getByText('Total cost to the budget')).toBeVisible();
  await expect(page.getByText(money(draft!.totals.gross + draft!.totals.employerNi + draft!.totals.employerPension), { exact: true })).toBeVisible();
  const next = page.getByRole('button', { name: 'Continue to approval' });
  await expect(next).toBeFocused();
  await shot(page, '81-payruns-review');

  // 2 Approve, by keyboard: Enter on the focused primary action, then the approver is focused.
  await page.keyboard.press('Enter');
  const approve = page.getByRole('form', { name: 'Approve the pay run' });
  await expect(approve.getByLabel('Approved by')).toBeFocused();
  await approve.getByRole('button', { name: 'Approve pay run' }).click();
  await expect(approve.getByText('Enter who approved the pay run.')).toBeVisible();
  expect((await api(page, app, 'payrun.get', { id: draft!.id })).status).toBe('draft');
  await approve.getByLabel('Approved by').fill('Margaret Okafor');
  await approve.getByLabel('How they approved').selectOption('email');
  await approve.getByRole('button', { name: 'Approve pay run' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pay run approved by Margaret Okafor.' })).toBeVisible();

  // 3 Post: the journal effect before posting, balanced.
  await expect(steps.getByRole('button', { name: '3 Post' })).toHaveAttribute('aria-current', 'step');
  const payeNi = line.tax + line.employeeNi + line.employerNi + line.studentLoan + line.postgraduateLoan;
  await expect(page.getByRole('row').filter({ hasText: 'PA wages (expense)' })).toContainText(money(line.gross));
  await expect(page.getByRole('row').filter({ hasText: 'Net wages owed to PAs (liability)' })).toContainText(money(line.net));
  await expect(page.getByRole('row').filter({ hasText: 'PAYE and NI owed to HMRC (liability)' })).toContainText(money(payeNi));
  const postButton = page.getByRole('button', { name: 'Post to ledger' });
  await expect(postButton).toBeFocused();
  await shot(page, '82-payruns-post');
  await postButton.click();
  await expect(page.getByRole('status').filter({ hasText: /Posted to Margaret Okafor's ledger as entry #\d+\./ })).toBeVisible();
  const posted = await api(page, app, 'payrun.get', { id: draft!.id });
  expect(posted.status).toBe('posted');
  const entry = await api(page, app, 'entry.get', { id: posted.entryId! });
  expect(entry).toMatchObject({ clientId, kind: 'payroll', date: '2026-04-28', reference: `payrun-${posted.id}` });

  // 4 Pay and outputs: the payslip preview.
  await expect(steps.getByRole('button', { name: '4 Pay and outputs' })).toHaveAttribute('aria-current', 'step');
  await shot(page, '83-payruns-outputs');
  await page.getByRole('link', { name: 'Payslip for Grace Hopper' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payslip: Grace Hopper' })).toBeVisible();
  const slip = page.getByRole('article', { name: 'Payslip for Grace Hopper' });
  await expect(slip.locator('.prn-net')).toContainText(money(line.net));
  await expect(slip.getByRole('definition').filter({ hasText: '1257L' })).toBeVisible();
  await expect(slip).toContainText('2026-04-01 to 2026-04-30');
  await shot(page, '84-payruns-payslip');
  // Printed, only the payslip shows: no navigation, buttons or back link.
  await page.emulateMedia({ media: 'print' });
  await expect(slip).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download PDF' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Back to the pay run' })).toBeHidden();
  await shot(page, '84-payruns-payslip-print');
  await page.emulateMedia({ media: 'screen' });

  // Download the payslip PDF, save it and turn its first page into a PNG to look at.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  fs.mkdirSync(SCREENS, { recursive: true });
  const pdfPath = path.join(SCREENS, '85-payruns-payslip.pdf');
  await download.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, path.join(SCREENS, '85-payruns-payslip-pdf')]);
  expect(fs.existsSync(path.join(SCREENS, '85-payruns-payslip-pdf.png'))).toBe(true);

  // Record paying HMRC from the pay run: the amount starts as what is owed.
  await goTo(page, `#/payroll/runs/${posted.id}`, /Pay run: Margaret Okafor/);
  const owed = await api(page, app, 'payroll.liabilities', { clientId, asOf: APRIL.payDate });
  expect(owed.payeNi).toBe(payeNi);
  const liabilities = page.getByRole('region', { name: 'Outstanding payroll liabilities' });
  await liabilities.getByRole('button', { name: 'Record payment of paye and ni owed to hmrc' }).click();
  const pay = page.getByRole('form', { name: 'Record payment of paye and ni owed to hmrc' });
  await expect(pay.getByLabel('Amount (£)')).toHaveValue(formatPence(payeNi, { symbol: false }));
  await expect(pay.getByLabel('Paid to')).toHaveValue('HMRC');
  await expect(pay.getByLabel('Date paid')).toHaveValue('2026-04-28');
  // Paying more than is owed is refused, by the amount field; nothing is paid.
  await pay.getByLabel('Amount (£)').fill(formatPence(payeNi + 100, { symbol: false }));
  await pay.getByLabel('Authorised by').fill('Margaret Okafor');
  await pay.getByLabel('Reference').fill('123PX00123456');
  await pay.getByRole('button', { name: 'Record payment' }).click();
  await expect(pay.getByText(`Pay at most ${money(payeNi)}`).first()).toBeVisible();
  expect((await api(page, app, 'payroll.liabilities', { clientId, asOf: APRIL.payDate })).payeNi).toBe(payeNi);
  await shot(page, '86-payruns-pay-hmrc');
  await pay.getByLabel('Amount (£)').fill(formatPence(payeNi, { symbol: false }));
  await pay.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Recorded paying ${money(payeNi)} to HMRC on 2026-04-28.` })).toBeVisible();
  await expect(liabilities.getByRole('row').filter({ hasText: 'PAYE and NI owed to HMRC' })).toContainText('Nothing owed');
  expect((await api(page, app, 'payroll.liabilities', { clientId, asOf: APRIL.payDate })).payeNi).toBe(0);

  // The client's ledger: the payment to HMRC out of the client's money.
  await goTo(page, `#/clients/${clientId}`, /Margaret Okafor/);
  const hmrcRow = page.getByRole('row').filter({ hasText: 'Payment to HMRC' });
  await expect(hmrcRow).toContainText(money(payeNi));
  await expect(hmrcRow).toContainText('Payment of PAYE and NI owed from payroll');
  await shot(page, '87-payruns-client-ledger');

  // The employer page lists the posted run.
  await goTo(page, `#/payroll/${clientId}`, 'Payroll: Margaret Okafor');
  const listed = page.getByRole('region', { name: 'Pay runs' }).getByRole('row').filter({ hasText: '2026-04-01 to 2026-04-30' });
  await expect(listed).toContainText('Posted');
  await expect(listed).toContainText(money(line.net));
  expect(paIds).toHaveLength(1);
  await shot(page, '88-payruns-employer');
});

test('a trust pay run is refused with one trustee and approved by two different trustees', async ({ page, app }) => {
  await createLedger(page, app);
  const { clientId } = await setUpEmployer(page, app, await funder(page, app), {
    name: 'Samuel Reid',
    pas: ['Ada Lovelace'],
    timesheets: true,
    trustees: ['Ann Patel', 'Ben Jones'],
  });

  // Start by dates this time.
  await goTo(page, `#/payroll/${clientId}`, 'Payroll: Samuel Reid');
  await page.getByRole('button', { name: 'Start a pay run' }).click();
  const start = page.getByRole('form', { name: 'Start a pay run' });
  await start.getByLabel('By dates').check();
  await start.getByLabel('Period start').fill(APRIL.periodStart);
  await start.getByLabel('Period end').fill(APRIL.periodEnd);
  await start.getByRole('button', { name: 'Draft pay run' }).click();
  await expect(start.getByText('Enter the day the PAs are paid.')).toBeVisible();
  expect(await api(page, app, 'payrun.list', { clientId })).toEqual([]);
  await start.getByLabel('Pay date').fill(APRIL.payDate);
  await start.getByRole('button', { name: 'Draft pay run' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pay run: Samuel Reid, 2026-04-01 to 2026-04-30' })).toBeVisible();
  const [run] = await api(page, app, 'payrun.list', { clientId });

  await page.getByRole('button', { name: 'Continue to approval' }).click();
  const approve = page.getByRole('form', { name: 'Approve the pay run' });
  await expect(page.getByText('two different trustees must approve each pay run')).toBeVisible();
  await approve.getByLabel('Trustee 1', { exact: true }).fill('Ann Patel');
  await approve.getByLabel('Trustee 2', { exact: true }).fill('Ann Patel');
  await approve.getByRole('button', { name: 'Approve pay run' }).click();
  await expect(approve.getByRole('alert')).toContainText('AUTHORISATION_REQUIRED');
  await expect(approve.getByRole('alert')).toContainText("need two different trustees to approve");
  expect((await api(page, app, 'payrun.get', { id: run!.id })).status).toBe('draft');
  await shot(page, '89-payruns-trust-refused');

  await approve.getByLabel('Trustee 2', { exact: true }).fill('Ben Jones');
  await approve.getByRole('button', { name: 'Approve pay run' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pay run approved by Ann Patel and Ben Jones.' })).toBeVisible();
  const approved = await api(page, app, 'payrun.get', { id: run!.id });
  expect(approved.status).toBe('approved');
  expect(approved.approvals.map((a) => a.by)).toEqual(['Ann Patel', 'Ben Jones']);
});

test('reverse a posted pay run with a reason', async ({ page, app }) => {
  await createLedger(page, app);
  const { clientId } = await setUpEmployer(page, app, await funder(page, app), { name: 'Margaret Okafor', pas: ['Grace Hopper'], timesheets: true });
  const run = await api(page, app, 'payrun.draft', { clientId, ...APRIL });
  await api(page, app, 'payrun.approve', { id: run.id, approvals: [{ by: 'Margaret Okafor', method: 'written' }] });
  const posted = await api(page, app, 'payrun.post', { id: run.id });

  await goTo(page, `#/payroll/runs/${run.id}`, /Pay run: Margaret Okafor/);
  await page.getByRole('button', { name: 'Reverse pay run' }).click();
  const form = page.getByRole('form', { name: 'Reverse the pay run' });
  await expect(form.getByLabel('Reason for reversing')).toBeFocused();
  await form.getByRole('button', { name: 'Reverse pay run' }).click();
  await expect(form.getByText('Give the reason for reversing')).toBeVisible();
  expect((await api(page, app, 'payrun.get', { id: run.id })).status).toBe('posted');
  await form.getByLabel('Reason for reversing').fill('Hours were entered against the wrong PA');
  await form.getByRole('button', { name: 'Reverse pay run' }).click();
  await expect(page.getByRole('status').filter({ hasText: `cancels entry #${posted.entryId}` })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'This pay run was reversed' })).toContainText('Hours were entered against the wrong PA');
  await expect(page.getByRole('button', { name: 'Reverse pay run' })).toHaveCount(0);
  const reversed = await api(page, app, 'payrun.get', { id: run.id });
  expect(reversed).toMatchObject({ status: 'reversed', reversedReason: 'Hours were entered against the wrong PA' });
  const reversal = await api(page, app, 'entry.get', { id: reversed.reversalEntryId! });
  expect(reversal).toMatchObject({ kind: 'reversal', reversesId: posted.entryId });
  await shot(page, '90-payruns-reversed');
});

test('run all due across five employers: three drafted with a real progress bar, one skipped and one failing with their reasons', async ({ page, app }) => {
  await createLedger(page, app);
  const f = await funder(page, app);
  const ready = [
    await setUpEmployer(page, app, f, { name: 'Margaret Okafor', pas: ['Grace Hopper'], timesheets: true }),
    await setUpEmployer(page, app, f, { name: 'Samuel Reid', pas: ['Ada Lovelace', 'Alan Turing'], timesheets: true }),
    await setUpEmployer(page, app, f, { name: 'Priya Shah', pas: ['Katherine Johnson'], timesheets: true }),
  ];
  const idle = await setUpEmployer(page, app, f, { name: 'Tom Hughes', pas: ['Dorothy Vaughan'], timesheets: false });
  const failing = await setUpEmployer(page, app, f, { name: 'Owen Price', pas: ['Mary Jackson'], timesheets: true });

  await goTo(page, '#/payroll/run-all', 'Run all due pay runs');
  const which = page.getByRole('form', { name: 'Which period' });
  await expect(which.getByLabel('Tax year')).toHaveValue('2026-27');
  await expect(which.getByLabel('Pay frequency')).toHaveValue('monthly');
  await expect(which.getByLabel('Period number', { exact: true })).toHaveValue('1');
  await which.getByRole('button', { name: 'Check what is due' }).click();

  const dueCard = page.getByRole('region', { name: 'Due for monthly period 1 of 2026-27' });
  await expect(dueCard).toContainText('4 of 5 employers are ready to draft.');
  const tomRow = dueCard.getByRole('row').filter({ hasText: 'Tom Hughes' });
  await expect(tomRow).toContainText('Skipped');
  await expect(tomRow).toContainText('No approved timesheets in this period');
  await expect(tomRow).toContainText('No approved timesheet: Dorothy Vaughan');
  await expect(dueCard.getByRole('row').filter({ hasText: 'Samuel Reid' })).toContainText('Ready');
  await shot(page, '91-payruns-due');
  // Between the check and the run, Owen Price's only timesheet is reopened: drafting it fails, and the run goes on.
  await api(page, app, 'timesheet.reopen', { id: failing.sheetIds[0]!, by: 'Owen Price', reason: 'Hours to be checked again' });

  await dueCard.getByRole('button', { name: 'Run all due' }).click();
  const bar = page.getByRole('progressbar', { name: 'Drafting pay runs' });
  await expect.poll(() => bar.evaluate((el) => [Number(el.getAttribute('value')), Number(el.getAttribute('max'))])).toEqual([4, 4]);
  await expect(page.locator('.prn-progress-text')).toHaveText('4 of 4 — finished');
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('heading', { name: 'Results' })).toBeFocused();
  await expect(results).toContainText('Drafted 3 pay runs');
  await expect(results).toContainText('Not drafted: 2');
  const tom = results.getByRole('listitem').filter({ hasText: 'Tom Hughes' });
  await expect(tom).toContainText('(skipped): No approved timesheets in this period');
  await expect(tom).toContainText('No approved timesheet: Dorothy Vaughan');
  await expect(results.getByRole('listitem').filter({ hasText: 'Owen Price' })).toContainText('(failed): VALIDATION');
  await shot(page, '92-payruns-run-all-done');

  for (const e of ready) {
    const runs = await api(page, app, 'payrun.list', { clientId: e.clientId });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'draft', periodStart: '2026-04-01', periodEnd: '2026-04-30', payDate: '2026-04-28' });
    expect(runs[0]!.lines).toHaveLength(e.paIds.length);
  }
  expect(await api(page, app, 'payrun.list', { clientId: idle.clientId })).toEqual([]);
  expect(await api(page, app, 'payrun.list', { clientId: failing.clientId })).toEqual([]);

  // Each drafted run links to its wizard.
  const samuel = (await api(page, app, 'payrun.list', { clientId: ready[1]!.clientId }))[0]!;
  await results.getByRole('link', { name: `Samuel Reid: pay run #${samuel.id}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pay run: Samuel Reid, 2026-04-01 to 2026-04-30' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Alan Turing' })).toContainText(money(samuel.lines.find((l) => l.paName === 'Alan Turing')!.net));
});
