/**
 * The Reports screen (#/reports) in Chromium against browser mode. Each test has its own encrypted
 * ledger, created through the real create screen, with the app's clock fixed at 2026-04-06, so the
 * default period (the latest calendar month that has ended) is March 2026. Funders, clients,
 * receipts and payments are set up through the api; everything under test goes through the screen.
 *
 * What each client holds in March 2026 (nothing before), so the figures are known by construction:
 *  - Alice Adeyemi: council £1,200.00, contribution £50.00, agency −£350.00 → closing £900.00;
 *  - Bob Brennan:   council £800.00, equipment −£100.00 → closing £700.00;
 *  - Chloë Clarke:  council £600.00 → closing £600.00.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from '@playwright/test';
import { formatPence } from '../../shared/money';
import { test, expect, shot, createLedger, callApi, goToHash, PASSPHRASE, FIXED_NOW, type App } from './fixtures';
import { seededLedgerCopy } from './seed';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const AUTH = [{ by: 'Jo Broker', method: 'written' as const }];

interface People {
  funderId: number;
  alice: number;
  bob: number;
  chloe: number;
}

async function setUp(page: Page, app: App): Promise<People> {
  const funder = await callApi(page, app, 'funder.create', { name: 'Riverside Council', kind: 'council' });
  const make = (name: string, councilReference: string) => callApi(page, app, 'client.create', { name, councilReference, funderIds: [funder.id], startDate: '2026-01-05' });
  const alice = await make('Alice Adeyemi', 'RC-1001');
  const bob = await make('Bob Brennan', 'RC-1002');
  const chloe = await make('Chloë Clarke', 'RC-1003');
  // Alice's council pays every 4 weeks from Monday 2 March 2026.
  await callApi(page, app, 'schedule.create', { clientId: alice.id, source: 'council', amount: 120_000, cadence: 'four-weekly', firstDate: '2026-03-02' });
  await callApi(page, app, 'receipt.add', { clientId: alice.id, date: '2026-03-02', amount: 120_000, source: 'council' });
  await callApi(page, app, 'receipt.add', { clientId: alice.id, date: '2026-03-05', amount: 5_000, source: 'contribution' });
  await callApi(page, app, 'payment.add', { clientId: alice.id, date: '2026-03-10', amount: 35_000, payeeName: 'Acme Care Agency', category: 'agency', reference: 'INV 881', authorisations: AUTH });
  await callApi(page, app, 'receipt.add', { clientId: bob.id, date: '2026-03-02', amount: 80_000, source: 'council' });
  await callApi(page, app, 'payment.add', { clientId: bob.id, date: '2026-03-20', amount: 10_000, payeeName: 'Mobility Shop', category: 'equipment', reference: 'R-77', authorisations: AUTH });
  await callApi(page, app, 'receipt.add', { clientId: chloe.id, date: '2026-03-02', amount: 60_000, source: 'council' });
  return { funderId: funder.id, alice: alice.id, bob: bob.id, chloe: chloe.id };
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Keep a downloaded file under the test folder (and a PNG of its first page to look at). */
async function keep(download: Download, app: App, name: string): Promise<string> {
  const file = path.join(app.dir, 'downloads', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await download.saveAs(file);
  return file;
}

function pngOfFirstPage(pdf: string, name: string): void {
  const out = path.resolve('.test-output/screens', name);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, out]);
}

/** The file names of a zip, read from its central directory (signature PK\x01\x02, name length at 28, name at 46). */
function zipNames(buf: Buffer): string[] {
  const names: string[] = [];
  for (let i = buf.indexOf('PK\x01\x02', 0, 'latin1'); i >= 0; i = buf.indexOf('PK\x01\x02', i + 46, 'latin1')) {
    const len = buf.readUInt16LE(i + 28);
    names.push(buf.subarray(i + 46, i + 46 + len).toString('utf8'));
  }
  return names;
}

