/**
 * The client page (#/clients/ID): receipts, payments with authorisation and the funds check,
 * trustees' approval, reversals, evidence files, receipt schedules. Each test creates its ledger
 * through the real create screen, sets up the funder and client through the api (as the page's own
 * client does: POST /api/invoke with the browser-mode token), then drives the real client page.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { InputOf, Method, OutputOf } from '../../shared/contract';
import { test, expect, shot, createLedger, type App } from './fixtures';

/**
 * A dialog sits in the browser's top layer, fixed to the viewport: a full-page screenshot shows it
 * over the first screenful only, so dialogs are photographed as the viewport (same folder as shot).
 */
async function dialogShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.resolve('.test-output/screens', `${name}.png`) });
}

/** The browser-mode session token the server printed in the URL fragment (#token=…). */
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

interface Setup {
  clientId: number;
  funderId: number;
}

async function setUp(page: Page, app: App, client: Partial<InputOf<'client.create'>> = {}): Promise<Setup> {
  await createLedger(page, app);
  const funder = await api(page, app, 'funder.create', { name: 'Riverside Council', kind: 'council' });
  const c = await api(page, app, 'client.create', {
    name: 'Margaret Okafor',
    preferredName: 'Maggie',
    councilReference: 'RC-10442',
    funderIds: [funder.id],
    startDate: '2026-01-05',
    ...client,
  });
  return { clientId: c.id, funderId: funder.id };
}

