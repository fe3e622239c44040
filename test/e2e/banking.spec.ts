/**
 * Banking screens (#/banking, #/banking/ID and its /import, /match, /reconcile and /payments).
 * Each test has its own encrypted ledger, created through the real create screen, with the app's
 * clock fixed at 2026-04-06. Funders, clients, bank accounts, receipts and payments are set up
 * through the api, as the page's own client does; the banking flows under test go through the
 * real screens, and the api is asked afterwards what was stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { InputOf } from '../../shared/contract';
import { test, expect, shot, createLedger, callApi as api, goToHash, type App } from './fixtures';

/** Dialogs sit in the top layer, fixed to the viewport: photograph the viewport. */
async function dialogShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.resolve('.test-output/screens', `${name}.png`) });
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** A statement in a layout no preset knows: preamble, "Posted On", paid in / paid out, a summary line. */
const UNITY_CSV = [
  'Unity Trust Bank - client account 12345678',
  'Exported 31/03/2026',
  '',
  'Posted On,Narrative,Payment Ref,Money In,Money Out,Running Balance',
  '02/03/2026,RIVERSIDE COUNCIL DP,RSC-0302,"£1,200.00",,"1,200.00"',
  '05/03/2026,ACME CARE AGENCY,INV 881,,350.00,850.00',
  '09/03/2026,BANK CHARGES,,,4.50,845.50',
  '12/03/2026,ACME CARE AGENCY,INV 882,,350.00,495.50',
  'Closing balance,,,,,495.50',
  '',
].join('\r\n');

const UNITY_MAPPING = {
  date: 'Posted On',
  paidIn: 'Money In',
  paidOut: 'Money Out',
  description: ['Narrative'],
  reference: 'Payment Ref',
  balance: 'Running Balance',
  dateFormat: 'dd/mm/yyyy' as const,
};

async function setUp(page: Page, app: App): Promise<{ funderId: number }> {
  await createLedger(page, app);
  const funder = await api(page, app, 'funder.create', { name: 'Riverside Council', kind: 'council' });
  return { funderId: funder.id };
}

async function client(page: Page, app: App, funderId: number, name: string, extra: Partial<InputOf<'client.create'>> = {}): Promise<{ clientId: number; accountId: number; accountName: string }> {
  const c = await api(page, app, 'client.create', { name, funderIds: [funderId], startDate: '2026-01-05', ...extra });
  const account = (await api(page, app, 'bankAccount.list', {})).find((a) => a.id === c.bankAccountId)!;
  return { clientId: c.id, accountId: account.id, accountName: account.name };
}

/** The ledger side of the Unity statement: the council's receipt and two agency invoices of £350. */
async function unityLedger(page: Page, app: App, clientId: number): Promise<{ receipt: number; inv881: number; inv882: number }> {
  const r = await api(page, app, 'receipt.add', { clientId, date: '2026-03-02', amount: 120_000, source: 'council', reference: 'RSC-0302' });
  const auth = [{ by: 'Jo Okafor', method: 'written' as const }];
  const p1 = await api(page, app, 'payment.add', { clientId, date: '2026-03-04', amount: 35_000, payeeName: 'Acme Care Agency', category: 'agency', reference: 'INV 881', authorisations: auth });
  const p2 = await api(page, app, 'payment.add', { clientId, date: '2026-03-11', amount: 35_000, payeeName: 'Acme Care Agency', category: 'agency', reference: 'INV 882', authorisations: auth });
  return { receipt: r.entry.id, inv881: p1.entry.id, inv882: p2.entry.id };
}

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Banking for this account' }).getByRole('link', { name, exact: true });