async function openReports(page: Page): Promise<void> {
  await goToHash(page, '#/reports', 'Reports');
  // The default period is the latest month that has ended by the app's clock.
  await expect(page.getByRole('combobox', { name: 'Period', exact: true })).toHaveValue(/\d+/);
  await expect(page.locator('.rp-summary')).toContainText(`${MARCH.from} to ${MARCH.to}`);
}

/** A client's tick box: its name is the client's name and council reference. */
const clientBox = (page: Page, name: string) => page.getByRole('checkbox', { name: new RegExp(`^${name} RC-\\d+$`) });

test('a client statement: download, read the PDF, preview the first page, print in the browser', async ({ page, app }) => {
  await createLedger(page, app);
  const p = await setUp(page, app);
  await openReports(page);

  await expect(page.getByRole('radio', { name: 'Client statement' })).toBeChecked();
  await expect(page.getByText('0 of 3 clients chosen')).toBeVisible();

  // Nothing chosen yet: the screen says what to do, nothing downloads.
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Download' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Choose at least one client in the list.' })).toBeVisible();

  await clientBox(page, 'Alice Adeyemi').check();
  await expect(page.getByText('1 of 3 clients chosen')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Choose at least one client' })).toHaveCount(0);
  await expect(page.locator('.rp-summary')).toContainText('Client statement for Alice Adeyemi');
  await shot(page, '300-reports-statement');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  await expect(page.getByRole('status').filter({ hasText: `Downloaded ${download.suggestedFilename()}` })).toBeVisible();
  const file = await keep(download, app, 'alice-statement.pdf');
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(file);
  expect(text).toContain('Alice Adeyemi');
  const data = await callApi(page, app, 'report.statement.data', { clientId: p.alice, ...MARCH });
  expect(data.closingBalance).toBe(90_000);
  expect(text).toContain(formatPence(90_000));
  pngOfFirstPage(file, '300-reports-statement-pdf');

  // Preview: pdf.js draws the first page into a canvas.
  await page.getByRole('button', { name: 'Preview' }).click();
  const canvas = page.getByRole('img', { name: /^First page of .*\.pdf$/ });
  await expect(canvas).toBeVisible();
  await expect(canvas).toHaveAttribute('data-state', 'done');
  await expect(page.getByText(/^Page 1 of \d+\./)).toBeVisible();
  // Something was drawn: the canvas is not blank white.
  // (The callback runs in the page; its canvas type is not in this Node project's types.)
  const inked = await canvas.evaluate((c) => {
    const el = c as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const px = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
    let dark = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i]! < 128 && px[i + 1]! < 128 && px[i + 2]! < 128) dark++;
    return { dark, width: el.width, height: el.height };
  });
  expect(inked.width).toBeGreaterThan(300);
  expect(inked.height).toBeGreaterThan(inked.width);
  expect(inked.dark).toBeGreaterThan(500);
  await canvas.scrollIntoViewIfNeeded();
  await shot(page, '301-reports-preview');

  // Print in the browser: the PDF downloads and the screen says how to print it.
  const [printed] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Print' }).click()]);
  expect(printed.suggestedFilename()).toBe(download.suggestedFilename());
  await expect(page.getByRole('status').filter({ hasText: 'Open the downloaded PDF to print it.' })).toBeVisible();

  // Before any money was recorded there is nothing to put on a statement: the screen says so, nothing downloads.
  await page.getByRole('combobox', { name: 'Period basis' }).selectOption('custom');
  await page.getByLabel('From', { exact: true }).fill('2026-02-01');
  await page.getByLabel('To', { exact: true }).fill('2026-02-28');
  await expect(page.locator('.rp-summary')).toContainText('2026-02-01 to 2026-02-28');
  await page.getByRole('button', { name: 'Download' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'VALIDATION' })).toContainText('Alice Adeyemi has no money recorded in the ledger up to 28 February 2026');
  expect(downloads).toBe(2);

  // A period with no money in or out (after some was recorded) still gives a statement, which says so.
  await page.getByLabel('From', { exact: true }).fill('2026-04-01');
  await page.getByLabel('To', { exact: true }).fill('2026-04-05');
  await expect(page.locator('.rp-summary')).toContainText('2026-04-01 to 2026-04-05');
  const [quiet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  expect(pdfText(await keep(quiet, app, 'april.pdf'))).toContain(`No money moved in this period. The balance stayed at ${formatPence(90_000)}.`);
  expect(downloads).toBe(3);
});