async function openClientPage(page: Page, clientId: number, heading = /Margaret Okafor/): Promise<void> {
  // Same-page navigation: a reload would lose the session token, which the page keeps only in memory.
  await page.evaluate(`window.location.hash = ${JSON.stringify(`#/clients/${clientId}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

const figures = (page: Page) => page.getByRole('list', { name: 'Key figures' });
const balanceFigure = (page: Page) => figures(page).getByRole('listitem').filter({ has: page.getByText('Balance', { exact: true }) });
const txTable = (page: Page) => page.getByRole('region', { name: 'Transactions' }).getByRole('table');
const txRow = (page: Page, entryId: number) => txTable(page).getByRole('row').filter({ has: page.getByRole('button', { name: `Show entry #${entryId}`, exact: true }) });

async function receipt(page: Page, app: App, clientId: number, amount: number, date = '2026-04-01'): Promise<number> {
  const r = await api(page, app, 'receipt.add', { clientId, date, amount, source: 'council' });
  return r.entry.id;
}

test('record a council receipt typed as "£1,234.56": balance, running balance and the schedule match', async ({ page, app }) => {
  const { clientId, funderId } = await setUp(page, app);
  await api(page, app, 'schedule.create', { clientId, source: 'council', funderId, amount: 123_456, cadence: 'four-weekly', firstDate: '2026-03-30' });
  await openClientPage(page, clientId);
  await expect(page.getByText('No money in or out yet.')).toBeVisible();
  await expect(balanceFigure(page)).toContainText('£0.00');
  await shot(page, 'client-01-new-client');

  await page.getByRole('button', { name: 'Record receipt…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a receipt' });
  await expect(dialog.getByLabel('Date received')).toHaveValue('2026-04-06');
  await expect(dialog.getByLabel('Date received')).toBeFocused();
  // A wrong amount is refused by the form, next to the field.
  await dialog.getByLabel('Amount').fill('12.345');
  await dialog.getByRole('button', { name: 'Record receipt' }).click();
  await expect(dialog.getByText(/is not an amount of money/)).toBeVisible();
  await dialog.getByLabel('Amount').fill('£1,234.56');
  await dialog.getByLabel('Reference').fill('RC REMIT 0331');
  await expect(dialog.getByLabel('Source')).toHaveValue('council');
  await dialogShot(page, 'client-02-receipt-form');
  await dialog.getByRole('button', { name: 'Record receipt' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('status').filter({ hasText: 'Receipt of £1,234.56 recorded as entry #1.' })).toBeVisible();
  await expect(page.getByText('Matched to the funding due 2026-03-30 (£1,234.56 expected).')).toBeVisible();
  // Received 7 days after it was due: the late flag is shown as a warning.
  await expect(page.getByRole('alert').filter({ hasText: 'Check this receipt' })).toContainText('Late receipt: Due on 2026-03-30: received 2026-04-06, late.');
  await expect(balanceFigure(page)).toContainText('£1,234.56');
  const row = txRow(page, 1);
  await expect(row).toContainText('Receipt from Riverside Council');
  await expect(row).toContainText('Ref RC REMIT 0331');
  await expect(row.getByRole('cell').nth(4)).toHaveText('£1,234.56');
  await expect(row.getByRole('cell').nth(6)).toHaveText('£1,234.56');
  await expect(page.getByText('1–1 of 1')).toBeVisible();
  // The expected receipt shows as received (late), against entry #1.
  const expected = page.getByRole('table', { name: /Expected receipts/ });
  await expect(expected.getByRole('row').filter({ hasText: '2026-03-30' })).toContainText('Late');
  await shot(page, 'client-03-receipt-recorded');
});

test('record a payment to a new payee with its authorisation', async ({ page, app }) => {
  const { clientId } = await setUp(page, app);
  await receipt(page, app, clientId, 200_000);
  await openClientPage(page, clientId);
  await expect(balanceFigure(page)).toContainText('£2,000.00');

  await page.getByRole('button', { name: 'Record payment…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a payment' });
  // Nothing filled: the form says what is missing, by each field.
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog.getByText('Enter the amount, for example 1,234.56')).toBeVisible();
  await expect(dialog.getByText('Record who authorised the payment')).toBeVisible();

  await dialog.getByLabel('Amount').fill('450');
  await dialog.getByLabel('Payee').fill('Bright Days Care Agency');
  await dialog.getByLabel('Category').selectOption({ label: 'Agency care' });
  await dialog.getByLabel('Reference').fill('INV-2231');
  await dialog.getByLabel('Authorised by').fill('Jo Okafor');
  await dialog.getByLabel('How').selectOption({ label: 'By email' });
  await dialog.getByLabel('Date authorised').fill('2026-04-03');
  await dialog.getByLabel('Authorisation note').fill('Email from Jo, 3 April');
  await dialogShot(page, 'client-04-payment-form');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toBeHidden();

  const notice = page.getByRole('status').filter({ hasText: 'Payment of £450.00 to Bright Days Care Agency recorded as entry #2.' });
  await expect(notice).toContainText('Balance now £1,550.00.');
  await expect(notice).toContainText('Bright Days Care Agency was added to the payees.');
  await expect(balanceFigure(page)).toContainText('£1,550.00');
  const row = txRow(page, 2);
  await expect(row).toContainText('Payment to Bright Days Care Agency');
  await expect(row).toContainText('Agency care');
  await expect(row.getByRole('cell').nth(5)).toHaveText('£450.00');
  await expect(row.getByRole('cell').nth(6)).toHaveText('£1,550.00');
  await expect(page.getByRole('region', { name: 'Payees' })).toContainText('Bright Days Care Agency');

  // The entry keeps who authorised it, how and when.
  await page.getByRole('button', { name: 'Show entry #2', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Entry #2' });
  await expect(details).toContainText('Jo Okafor, by email, 2026-04-03: Email from Jo, 3 April');
  await dialogShot(page, 'client-05-payment-details');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await shot(page, 'client-06-payment-recorded');

  // Next time the payee is in the list, and choosing it fills in its usual category.
  await page.getByRole('button', { name: 'Record payment…' }).click();
  await dialog.getByLabel('Payee', { exact: true }).selectOption({ label: 'Bright Days Care Agency' });
  await expect(dialog.getByLabel('Category')).toHaveValue('agency');
  await expect(dialog.getByLabel('New payee name')).toHaveCount(0);
  await dialog.getByLabel('Payee', { exact: true }).selectOption({ label: 'A new payee (type the name)' });
  await expect(dialog.getByLabel('New payee name')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect((await api(page, app, 'transactions.page', { clientId })).total).toBe(2);
});

test('a payment larger than the balance is refused, nothing is recorded; then paid with an authorised override', async ({ page, app }) => {
  const { clientId } = await setUp(page, app);
  await receipt(page, app, clientId, 10_000);
  await openClientPage(page, clientId);
  await expect(page.getByText('1–1 of 1')).toBeVisible();

  await page.getByRole('button', { name: 'Record payment…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a payment' });
  await dialog.getByLabel('Amount').fill('£250.00');
  await dialog.getByLabel('Payee').fill('Sunrise Respite');
  await dialog.getByLabel('Category').selectOption('respite');
  await dialog.getByLabel('Authorised by').fill('Jo Okafor');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  const refusal = dialog.getByRole('alert').filter({ hasText: 'INSUFFICIENT_FUNDS' });
  await expect(refusal).toContainText('Margaret Okafor has £100.00 available on 2026-04-06; this payment is £250.00. Nothing was paid.');
  // The message also sits by the amount, which takes focus.
  await expect(dialog.getByLabel('Amount')).toBeFocused();
  await dialogShot(page, 'client-07-insufficient-funds');
  expect((await api(page, app, 'transactions.page', { clientId })).total).toBe(1);

  await refusal.getByRole('button', { name: 'Pay anyway with an authorised override' }).click();
  await expect(dialog.getByLabel('Override authorised by')).toBeFocused();
  await dialog.getByRole('button', { name: 'Pay with the override' }).click();
  await expect(dialog.getByText('Record who authorised the override')).toBeVisible();
  await dialog.getByLabel('Override authorised by').fill('Priya Shah, service manager');
  await dialog.getByLabel('Reason').fill('Ok');
  await dialog.getByRole('button', { name: 'Pay with the override' }).click();
  await expect(dialog.getByText('Give the reason for the override (at least 5 characters)')).toBeVisible();
  await dialog.getByLabel('Reason').fill('Respite booked; council payment confirmed for 10 April');
  await dialogShot(page, 'client-08-override-form');
  await dialog.getByRole('button', { name: 'Pay with the override' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('status').filter({ hasText: 'entry #2' })).toContainText(
    'Paid with an override authorised by Priya Shah, service manager: Respite booked; council payment confirmed for 10 April',
  );
  await expect(balanceFigure(page)).toContainText('-£150.00');
  await expect(page.getByText('1–2 of 2')).toBeVisible();
  await page.getByRole('button', { name: 'Show entry #2', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Entry #2' })).toContainText(
    'Authorised by Priya Shah, service manager: Respite booked; council payment confirmed for 10 April',
  );
  await dialogShot(page, 'client-09-override-entry');
});

test('a trust payment needs two different trustees: one is refused, two are recorded', async ({ page, app }) => {
  const { clientId } = await setUp(page, app, {
    name: 'Daniel Reyes',
    preferredName: '',
    arrangement: 'user-trust',
    trustees: [
      { name: 'Ana Reyes', family: true },
      { name: 'Tom Whitfield', family: false },
      { name: 'Grace Mensah', family: false },
    ],
  });
  await receipt(page, app, clientId, 150_000);
  await openClientPage(page, clientId, /Daniel Reyes/);
  await expect(page.getByText('Ana Reyes, Tom Whitfield, Grace Mensah')).toBeVisible();

  await page.getByRole('button', { name: 'Record payment…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a payment' });
  await expect(dialog).toContainText('two different trustees must approve every payment');
  await dialog.getByLabel('Amount').fill('320.00');
  await dialog.getByLabel('Payee').fill('Kim Lowe (PA)');
  await dialog.getByLabel('Category').selectOption('pa-wages');
  await dialog.getByLabel('First trustee', { exact: true }).selectOption('Ana Reyes');
  await dialog.getByLabel('How the first trustee approved').selectOption('in-person');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  const refusal = dialog.getByRole('alert').filter({ hasText: 'AUTHORISATION_REQUIRED' });
  await expect(refusal).toContainText("Payments from Daniel Reyes's trust need two different trustees to approve.");
  await expect(dialog.getByLabel('Second trustee', { exact: true })).toBeFocused();
  await dialogShot(page, 'client-10-trust-one-trustee');
  expect((await api(page, app, 'transactions.page', { clientId })).total).toBe(1);

  // The same trustee twice is still one approval.
  await dialog.getByLabel('Second trustee', { exact: true }).selectOption('Ana Reyes');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'AUTHORISATION_REQUIRED' })).toBeVisible();

  await dialog.getByLabel('Second trustee', { exact: true }).selectOption('Tom Whitfield');
  await dialog.getByLabel('How the second trustee approved').selectOption('email');
  await dialog.getByLabel('Second approval date').fill('2026-04-05');
  await expect(dialog.getByRole('alert')).toBeHidden();
  await dialogShot(page, 'client-11-trust-two-trustees');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Payment of £320.00 to Kim Lowe (PA) recorded as entry #2.' })).toBeVisible();
  await expect(balanceFigure(page)).toContainText('£1,180.00');
  await page.getByRole('button', { name: 'Show entry #2', exact: true }).click();
  const details = page.getByRole('dialog', { name: 'Entry #2' });
  await expect(details).toContainText('Ana Reyes, in person, 2026-04-06');
  await expect(details).toContainText('Tom Whitfield, by email, 2026-04-05');
});

test('reverse a payment with a reason: the balance is restored and both rows are marked', async ({ page, app }) => {
  const { clientId } = await setUp(page, app);
  await receipt(page, app, clientId, 100_000);
  const pay = await api(page, app, 'payment.add', {
    clientId,
    date: '2026-04-02',
    amount: 27_500,
    payeeName: 'Wrong Agency Ltd',
    category: 'agency',
    reference: 'INV-88',
    authorisations: [{ by: 'Jo Okafor', method: 'email' }],
  });
  await openClientPage(page, clientId);
  await expect(balanceFigure(page)).toContainText('£725.00');
  // A receipt's row offers reversal; the payment's row is the one reversed here.
  const row = txRow(page, pay.entry.id);
  await row.getByRole('button', { name: /Reverse…/ }).click();
  const dialog = page.getByRole('dialog', { name: `Reverse entry #${pay.entry.id}` });
  await expect(dialog).toContainText('Payment to Wrong Agency Ltd');
  await expect(dialog).toContainText('£275.00');
  await expect(dialog.getByLabel('Date of the reversal')).toHaveValue('2026-04-06');
  await expect(dialog.getByLabel('Reason for the reversal')).toBeFocused();
  await dialog.getByLabel('Reason for the reversal').fill('Oops');
  await dialog.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(dialog.getByText('Give the reason for the reversal (at least 5 characters)')).toBeVisible();
  await dialog.getByLabel('Reason for the reversal').fill('Paid to the wrong agency; the invoice was for Bright Days');
  await dialogShot(page, 'client-12-reverse-form');
  await dialog.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('status').filter({ hasText: `Entry #${pay.entry.id} reversed by entry #3.` })).toContainText(
    'Reason: Paid to the wrong agency; the invoice was for Bright Days',
  );
  await expect(balanceFigure(page)).toContainText('£1,000.00');
  await expect(row).toContainText('Reversed by #3');
  await expect(row.getByRole('button', { name: /Reverse…/ })).toHaveCount(0);
  const reversal = txRow(page, 3);
  await expect(reversal).toContainText('Reverses #2');
  await expect(reversal).toContainText('Reversal of entry #2');
  await expect(reversal.getByRole('cell').nth(4)).toHaveText('£275.00');
  await expect(reversal.getByRole('cell').nth(6)).toHaveText('£1,000.00');
  await expect(reversal.getByRole('button', { name: /Reverse…/ })).toHaveCount(0);
  await shot(page, 'client-13-reversed');
});

test('reversing a receipt that was already spent needs an authorised override', async ({ page, app }) => {
  const { clientId } = await setUp(page, app);
  const receiptId = await receipt(page, app, clientId, 10_000);
  await api(page, app, 'payment.add', { clientId, date: '2026-04-02', amount: 8_000, payeeName: 'Kim Lowe', category: 'pa-wages', authorisations: [{ by: 'Jo Okafor' }] });
  await openClientPage(page, clientId);
  await txRow(page, receiptId).getByRole('button', { name: /Reverse…/ }).click();
  const dialog = page.getByRole('dialog', { name: `Reverse entry #${receiptId}` });
  await dialog.getByLabel('Reason for the reversal').fill('Council paid this client in error');
  await dialog.getByRole('button', { name: 'Reverse entry' }).click();
  const refusal = dialog.getByRole('alert').filter({ hasText: 'INSUFFICIENT_FUNDS' });
  await expect(refusal).toContainText('Reversing entry 1 takes £100.00 from Margaret Okafor, who has £20.00 available');
  expect((await api(page, app, 'transactions.page', { clientId })).total).toBe(2);
  await refusal.getByRole('button', { name: 'Reverse anyway with an authorised override' }).click();
  await dialog.getByLabel('Override authorised by').fill('Priya Shah');
  await dialog.getByLabel('Reason', { exact: true }).fill('Council asked for the money back today');
  await dialog.getByRole('button', { name: 'Reverse with the override' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Entry #${receiptId} reversed by entry #3.` })).toContainText(
    'Override authorised by Priya Shah: Council asked for the money back today',
  );
  await expect(balanceFigure(page)).toContainText('-£80.00');
  await expect(txRow(page, receiptId)).toContainText('Reversed by #3');
});

test('attach a PDF to a payment and open it; a .txt file is refused before sending', async ({ page, app }) => {
  const { clientId } = await setUp(page, app);
  await receipt(page, app, clientId, 50_000);
  const pay = await api(page, app, 'payment.add', {
    clientId,
    date: '2026-04-03',
    amount: 4_999,
    payeeName: 'Mobility Aids Direct',
    category: 'equipment',
    authorisations: [{ by: 'Jo Okafor' }],
  });
  await openClientPage(page, clientId);
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('No evidence attached yet.');

  const row = txRow(page, pay.entry.id);
  await row.getByRole('button', { name: /Attach evidence…/ }).click();
  const dialog = page.getByRole('dialog', { name: `Attach evidence to entry #${pay.entry.id}` });
  await dialog.getByLabel('File').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not evidence') });
  await expect(dialog.getByText('“notes.txt” is not a PDF, PNG or JPEG file.', { exact: false })).toBeVisible();
  await dialog.getByRole('button', { name: 'Attach file' }).click();
  await expect(dialog.getByLabel('File')).toBeFocused();
  await dialogShot(page, 'client-14-attach-wrong-type');
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
  big.write('%PDF-1.4', 'latin1');
  await dialog.getByLabel('File').setInputFiles({ name: 'scan-600dpi.pdf', mimeType: 'application/pdf', buffer: big });
  await expect(dialog.getByText('“scan-600dpi.pdf” is larger than 10 MB, the limit for evidence files.', { exact: false })).toBeVisible();
  expect((await api(page, app, 'client.get', { id: clientId })).attachments).toHaveLength(0);

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  await dialog.getByLabel('File').setInputFiles({ name: 'invoice-mad-0412.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(dialog.getByText(`Ready to attach: invoice-mad-0412.pdf (${pdf.length} bytes)`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Attach file' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `“invoice-mad-0412.pdf” attached to entry #${pay.entry.id}.` })).toBeVisible();
  await expect(row).toContainText('1 evidence file');
  const evidence = page.getByRole('region', { name: 'Evidence' });
  const listed = evidence.getByRole('row').filter({ hasText: 'invoice-mad-0412.pdf' });
  await expect(listed).toContainText(`${pdf.length} bytes`);
  await expect(listed).toContainText('2026-04-06');
  await expect(listed).toContainText(`Entry #${pay.entry.id}`);
  await shot(page, 'client-15-evidence-listed');

  const popup = page.waitForEvent('popup');
  await listed.getByRole('button', { name: 'Open invoice-mad-0412.pdf' }).click();
  expect((await popup).url()).toMatch(/^blob:/);
});

test('add a council schedule: expected receipts are listed and a missing one is flagged', async ({ page, app }) => {
  const { clientId } = await setUp(page, app);
  await openClientPage(page, clientId);
  const card = page.getByRole('region', { name: 'Receipt schedule and contributions' });
  await expect(card).toContainText('No receipt schedule yet.');
  await expect(figures(page)).toContainText('Not set');

  // Escape cancels a form and gives focus back to the button that opened it.
  await card.getByRole('button', { name: 'Add schedule…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a receipt schedule' });
  await expect(dialog.getByLabel('Paid by')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(card.getByRole('button', { name: 'Add schedule…' })).toBeFocused();

  await card.getByRole('button', { name: 'Add schedule…' }).click();
  await expect(dialog.getByLabel('How often')).toHaveValue('four-weekly');
  await dialog.getByLabel('Amount each time').fill('£1,200.00');
  await dialog.getByLabel('First payment due').fill('2026-02-02');
  await dialog.getByLabel('Last payment due').fill('2026-01-01');
  await dialog.getByRole('button', { name: 'Add schedule' }).click();
  await expect(dialog.getByText('The end date is before the first date')).toBeVisible();
  await dialog.getByLabel('Last payment due').fill('');
  await dialogShot(page, 'client-16-schedule-form');
  await dialog.getByRole('button', { name: 'Add schedule' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('status').filter({ hasText: 'Schedule added: £1,200.00 every 4 weeks from 2026-02-02.' })).toContainText('Weekly equivalent £300.00.');
  const schedules = card.getByRole('table', { name: 'Schedules' });
  await expect(schedules.getByRole('row').nth(1)).toContainText(['Riverside Council', '£1,200.00', '4-weekly', '2026-02-02', 'Continues', '£300.00'].join(''));
  const expected = card.getByRole('table', { name: /Expected receipts/ });
  for (const due of ['2026-02-02', '2026-03-02', '2026-03-30']) await expect(expected.getByRole('row').filter({ hasText: due })).toContainText('Missing');
  await expect(figures(page)).toContainText('£300.00');

  const alerts = page.getByRole('region', { name: /Alerts/ });
  const missing = alerts.getByRole('listitem').filter({ hasText: 'No funding receipt for 2026-03-30 (£1,200.00 expected).' });
  await expect(missing).toContainText('Missing receipt');
  await missing.getByText('How this was worked out').click();
  await expect(missing).toContainText('A receipt is missing when none arrives within 3 days of its due date.');
  await shot(page, 'client-17-schedule-missing');
});

test('transactions page 25 at a time, newest first', async ({ page, app }) => {
  const { clientId } = await setUp(page, app);
  for (let i = 1; i <= 30; i++) await receipt(page, app, clientId, 1_000 + i, `2026-03-${String(i).padStart(2, '0')}`);
  await openClientPage(page, clientId);
  await expect(page.getByText('1–25 of 30')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Previous' })).toBeDisabled();
  await expect(txTable(page).getByRole('row').nth(1)).toContainText('2026-03-30');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('26–30 of 30')).toBeVisible();
  await expect(txTable(page).getByRole('row').nth(1)).toContainText('2026-03-05');
  await expect(txTable(page).getByRole('row').last()).toContainText('2026-03-01');
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.getByText('1–25 of 30')).toBeVisible();
});