test('import a CSV through column mapping and preview, save a preset; the same file again is all skipped with reasons; a malformed file is refused naming line and column', async ({ page, app }) => {
  const { funderId } = await setUp(page, app);
  const { clientId, accountId, accountName } = await client(page, app, funderId, 'Margaret Okafor');
  await api(page, app, 'receipt.add', { clientId, date: '2026-03-02', amount: 120_000, source: 'council', reference: 'RSC-0302' });

  // Banking home: the account, its kind, client and balance; nothing imported or reconciled yet.
  await goToHash(page, '#/banking', 'Banking');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: accountName }) });
  await expect(row).toContainText('Dedicated');
  await expect(row).toContainText('Margaret Okafor');
  await expect(row).toContainText('£1,200.00');
  await expect(row.getByRole('cell').nth(3)).toHaveText('Never');
  await shot(page, 'banking-01-home');

  await row.getByRole('link', { name: accountName }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Banking: ${accountName}` })).toBeVisible();
  await tab(page, 'Import a statement').click();
  await expect(page.getByRole('heading', { level: 1, name: `Import a statement: ${accountName}` })).toBeVisible();

  // 1. Choose the file: the format and encoding are detected; the layout is not a known one.
  await page.getByLabel('Statement file', { exact: true }).setInputFiles({ name: 'unity-march.csv', mimeType: 'text/csv', buffer: Buffer.from(UNITY_CSV, 'utf8') });
  await expect(page.getByRole('heading', { name: 'Map the columns' })).toBeVisible();
  // The preview of a file it could not read yet still says what it sniffed: the format and the encoding.
  await expect(page.getByText('unity-march.csv: CSV, UTF-8.')).toBeVisible();
  await expect(page.getByText('Steward did not recognise this layout')).toBeVisible();

  // 2. Map the columns: the header row (past the preamble) and most columns are guessed; the date is not.
  await expect(page.getByLabel('Header row')).toHaveValue('4');
  await expect(page.getByLabel('Paid in', { exact: true })).toHaveValue('3');
  await expect(page.getByLabel('Paid out', { exact: true })).toHaveValue('4');
  await expect(page.getByLabel('Description', { exact: true })).toHaveValue('1');
  await page.getByRole('button', { name: 'Show the preview' }).click();
  await expect(page.getByText('Choose the column that holds the date')).toBeVisible();
  await page.getByLabel('Date', { exact: true }).selectOption({ label: 'Posted On' });
  await page.getByLabel('Date format').selectOption('dd/mm/yyyy');
  // Save the mapping as a preset for next month.
  await page.getByLabel('Preset name').fill('Unity Trust');
  await page.getByRole('button', { name: 'Save the preset' }).click();
  await expect(page.getByText('Saved the preset “Unity Trust”.')).toBeVisible();
  await shot(page, 'banking-02-mapping');

  // 3. Preview: four lines, the preamble and the closing-balance line left out with reasons.
  await page.getByRole('button', { name: 'Show the preview' }).click();
  await expect(page.getByRole('heading', { name: 'Check the preview' })).toBeVisible();
  await expect(page.getByText('unity-march.csv: CSV, UTF-8.')).toBeVisible();
  const facts = page.locator('.bk-facts');
  await expect(facts).toContainText('Lines read4');
  await expect(facts).toContainText('New4');
  await expect(facts).toContainText('Money in£1,200.00');
  await expect(facts).toContainText('Money out£704.50');
  await expect(facts).toContainText('2026-03-02 to 2026-03-12');
  const previewTable = page.getByRole('table', { name: 'All 4 lines' });
  await expect(previewTable.getByRole('row')).toHaveCount(5);
  await expect(previewTable.getByRole('row').nth(1)).toContainText('RIVERSIDE COUNCIL DP');
  await expect(previewTable.getByRole('row').nth(1)).toContainText('£1,200.00 in');
  await expect(previewTable.getByRole('row').nth(3)).toContainText('£4.50 out');
  await page.getByText(/not transactions and will be left out/).click();
  await expect(page.getByText(/Line 9: a summary line/)).toBeVisible();
  await shot(page, 'banking-03-preview');

  // 4. Import: four lines; the council receipt matched itself (one certain candidate).
  await page.getByRole('button', { name: 'Import 4 lines' }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  await expect(page.getByText('Imported 4 lines; skipped 0. 1 matched to the ledger automatically')).toBeVisible();
  await shot(page, 'banking-04-imported');
  expect((await api(page, app, 'bank.lines', { bankAccountId: accountId, status: 'all', offset: 0, limit: 100 })).total).toBe(4);

  // The same file again, with the saved preset: every line is already imported and skipped, with why.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByLabel('Statement file', { exact: true }).setInputFiles({ name: 'unity-march.csv', mimeType: 'text/csv', buffer: Buffer.from(UNITY_CSV, 'utf8') });
  await expect(page.getByRole('heading', { name: 'Map the columns' })).toBeVisible();
  await page.getByLabel('Bank layout (preset)').selectOption({ label: 'Unity Trust' });
  await expect(page.getByLabel('Date', { exact: true })).toHaveValue('0');
  await page.getByRole('button', { name: 'Show the preview' }).click();
  await expect(facts).toContainText('New0');
  await expect(facts).toContainText('Already imported (will be skipped)4');
  await expect(page.getByText('Every line in this file is already imported.')).toBeVisible();
  await page.getByRole('button', { name: 'Import (every line will be skipped)' }).click();
  await expect(page.getByText('Imported 0 lines; skipped 4.')).toBeVisible();
  const skipped = page.getByRole('table', { name: 'Skipped lines and why' });
  await expect(skipped.getByRole('row')).toHaveCount(5);
  for (const [i, line] of [5, 6, 7, 8].entries()) {
    await expect(skipped.getByRole('row').nth(i + 1)).toContainText(`${line}already imported (same date, amount, description and balance)`);
  }
  await shot(page, 'banking-05-reimport-skipped');
  expect((await api(page, app, 'bank.lines', { bankAccountId: accountId, status: 'all', offset: 0, limit: 100 })).total).toBe(4);

  // A malformed file: the generic layout is recognised, but two rows cannot be read. Each error
  // names its line and column; the Import button stays off and nothing is imported.
  const broken = ['Date,Description,Amount,Balance', '2026-03-20,REFUND,25.00,520.50', '2026-03-21,SHOP,12.3.4,508.20', '2026-02-30,SHOP,1.00,507.20', ''].join('\n');
  await page.getByRole('button', { name: 'Import another file' }).click();
  await page.getByLabel('Statement file', { exact: true }).setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken, 'utf8') });
  await expect(page.getByText(/^broken\.csv: CSV, UTF-8, looks like the .+ layout\.$/)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Steward recognised the columns but could not read 2 rows' })).toContainText('Line 3, column “Amount”');
  await expect(page.getByLabel('Date', { exact: true })).toHaveValue('0');
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('2');
  await page.getByRole('button', { name: 'Show the preview' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'This file cannot be imported' });
  await expect(refusal).toContainText('2 problems. Nothing from it will be imported.');
  const errors = refusal.getByRole('table', { name: 'Problems in the file' });
  await expect(errors.getByRole('row').nth(1)).toContainText(/^3Amount/);
  await expect(errors.getByRole('row').nth(2)).toContainText(/^4Date/);
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await shot(page, 'banking-06-malformed');
  expect((await api(page, app, 'bank.lines', { bankAccountId: accountId, status: 'all', offset: 0, limit: 100 })).total).toBe(4);
  expect(await api(page, app, 'bank.imports', { bankAccountId: accountId })).toHaveLength(2);

  // The server refuses it too, naming the line and column, and stores nothing.
  const direct = await api(page, app, 'bank.import', { bankAccountId: accountId, fileName: 'broken.csv', base64: b64(broken) });
  expect(direct.imported).toBe(0);
  expect(direct.errors.map((e) => [e.line, e.column])).toEqual([
    [3, 'Amount'],
    [4, 'Date'],
  ]);
  expect(await api(page, app, 'bank.imports', { bankAccountId: accountId })).toHaveLength(2);

  // The account's overview lists both imports; home shows the unmatched count.
  await tab(page, 'Overview').click();
  await expect(page.getByRole('table', { name: 'Statement imports' }).getByRole('row')).toHaveCount(3);
  await goToHash(page, '#/banking', 'Banking');
  await expect(row.getByRole('cell').last()).toHaveText('3');
});

test('match by keyboard: Enter takes the top suggestion, a number picks one, C creates an entry from a line, U unmatches with a reason', async ({ page, app }) => {
  const { funderId } = await setUp(page, app);
  const { clientId, accountId, accountName } = await client(page, app, funderId, 'Margaret Okafor');
  const ids = await unityLedger(page, app, clientId);
  const imported = await api(page, app, 'bank.import', { bankAccountId: accountId, fileName: 'unity-march.csv', base64: b64(UNITY_CSV), mapping: UNITY_MAPPING });
  expect(imported.imported).toBe(4);
  expect(imported.autoMatched).toBe(1); // the receipt; the two £350 lines each have two candidates

  await goToHash(page, `#/banking/${accountId}/match`, `Match: ${accountName}`);
  const list = page.getByRole('listbox', { name: 'Unmatched bank lines' });
  await expect(page.getByText('3 unmatched lines')).toBeVisible();
  await expect(list.getByRole('option')).toHaveCount(3);
  await expect(list.getByRole('option', { selected: true })).toContainText('2026-03-05');
  const detail = page.getByRole('region', { name: 'The selected line' });
  const sugg = detail.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Match suggestion/ }) });
  await expect(sugg).toHaveCount(2);
  await expect(sugg.first()).toContainText('2026-03-04');
  await expect(sugg.first()).toContainText('amount equal; 1 day apart; reference matches');
  await expect(page.getByRole('group', { name: 'Show' })).toBeVisible();
  await expect(page.getByText('confirm the top suggestion')).toBeVisible();
  await list.focus();
  await shot(page, 'banking-07-match');

  // Enter: the top suggestion (INV 881, a day earlier).
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Matched the 2026-03-05 line of £350.00 (ACME CARE AGENCY) to entry ${ids.inv881} for Margaret Okafor.`)).toBeVisible();
  await expect(page.getByText('2 unmatched lines')).toBeVisible();

  // ↓ then 1: the 12 March line to INV 882.
  await expect(list.getByRole('option', { selected: true })).toContainText('2026-03-09');
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toContainText('2026-03-12');
  await expect(sugg.first()).toContainText('INV 882');
  await page.keyboard.press('1');
  await expect(page.getByText(`Matched the 2026-03-12 line of £350.00 (ACME CARE AGENCY) to entry ${ids.inv882} for Margaret Okafor.`)).toBeVisible();

  // C: the bank charge becomes a payment; who authorised it is required.
  await expect(list.getByRole('option', { selected: true })).toContainText('BANK CHARGES');
  await page.keyboard.press('c');
  const create = page.getByRole('dialog', { name: 'Create a payment from the line' });
  await expect(create.getByLabel('Client')).toHaveValue(String(clientId));
  await expect(create.getByLabel('Category')).toHaveValue('fees');
  await expect(create.getByLabel('Payee')).toHaveValue('BANK CHARGES');
  await create.getByRole('button', { name: 'Create and match' }).click();
  await expect(create.getByText('Record who authorised this payment (bank charges too)')).toBeVisible();
  await create.getByLabel('Authorised by').fill('Jo Okafor');
  await dialogShot(page, 'banking-08-create-entry');
  await create.getByRole('button', { name: 'Create and match' }).click();
  await expect(create).toBeHidden();
  await expect(page.getByText(/Created a payment \(entry \d+\) for Margaret Okafor from the 2026-03-09 line, and matched it\./)).toBeVisible();
  await expect(page.getByText('Every bank line is matched to the ledger.')).toBeVisible();
  const balance = (await api(page, app, 'client.get', { id: clientId })).balance;
  expect(balance).toBe(120_000 - 70_000 - 450);

  // U on a matched line: unmatch with a reason.
  await page.getByRole('button', { name: 'Matched lines', exact: true }).click();
  const matched = page.getByRole('listbox', { name: 'Matched bank lines' });
  await expect(matched.getByRole('option')).toHaveCount(4);
  await matched.focus();
  await page.keyboard.press('ArrowDown');
  await expect(matched.getByRole('option', { selected: true })).toContainText('2026-03-05');
  await page.keyboard.press('u');
  const unmatch = page.getByRole('dialog', { name: 'Unmatch the line' });
  await unmatch.getByLabel('Reason').fill('no');
  await unmatch.getByRole('button', { name: 'Unmatch' }).click();
  await expect(unmatch.getByText('Give the reason (at least 5 characters)')).toBeVisible();
  await unmatch.getByLabel('Reason').fill('Matched to the wrong invoice');
  await unmatch.getByRole('button', { name: 'Unmatch' }).click();
  await expect(unmatch).toBeHidden();
  await expect(page.getByText('Unmatched the 2026-03-05 line of £350.00.', { exact: false })).toBeVisible();
  await expect(matched.getByRole('option')).toHaveCount(3);
  expect((await api(page, app, 'bank.lines', { bankAccountId: accountId, status: 'unmatched', offset: 0, limit: 10 })).rows.map((r) => r.date)).toEqual(['2026-03-05']);
});

test('pooled account: split a line across two clients, create an entry with the client named, reconcile three-way with a difference listed, fix and confirm; a reconciled entry cannot be reversed; unreconcile with a reason', async ({ page, app }) => {
  const { funderId } = await setUp(page, app);
  const pooled = await api(page, app, 'bankAccount.create', { name: 'Riverside pooled client account', kind: 'pooled', sortCode: '20-00-00', accountNumber: '12345678' });
  const a = await client(page, app, funderId, 'Margaret Okafor', { bankAccountId: pooled.id });
  const b = await client(page, app, funderId, 'Dev Patel', { bankAccountId: pooled.id });
  const ra = await api(page, app, 'receipt.add', { clientId: a.clientId, date: '2026-03-02', amount: 30_000, source: 'council', reference: 'RSC MAR' });
  await api(page, app, 'receipt.add', { clientId: b.clientId, date: '2026-03-02', amount: 20_000, source: 'council', reference: 'RSC MAR' });
  const statement = ['Date,Description,Amount,Balance', '03/03/2026,RIVERSIDE COUNCIL RSC MAR,500.00,500.00', '10/03/2026,ACCOUNT FEE,-2.00,498.00', ''].join('\n');
  const imported = await api(page, app, 'bank.import', { bankAccountId: pooled.id, fileName: 'pooled-march.csv', base64: b64(statement), preset: 'generic' });
  expect(imported.imported).toBe(2);
  expect(imported.autoMatched).toBe(0);

  await goToHash(page, `#/banking/${pooled.id}/match`, `Match: ${pooled.name}`);
  const list = page.getByRole('listbox', { name: 'Unmatched bank lines' });
  await expect(list.getByRole('option', { selected: true })).toContainText('RIVERSIDE COUNCIL');
  await list.focus();

  // S: split £500 between the two clients' receipts; the remaining amount follows each tick.
  await page.keyboard.press('s');
  const split = page.getByRole('dialog', { name: 'Split the line' });
  await expect(split.getByText('Remaining to allocate: £500.00')).toBeVisible();
  await expect(split.getByRole('button', { name: /^Match/ })).toBeDisabled();
  await split.getByRole('checkbox', { name: /Margaret Okafor/ }).check();
  await expect(split.getByText('Remaining to allocate: £200.00')).toBeVisible();
  await split.getByRole('checkbox', { name: /Dev Patel/ }).check();
  await expect(split.getByText('Remaining to allocate: £0.00')).toBeVisible();
  await dialogShot(page, 'banking-09-split');
  await split.getByRole('button', { name: 'Match 2 parts' }).click();
  await expect(split).toBeHidden();
  await expect(page.getByText('Split the 2026-03-03 line of £500.00 across 2 entries.')).toBeVisible();

  // C on the fee: a pooled account needs the client named.
  await expect(list.getByRole('option', { selected: true })).toContainText('ACCOUNT FEE');
  await page.keyboard.press('c');
  const create = page.getByRole('dialog', { name: 'Create a payment from the line' });
  await create.getByLabel('Authorised by').fill('Jo Okafor');
  await create.getByRole('button', { name: 'Create and match' }).click();
  await expect(create.getByText('Choose the client: this is a pooled account, so the money must belong to one of its clients')).toBeVisible();
  await create.getByLabel('Client').selectOption({ label: 'Margaret Okafor' });
  await create.getByRole('button', { name: 'Create and match' }).click();
  await expect(create).toBeHidden();
  await expect(page.getByText('Every bank line is matched to the ledger.')).toBeVisible();

  // Reconcile with a mistyped statement balance: the difference is listed, with the three-way figures.
  await tab(page, 'Reconcile').click();
  await expect(page.getByRole('heading', { level: 1, name: `Reconcile: ${pooled.name}` })).toBeVisible();
  await page.getByLabel('Statement date').fill('2026-03-31');
  await page.getByLabel('Statement balance').fill('489.50');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByText(/^Does not agree: \d+ differences?\.$/)).toBeVisible();
  const sum = page.getByRole('table', { name: 'Statement against ledger' });
  await expect(sum.getByRole('row').filter({ hasText: 'Ledger balance' })).toContainText('£498.00');
  await expect(sum.getByRole('row').filter({ hasText: 'Difference' })).toContainText('+£8.50');
  const perClient = page.getByRole('table', { name: 'Each client’s share' });
  await expect(perClient.getByRole('row').filter({ hasText: 'Margaret Okafor' })).toContainText('£298.00');
  await expect(perClient.getByRole('row').filter({ hasText: 'Dev Patel' })).toContainText('£200.00');
  const diffs = page.getByRole('region', { name: 'Differences' }).getByRole('listitem');
  await expect(diffs.first()).toContainText('£8.50');
  await expect(page.getByRole('button', { name: 'Confirm and lock' })).toBeDisabled();
  await shot(page, 'banking-10-reconcile-difference');

  // Fixed: the right balance agrees three ways; confirm locks the three matched entries.
  await page.getByLabel('Statement balance').fill('498.00');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByText('Agrees: no differences.')).toBeVisible();
  await expect(page.getByText('✓ all three agree')).toBeVisible();
  await page.getByLabel('Note (optional)').fill('March statement, page 1 of 1');
  await page.getByRole('button', { name: 'Confirm and lock' }).click();
  await expect(page.getByText('Reconciled to 2026-03-31 at £498.00; 3 ledger entries are locked.')).toBeVisible();
  const history = page.getByRole('table', { name: 'Reconciliations' });
  await expect(history.getByRole('row').nth(1)).toContainText('2026-03-31');
  await expect(history.getByRole('row').nth(1)).toContainText('Active');
  await shot(page, 'banking-11-reconciled');

  // Reversing a reconciled entry is refused, with the message, on the client's page.
  await goToHash(page, `#/clients/${a.clientId}`, /Margaret Okafor/);
  const txRow = page
    .getByRole('region', { name: 'Transactions' })
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: `Show entry #${ra.entry.id}`, exact: true }) });
  await txRow.getByRole('button', { name: /Reverse…/ }).click();
  const reverse = page.getByRole('dialog', { name: `Reverse entry #${ra.entry.id}` });
  await reverse.getByLabel('Reason for the reversal').fill('Council asked for it back');
  await reverse.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(reverse.getByRole('alert')).toContainText(`Entry ${ra.entry.id} is locked by bank reconciliation`);
  await expect(reverse.getByRole('alert')).toContainText('Un-reconcile it first, with a reason.');
  await dialogShot(page, 'banking-12-reverse-refused');
  await reverse.getByRole('button', { name: 'Cancel' }).click();

  // Unreconcile with a reason: the history keeps it, marked undone.
  await goToHash(page, `#/banking/${pooled.id}/reconcile`, `Reconcile: ${pooled.name}`);
  await history.getByRole('button', { name: /^Unreconcile 2026-03-31/ }).click();
  const undo = page.getByRole('dialog', { name: 'Unreconcile 2026-03-31' });
  await undo.getByLabel('Reason').fill('The council receipt must be reversed');
  await undo.getByRole('button', { name: 'Unreconcile' }).click();
  await expect(undo).toBeHidden();
  await expect(page.getByText('Un-reconciled 2026-03-31.', { exact: false })).toBeVisible();
  await expect(history.getByRole('row').nth(1)).toContainText('Undone');
  await expect(history.getByRole('row').nth(1)).toContainText('The council receipt must be reversed');
  await shot(page, 'banking-13-unreconciled');
});