test("a client's easy-read choice gives the easy-read statement", async ({ page, app }) => {
  await createLedger(page, app);
  const p = await setUp(page, app);
  await openReports(page);

  await clientBox(page, 'Alice Adeyemi').check();

  // 4-weekly periods for one client line up with her council schedule (every 28 days from 2 March).
  await page.getByRole('combobox', { name: 'Period basis' }).selectOption('four-weekly');
  await expect(page.getByText("Lined up with this client's council payment schedule.")).toBeVisible();
  const period = page.getByRole('combobox', { name: 'Period', exact: true });
  await expect(period).toHaveValue(/\d+/);
  const starts = (await period.locator('option').allTextContents()).map((t) => /\((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)/.exec(t)).filter((m) => m !== null);
  expect(starts.length).toBeGreaterThan(1);
  for (const m of starts) {
    const fromDay = Date.parse(`${m[1]}T00:00:00Z`) / 86_400_000;
    const toDay = Date.parse(`${m[2]}T00:00:00Z`) / 86_400_000;
    expect(Math.abs(fromDay - Date.parse('2026-03-02T00:00:00Z') / 86_400_000) % 28).toBe(0);
    expect(toDay - fromDay).toBe(27);
  }
  // The latest period that has ended by 6 April 2026 is chosen: 2 to 29 March.
  await expect(page.locator('.rp-summary')).toContainText('2026-03-02 to 2026-03-29');
  await page.getByRole('combobox', { name: 'Period basis' }).selectOption('monthly');
  await expect(page.locator('.rp-summary')).toContainText(`${MARCH.from} to ${MARCH.to}`);

  await expect(page.getByRole('combobox', { name: 'Layout' })).toHaveValue('client-choice');
  const [standard] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  const standardText = pdfText(await keep(standard, app, 'standard.pdf'));

  // Tick Alice's easy-read box: saved on the server at once.
  const easy = page.getByRole('checkbox', { name: 'Easy-read statements for Alice Adeyemi' });
  await expect(easy).not.toBeChecked();
  await easy.check();
  await expect(easy).toBeChecked();
  await expect(easy).toBeEnabled();
  expect(await callApi(page, app, 'report.prefs.get', { clientId: p.alice })).toEqual({ clientId: p.alice, easyRead: true });
  expect((await callApi(page, app, 'report.prefs.get', { clientId: p.bob })).easyRead).toBe(false);
  await shot(page, '302-reports-easy-read');

  const [chosen] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  const easyFile = await keep(chosen, app, 'easy.pdf');
  const easyText = pdfText(easyFile);
  pngOfFirstPage(easyFile, '302-reports-easy-read-pdf');
  expect(easyText).toContain('Alice');
  expect(easyText).not.toBe(standardText);

  // The same as asking for the easy-read layout outright (the clock is fixed, so the text is too).
  const direct = await callApi(page, app, 'report.file', { kind: 'statement', clientId: p.alice, ...MARCH, variant: 'easy-read' });
  const directFile = path.join(app.dir, 'downloads', 'direct-easy.pdf');
  fs.writeFileSync(directFile, Buffer.from(direct.base64, 'base64'));
  expect(pdfText(directFile)).toBe(easyText);

  // "Standard" overrides the client's choice.
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('standard');
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  expect(pdfText(await keep(again, app, 'standard-again.pdf'))).toBe(standardText);
});

test('the council return as Excel, read back with a known total', async ({ page, app }) => {
  await createLedger(page, app);
  const p = await setUp(page, app);
  await openReports(page);

  await page.getByRole('radio', { name: 'Council monitoring return' }).check();
  await page.getByRole('combobox', { name: 'Format' }).selectOption('xlsx');
  // No preview for a spreadsheet, and the screen says why.
  await expect(page.getByRole('button', { name: 'Preview' })).toHaveCount(0);
  await expect(page.getByText('Preview shows PDFs only. The Excel return is a spreadsheet')).toBeVisible();
  await clientBox(page, 'Alice Adeyemi').check();
  await shot(page, '303-reports-return');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = await keep(download, app, 'return.xlsx');

  const data = await callApi(page, app, 'report.return.data', { clientId: p.alice, ...MARCH });
  expect(data.balance.receipts.council).toBe(120_000);
  expect(data.balance.closing).toBe(90_000);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const numbers: number[] = [];
  const texts: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'number') numbers.push(v);
        else if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') numbers.push(v.result);
        else if (v !== null && v !== undefined) texts.push(String(cell.text));
      }),
    ),
  );
  expect(texts.join(' ')).toContain('Alice Adeyemi');
  // Money in a spreadsheet is pounds (so sums and formats work); the council received £1,200.00 and £900.00 is held.
  expect(numbers).toContain(1200);
  expect(numbers).toContain(900);

  // The evidence pack for the same client and period: a zip holding the return and a list of its files.
  await page.getByRole('radio', { name: 'Evidence pack' }).check();
  await expect(page.getByText('Preview shows PDFs only. The evidence pack is a zip')).toBeVisible();
  const [pack] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  expect(pack.suggestedFilename()).toMatch(/\.zip$/);
  const zip = await keep(pack, app, 'pack.zip');
  const listing = zipNames(fs.readFileSync(zip));
  expect(listing).toContain('MANIFEST.csv');
  expect(listing.some((f) => /^return-.*\.pdf$/.test(f))).toBe(true);
  expect(listing.some((f) => /^return-.*\.xlsx$/.test(f))).toBe(true);
});

test('write statements for every client into a folder, with the progress bar reaching the end', async ({ page, app }) => {
  await createLedger(page, app);
  await setUp(page, app);
  await openReports(page);

  const dir = path.join(app.dir, 'out', 'March statements');
  const folder = page.getByRole('textbox', { name: 'Output folder' });
  await expect(folder).toHaveValue(/reports$/);
  // Browser mode: no folder dialog and nothing can open the folder; the path is shown instead.
  await expect(page.getByRole('button', { name: 'Choose…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Open folder' })).toHaveCount(0);
  await folder.fill(dir);

  // The search folds accents ("chloe" finds Chloë); Select all then means the clients shown.
  await page.getByRole('searchbox', { name: 'Find a client' }).fill('chloe');
  await expect(clientBox(page, 'Chloë Clarke')).toBeVisible();
  await expect(clientBox(page, 'Alice Adeyemi')).toHaveCount(0);
  await page.getByRole('button', { name: 'Select all shown' }).click();
  await expect(page.getByText('1 of 3 clients chosen (1 shown, 1 of them chosen)')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Find a client' }).fill('');
  // By keyboard: Space ticks the focused client.
  await clientBox(page, 'Alice Adeyemi').focus();
  await page.keyboard.press('Space');
  await expect(clientBox(page, 'Alice Adeyemi')).toBeChecked();
  await expect(page.getByText('2 of 3 clients chosen')).toBeVisible();
  await page.getByRole('button', { name: 'Select all' }).click();
  await expect(page.getByText('3 of 3 clients chosen')).toBeVisible();
  await expect(page.locator('.rp-summary')).toContainText('Write to folder makes a statement PDF for each of the 3 clients chosen.');
  await page.getByRole('button', { name: 'Write to folder' }).click();

  const bar = page.getByRole('progressbar', { name: 'Progress' });
  await expect(bar).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Finished: 3 files written to ${dir}` })).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuemax', '3');
  await expect(bar).toHaveAttribute('aria-valuenow', '3');
  await expect(bar).toHaveAttribute('aria-valuetext', '3 of 3 clients');
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await shot(page, '304-reports-batch-done');

  // Every file listed exists, complete, and nothing half-written is left.
  const onDisk = fs.readdirSync(dir).sort();
  expect(onDisk).toHaveLength(3);
  expect(onDisk.every((f) => f.endsWith('.pdf'))).toBe(true);
  const listed = await page.locator('.rp-file-table tbody tr td:first-child').allTextContents();
  expect(listed.sort()).toEqual(onDisk);
  const names = onDisk.map((f) => {
    const full = path.join(dir, f);
    expect(fs.readFileSync(full).subarray(0, 5).toString()).toBe('%PDF-');
    const t = pdfText(full);
    return ['Alice Adeyemi', 'Bob Brennan', 'Chloë Clarke'].find((n) => t.includes(n));
  });
  expect(names.sort()).toEqual(['Alice Adeyemi', 'Bob Brennan', 'Chloë Clarke']);
  await expect(page.locator('.rp-job .rp-path')).toContainText(dir);
});

test('bad input: no clients yet, the end before the start, and a folder that cannot be written', async ({ page, app }) => {
  await createLedger(page, app);
  await goToHash(page, '#/reports', 'Reports');
  await expect(page.getByRole('heading', { name: 'No clients yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Clients' }).last()).toHaveAttribute('href', '#/clients');
  await shot(page, '305-reports-no-clients');

  await setUp(page, app);
  await goToHash(page, '#/dashboard', 'Dashboard');
  await openReports(page);
  let downloads = 0;
  page.on('download', () => downloads++);

  // Custom dates with the end before the start: the message by the field, and nothing is made.
  await clientBox(page, 'Alice Adeyemi').check();
  await page.getByRole('combobox', { name: 'Period basis' }).selectOption('custom');
  await page.getByLabel('From', { exact: true }).fill('2026-03-31');
  await page.getByLabel('To', { exact: true }).fill('2026-03-01');
  const message = 'The period ends before it starts: choose an end date on or after the start date';
  await expect(page.locator('#rp-to-error')).toHaveText(message);
  await expect(page.getByLabel('To', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Download' }).click();
  await expect(page.locator('.rp-make').getByRole('alert').filter({ hasText: message })).toBeVisible();
  await page.getByRole('button', { name: 'Write to folder' }).click();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await shot(page, '306-reports-end-before-start');
  // The api refuses the same period with the same words (the form's check mirrors it).
  await expect(callApi(page, app, 'report.file', { kind: 'statement', clientId: 1, from: '2026-03-31', to: '2026-03-01', variant: 'standard' })).rejects.toThrow(message);
  expect(downloads).toBe(0);

  // Fix the dates; then a folder under a file cannot be made: the IO error, and nothing written.
  await page.getByLabel('To', { exact: true }).fill('2026-03-31');
  await expect(page.locator('#rp-to-error')).toHaveCount(0);
  const blocker = path.join(app.dir, 'not-a-folder');
  fs.writeFileSync(blocker, 'a file, not a folder');
  await page.getByRole('textbox', { name: 'Output folder' }).fill(path.join(blocker, 'statements'));
  await page.getByRole('button', { name: 'Write to folder' }).click();
  const ioAlert = page.locator('.rp-make').getByRole('alert').filter({ hasText: 'IO_ERROR' });
  await expect(ioAlert).toBeVisible();
  await expect(ioAlert).toContainText(blocker);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  expect(fs.statSync(blocker).isFile()).toBe(true);
  expect(fs.readFileSync(blocker, 'utf8')).toBe('a file, not a folder');
  await shot(page, '307-reports-io-error');

  // A relative folder is refused with the contract's words.
  await page.getByRole('textbox', { name: 'Output folder' }).fill('Reports');
  await page.getByRole('button', { name: 'Write to folder' }).click();
  await expect(page.locator('.rp-make').getByRole('alert').filter({ hasText: 'Give the full path of the folder' })).toBeVisible();
  expect(downloads).toBe(0);
});

test('organisation exports: the hledger journal downloads and balances, the accountant pack is written to a folder', async ({ page, app }) => {
  await createLedger(page, app);
  await setUp(page, app);
  await openReports(page);

  // hledger: the whole ledger up to the end of March; hledger itself reads it and agrees on Alice's money.
  await page.getByRole('radio', { name: 'hledger journal' }).check();
  await expect(page.getByRole('region', { name: 'Clients' })).toContainText('This report covers the whole organisation');
  await expect(page.getByRole('checkbox', { name: 'Whole ledger up to the end date' })).toBeChecked();
  await expect(page.getByText('Preview shows PDFs only. The hledger journal is plain text')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toHaveCount(0);
  await shot(page, '308-reports-hledger');
  const [journal] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  expect(journal.suggestedFilename()).toBe('steward-2026-03-31.journal');
  const journalFile = await keep(journal, app, journal.suggestedFilename());
  const check = execFileSync('hledger', ['-f', journalFile, 'check'], { encoding: 'utf8' });
  expect(check).toBe('');
  const text = fs.readFileSync(journalFile, 'utf8');
  expect(text).toContain('Alice Adeyemi');
  expect(text).toContain('Acme Care Agency');

  // Xero: the March journals as CSV, starting with Xero's manual journal columns.
  await page.getByRole('radio', { name: 'Xero CSV' }).check();
  const [xero] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  expect(xero.suggestedFilename()).toBe('xero-journal-2026-03-01-to-2026-03-31.csv');
  const csv = fs.readFileSync(await keep(xero, app, xero.suggestedFilename()), 'utf8');
  expect(csv.split(/\r?\n/)[0]).toMatch(/^\*?Narration,\*?Date,Description,\*?AccountCode/);
  expect(csv).toContain('350.00');

  // The accountant pack for March, written into a folder: progress counts journal lines.
  await page.getByRole('radio', { name: 'Accountant pack' }).check();
  const dir = path.join(app.dir, 'accounts');
  await page.getByRole('textbox', { name: 'Output folder' }).fill(dir);
  await page.getByRole('button', { name: 'Write to folder' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Finished: 1 file written to ${dir}` })).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Progress' });
  const total = await bar.getAttribute('aria-valuemax');
  expect(Number(total)).toBeGreaterThan(0);
  await expect(bar).toHaveAttribute('aria-valuenow', total!);
  await expect(bar).toHaveAttribute('aria-valuetext', `${total} of ${total} journal lines`);
  expect(fs.readdirSync(dir)).toEqual(['accountant-pack-2026-03-01-to-2026-03-31.xlsx']);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, 'accountant-pack-2026-03-01-to-2026-03-31.xlsx'));
  expect(wb.worksheets.length).toBeGreaterThan(1);
  await shot(page, '309-reports-accountant-done');
});