test('bulk payments: rows are checked, a batch of the ready ones is made, its CSV downloaded and read back, then marked sent', async ({ page, app }) => {
  const { funderId } = await setUp(page, app);
  const { clientId, accountId, accountName } = await client(page, app, funderId, 'Margaret Okafor');
  await api(page, app, 'receipt.add', { clientId, date: '2026-04-01', amount: 200_000, source: 'council' });
  const bright = await api(page, app, 'payee.create', { name: 'Bright Days Agency', kind: 'agency', sortCode: '12-34-56', accountNumber: '87654321' });
  const kim = await api(page, app, 'payee.create', { name: 'Kim Lowe', kind: 'pa' });
  const auth = [{ by: 'Jo Okafor', method: 'written' as const }];
  await api(page, app, 'payment.add', { clientId, date: '2026-04-02', amount: 45_000, payeeId: bright.id, category: 'agency', reference: 'INV-204', authorisations: auth });
  await api(page, app, 'payment.add', { clientId, date: '2026-04-03', amount: 12_000, payeeId: kim.id, category: 'pa-wages', reference: 'PA MARCH', authorisations: auth });
  await api(page, app, 'payment.add', { clientId, date: '2026-04-03', amount: 7_550, payeeId: bright.id, category: 'agency', reference: 'INV-205', authorisations: auth });

  await goToHash(page, `#/banking/${accountId}/payments`, `Bulk payments: ${accountName}`);
  const choose = page.getByRole('table', { name: 'Payments to choose from' });
  await expect(choose.getByRole('row')).toHaveCount(4);
  const kimRow = choose.getByRole('row').filter({ hasText: 'Kim Lowe' });
  await expect(kimRow).toContainText('no sort code for Kim Lowe');
  await expect(kimRow).toContainText('no account number for Kim Lowe');
  await expect(kimRow.getByRole('checkbox')).toBeDisabled();
  await choose.getByRole('checkbox', { name: 'Choose every payment that can go in a file' }).check();
  await expect(page.getByText('2 chosen, £525.50')).toBeVisible();
  await shot(page, 'banking-14-payments-choose');

  await page.getByRole('button', { name: 'Make a batch' }).click();
  const batch = page.getByRole('region', { name: 'Batch 1' });
  await expect(batch).toContainText('2 payments, £525.50. Draft');
  const fileRows = batch.getByRole('table', { name: 'The rows as they go in the file' }).getByRole('row');
  await expect(fileRows).toHaveCount(3);
  await expect(fileRows.nth(1)).toContainText('12-34-5687654321BRIGHT DAYS AGENCY£450.00INV-204');
  await shot(page, 'banking-15-batch');

  const [download] = await Promise.all([page.waitForEvent('download'), batch.getByRole('button', { name: 'Download the bulk payment CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('payments-batch-1-2026-04-06.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')).toEqual(['Sort code,Account number,Account name,Amount,Reference', '123456,87654321,BRIGHT DAYS AGENCY,450.00,INV-204', '123456,87654321,BRIGHT DAYS AGENCY,75.50,INV-205', '']);

  await batch.getByRole('button', { name: 'Mark as sent…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Mark batch 1 as sent?' });
  await confirm.getByRole('button', { name: 'Mark as sent' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('table', { name: 'Batches' }).getByRole('row').nth(1)).toContainText('Sent 2026-04-06');
  await expect(batch).toContainText('Marked sent 2026-04-06');
  // Sent payments are not offered again; the one waiting for bank details still is.
  await expect(choose.getByRole('row')).toHaveCount(2);
  await expect(choose.getByRole('row').nth(1)).toContainText('Kim Lowe');
  await shot(page, 'banking-16-batch-sent');
});

test('split a pooled line with no ledger entries yet: a new receipt for each client, the remaining amount followed live', async ({ page, app }) => {
  const { funderId } = await setUp(page, app);
  const pooled = await api(page, app, 'bankAccount.create', { name: 'Riverside pooled client account', kind: 'pooled' });
  const a = await client(page, app, funderId, 'Margaret Okafor', { bankAccountId: pooled.id });
  const b = await client(page, app, funderId, 'Dev Patel', { bankAccountId: pooled.id });
  const statement = ['Date,Description,Amount,Balance', '20/03/2026,FAMILY CONTRIBUTIONS MARCH,250.00,250.00', ''].join('\n');
  await api(page, app, 'bank.import', { bankAccountId: pooled.id, fileName: 'pooled.csv', base64: b64(statement), preset: 'generic' });

  await goToHash(page, `#/banking/${pooled.id}/match`, `Match: ${pooled.name}`);
  await expect(page.getByText('No ledger entry of this direction within 14 days.')).toBeVisible();
  await page.getByRole('listbox', { name: 'Unmatched bank lines' }).focus();
  await page.keyboard.press('S');
  const split = page.getByRole('dialog', { name: 'Split the line' });
  await split.getByRole('button', { name: 'Add a part for a client' }).click();
  await expect(split.getByLabel('Amount for part 1')).toHaveValue('250.00');
  await split.getByLabel('Client for part 1').selectOption({ label: 'Margaret Okafor' });
  await split.getByLabel('Amount for part 1').fill('100');
  await expect(split.getByText('Remaining to allocate: £150.00')).toBeVisible();
  // Parts that do not come to the line cannot be confirmed, and nothing has been written yet.
  await expect(split.getByRole('button', { name: /^Match/ })).toBeDisabled();
  expect((await api(page, app, 'client.get', { id: a.clientId })).balance).toBe(0);
  await split.getByRole('button', { name: 'Add a part for a client' }).click();
  await expect(split.getByLabel('Amount for part 2')).toHaveValue('150.00');
  await split.getByLabel('Client for part 2').selectOption({ label: 'Dev Patel' });
  await expect(split.getByText('Remaining to allocate: £0.00')).toBeVisible();
  await split.getByRole('button', { name: 'Match 2 parts' }).click();
  await expect(split).toBeHidden();
  await expect(page.getByText('Split the 2026-03-20 line of £250.00 across 2 entries.')).toBeVisible();
  expect((await api(page, app, 'client.get', { id: a.clientId })).balance).toBe(10_000);
  expect((await api(page, app, 'client.get', { id: b.clientId })).balance).toBe(15_000);
  const line = (await api(page, app, 'bank.lines', { bankAccountId: pooled.id, status: 'matched', offset: 0, limit: 10 })).rows[0]!;
  expect([...line.clientIds].sort()).toEqual([a.clientId, b.clientId].sort());
});