test('5,000 clients: the list scrolls and filters, and a batch can be cancelled part way, leaving only complete files', async ({ page, app }) => {
  // The synthetic organisation of test/e2e/seed.ts (the same one the clients screen test opens).
  const seeded = seededLedgerCopy(app.ledgerPath, PASSPHRASE, { clients: 5000, now: FIXED_NOW });
  await page.goto(app.url);
  await page.getByRole('tab', { name: 'Open a ledger' }).click();
  await page.getByLabel('Ledger file').fill(app.ledgerPath);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await goToHash(page, '#/reports', 'Reports');

  await expect(page.getByText('0 of 5000 clients chosen')).toBeVisible();
  // Only the rows in view are in the page.
  const rows = page.locator('.rp-client-row');
  expect(await rows.count()).toBeLessThan(60);
  // The funder filter asks the server for that funder's clients only.
  const funderName = seeded.funders[1]!;
  const ofFunder = seeded.clients.filter((c) => c.funderName === funderName).length;
  await page.getByRole('combobox', { name: 'Funder' }).selectOption({ label: funderName });
  await expect(page.getByText(`0 of ${ofFunder} clients chosen`)).toBeVisible();
  await page.getByRole('combobox', { name: 'Funder' }).selectOption({ label: 'All funders' });
  await expect(page.getByText('0 of 5000 clients chosen')).toBeVisible();

  await page.getByRole('combobox', { name: 'Period basis' }).selectOption('custom');
  await page.getByLabel('From', { exact: true }).fill('2026-03-01');
  await page.getByLabel('To', { exact: true }).fill('2026-03-31');
  await page.getByRole('combobox', { name: 'Layout' }).selectOption('standard');
  const dir = path.join(app.dir, 'big batch');
  await page.getByRole('textbox', { name: 'Output folder' }).fill(dir);
  await page.getByRole('button', { name: 'Select all' }).click();
  await expect(page.getByText('5000 of 5000 clients chosen')).toBeVisible();
  await page.getByRole('button', { name: 'Write to folder' }).click();

  // Part way: some clients done, not all; then Cancel.
  const bar = page.getByRole('progressbar', { name: 'Progress' });
  await expect(bar).toHaveAttribute('aria-valuemax', '5000');
  await expect(bar).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/);
  await expect(page.getByRole('button', { name: 'Write to folder' })).toBeDisabled();
  await shot(page, '310-reports-batch-running');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toBeVisible();
  const done = Number(await bar.getAttribute('aria-valuenow'));
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(5000);
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Write to folder' })).toBeEnabled();
  await shot(page, '311-reports-batch-cancelled');

  // Only complete statements are in the folder: no temporary ".part" files, each a whole PDF.
  const onDisk = fs.readdirSync(dir);
  expect(onDisk.filter((f) => f.endsWith('.part'))).toEqual([]);
  expect(onDisk.length).toBeLessThanOrEqual(done);
  const heading = page.getByRole('heading', { name: /^Files written \(\d+\)$/ });
  if (onDisk.length > 0) await expect(heading).toHaveText(`Files written (${onDisk.length})`);
  // Every client the batch reached is accounted for: a whole file on disk, or listed (with its id) as not made.
  const failedHeading = page.getByRole('heading', { name: /^Could not be made \(\d+\)$/ });
  const failed = (await failedHeading.count()) > 0 ? Number(/\((\d+)\)/.exec((await failedHeading.textContent()) ?? '')![1]) : 0;
  expect(onDisk.length + failed).toBe(done);
  if (failed > 0) {
    const listed = page.getByRole('list', { name: 'Clients whose report could not be made' }).getByRole('listitem');
    await expect(listed).toHaveCount(failed);
    await expect(listed.first()).toContainText(/\(client \d+\)/);
  }
  for (const f of onDisk) {
    const bytes = fs.readFileSync(path.join(dir, f));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toContain('%%EOF');
  }
});

test('a client whose support has ended is listed on request, for a final statement', async ({ page, app }) => {
  await createLedger(page, app);
  const p = await setUp(page, app);
  await callApi(page, app, 'client.end', { id: p.chloe, date: '2026-03-31', reason: 'Moved to another council', authorisedBy: 'Jo Broker' });
  await openReports(page);
  await expect(page.getByText('0 of 2 clients chosen')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^Chloë Clarke/ })).toHaveCount(0);

  await page.getByRole('checkbox', { name: /Show clients whose support has ended/ }).check();
  await expect(page.getByText('0 of 3 clients chosen')).toBeVisible();
  const chloe = page.getByRole('checkbox', { name: 'Chloë Clarke RC-1003 (ended)' });
  await chloe.check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  const text = pdfText(await keep(download, app, 'chloe-final.pdf'));
  expect(text).toContain('Chloë Clarke');
  // The council's £600.00 came in; ending her support returned what was left.
  expect(text).toContain(formatPence(60_000));
  await shot(page, '312-reports-ended-client');
});
