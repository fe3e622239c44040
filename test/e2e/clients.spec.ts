import type { Page } from '@playwright/test';
import { test, expect, shot, createLedger, PASSPHRASE, FIXED_NOW, type App } from './fixtures';
import { fold, seededLedgerCopy, type SeededClient } from './seed';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * Call the api from inside the page, as the renderer does: POST /api/invoke with the session token
 * the server put in the first URL (the page takes it out of the address bar, so read it from app.url).
 */
async function api<T>(page: Page, app: App, method: string, input: unknown): Promise<T> {
  const token = new URLSearchParams(new URL(app.url).hash.slice(1)).get('token') ?? '';
  const env = await page.evaluate(
    async ({ method, input, token }) => {
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ method, input }),
      });
      return (await res.json()) as Envelope;
    },
    { method, input, token },
  );
  if (!env.ok) throw new Error(`${method}: ${env.error.code} ${env.error.message}`);
  return env.value as T;
}

async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Change the route without reloading (a reload would drop the session token). */
async function goHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
}

const clientIdFromUrl = (url: string): number => Number(/#\/clients\/(\d+)$/.exec(url)?.[1]);

test('funders: add a funder with its own rules, see it listed, edit one rule', async ({ page, app }) => {
  await createLedger(page, app);
  await nav(page, 'Funders');
  await expect(page.getByRole('heading', { name: 'No funders yet' })).toBeVisible();
  await shot(page, '40-funders-empty');

  await page.getByRole('button', { name: 'Add funder' }).click();
  const form = page.getByRole('form', { name: 'Add a funder' });
  // Defaults come from DEFAULT_FUNDER_RULES.
  await expect(form.getByLabel('Pays', { exact: true })).toHaveValue('four-weekly');
  await expect(form.getByLabel('Surplus threshold (weeks of funding)')).toHaveValue('8');
  await expect(form.getByLabel('Paid in advance')).toBeChecked();
  await expect(form.getByLabel('Deduct the redundancy reserve')).not.toBeChecked();

  await form.getByLabel('Name', { exact: true }).fill('St Helens Council');
  await form.getByLabel('Kind').selectOption('council');
  await form.getByLabel('Pays', { exact: true }).selectOption('monthly');
  await form.getByLabel('Paid in advance').uncheck();
  await form.getByLabel('Paid net of the client’s contribution').uncheck();
  await form.getByLabel('Surplus threshold (weeks of funding)').fill('6');
  await form.getByLabel('Contingency (weeks of funding)').fill('1');
  await form.getByLabel('Deduct accrued holiday pay').uncheck();
  await form.getByLabel('Deduct the redundancy reserve').check();
  await form.getByLabel('Refund overpaid contribution first').uncheck();
  await form.getByLabel('Keep records for (years)').fill('10');
  await shot(page, '41-funder-form');
  await form.getByRole('button', { name: 'Add funder' }).click();

  await expect(page.getByText('Added St Helens Council.')).toBeVisible();
  const row = page.getByRole('row', { name: /St Helens Council/ });
  await expect(row).toContainText('Monthly, in arrears');
  await expect(row).toContainText('gross');
  await expect(row).toContainText('6 weeks');
  await expect(row).toContainText('1 week');
  await expect(row).toContainText('unpaid bills, redundancy reserve');
  await expect(row).toContainText('10 years');
  const [saved] = await api<Array<{ rules: Record<string, unknown> }>>(page, app, 'funder.list', {});
  expect(saved?.rules).toEqual({
    cadence: 'monthly',
    inAdvance: false,
    paidNetOfContribution: false,
    surplusThresholdWeeks: 6,
    contingencyWeeks: 1,
    deductUnpaidLiabilities: true,
    deductAccruedHolidayPay: false,
    deductRedundancyReserve: true,
    refundContributionFirst: false,
    retentionYears: 10,
    dbsMaxAgeYears: 3,
    firstReviewWeeks: 26,
  });

  // The same name again is refused by the server, with its code and the message by the name.
  await page.getByRole('button', { name: 'Add funder' }).click();
  const again = page.getByRole('form', { name: 'Add a funder' });
  await again.getByLabel('Name', { exact: true }).fill('st helens council');
  await again.getByRole('button', { name: 'Add funder' }).click();
  await expect(again.getByRole('alert').filter({ hasText: 'CONFLICT' })).toContainText('already exists');
  await expect(again.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await again.getByRole('button', { name: 'Cancel' }).click();

  // Edit one rule; a value out of range is caught first.
  await page.getByRole('button', { name: 'Edit St Helens Council' }).click();
  const edit = page.getByRole('form', { name: 'Edit St Helens Council' });
  await expect(edit.getByLabel('Surplus threshold (weeks of funding)')).toHaveValue('6');
  await edit.getByLabel('Surplus threshold (weeks of funding)').fill('60');
  await edit.getByRole('button', { name: 'Save funder' }).click();
  await expect(edit.getByText('At most 52 weeks')).toBeVisible();
  await edit.getByLabel('Surplus threshold (weeks of funding)').fill('4');
  await edit.getByRole('button', { name: 'Save funder' }).click();
  await expect(page.getByText('Saved St Helens Council.')).toBeVisible();
  await expect(row).toContainText('4 weeks');
  await expect(row).toContainText('Monthly, in arrears');

  await api(page, app, 'funder.create', { name: 'NHS Cheshire and Merseyside ICB', kind: 'nhs' });
  await nav(page, 'Dashboard');
  await nav(page, 'Funders');
  await expect(page.getByRole('row', { name: /NHS Cheshire and Merseyside ICB/ })).toContainText('4-weekly, in advance');
  await shot(page, '42-funders-list');
});

test('clients: add a client (a wrong NHS number is refused first), land on their page, edit the preferred name', async ({ page, app }) => {
  await createLedger(page, app);
  await nav(page, 'Clients');
  await expect(page.getByRole('heading', { name: 'No clients yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Add client' }).first().click();
  // With no funder the form says so and points to Funders.
  await expect(page.getByRole('heading', { name: 'Add a funder first' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Funders' }).last()).toHaveAttribute('href', '#/funders');

  await api(page, app, 'funder.create', { name: 'Sefton Council' });
  await nav(page, 'Clients');
  await page.getByRole('button', { name: 'Add client' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a client' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add a client' });
  await form.getByLabel('Full name (required)').fill('Chloë Brown');
  await form.getByLabel('Preferred name').fill('Clo');
  await form.getByLabel('Date of birth').fill('31/02/1980');
  await form.getByLabel('Address').fill('12 Marsh Lane\nBootle\nL20 4AB');
  await form.getByLabel('Council reference').fill('SC402211');
  await form.getByLabel('NHS number').fill('943 476 5918');
  // The only funder is ticked already.
  await expect(form.getByLabel('Sefton Council')).toBeChecked();
  await form.getByLabel('Start date (required)').fill('01/04/2026');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await form.getByLabel('Contact 1 name').fill('Mary Brown');
  await form.getByLabel('Relationship').fill('Sister');
  await form.getByLabel('Phone').fill('0151 496 0000');
  await form.getByLabel('Email').fill('mary@example.org');
  await expect(form.getByLabel('Open a new dedicated account')).toBeChecked();
  await form.getByRole('button', { name: 'Add client' }).click();

  const nhs = form.getByLabel('NHS number');
  await expect(form.getByText(/This is not a valid NHS number/)).toBeVisible();
  await expect(form.getByText('Write the date as day/month/year, for example 17/05/1980.')).toBeVisible();
  await expect(nhs).toHaveAttribute('aria-invalid', 'true');
  await shot(page, '44-client-form-nhs-error');
  await form.getByLabel('Date of birth').fill('17/05/1980');
  expect(await api<unknown[]>(page, app, 'client.list', {})).toHaveLength(0);
  expect(page.url()).toMatch(/#\/clients\/new$/);

  // A pooled account made on the spot becomes the choice.
  await form.getByRole('button', { name: 'New pooled account' }).click();
  const pool = form.getByRole('group', { name: 'New pooled account' });
  await pool.getByLabel('Account name').fill('Client money account 1');
  await pool.getByLabel('Sort code').fill('40-11-62');
  await pool.getByLabel('Account number').fill('71234568');
  await pool.getByLabel('Account number').press('Enter');
  await expect(form.getByLabel(/Client money account 1/)).toBeChecked();

  await nhs.fill('943 476 5919');
  await expect(form.getByText(/This is not a valid NHS number/)).toBeHidden();
  await shot(page, '43-client-form');
  await form.getByRole('button', { name: 'Add client' }).click();
  await expect(page).toHaveURL(/#\/clients\/\d+$/);
  const id = clientIdFromUrl(page.url());
  const detail = await api<{ client: { name: string; nhsNumber: string; preferredName: string; contacts: unknown[]; bankAccountId: number }; bankAccount: { name: string; kind: string } }>(
    page,
    app,
    'client.get',
    { id },
  );
  expect(detail.client).toMatchObject({ name: 'Chloë Brown', nhsNumber: '9434765919', preferredName: 'Clo', dateOfBirth: '1980-05-17', startDate: '2026-04-01' });
  expect(detail.client.contacts).toEqual([{ name: 'Mary Brown', relationship: 'Sister', phone: '0151 496 0000', email: 'mary@example.org' }]);
  expect(detail.bankAccount).toMatchObject({ name: 'Client money account 1', kind: 'pooled' });

  // Edit: the form opens with what was saved; change the preferred name.
  await goHash(page, `#/clients/${id}/edit`);
  const edit = page.getByRole('form', { name: 'Edit Chloë Brown' });
  await expect(edit.getByLabel('NHS number')).toHaveValue('943 476 5919');
  await expect(edit.getByLabel('Preferred name')).toHaveValue('Clo');
  await expect(edit.getByLabel('Date of birth')).toHaveValue('17/05/1980');
  await edit.getByLabel('Preferred name').fill('Chloe');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`#/clients/${id}$`));
  expect((await api<{ client: { preferredName: string } }>(page, app, 'client.get', { id })).client.preferredName).toBe('Chloe');

  await nav(page, 'Clients');
  await expect(page.getByText('Showing 1 of 1 clients')).toBeVisible();
  const row = page.getByRole('row', { name: /Chloë Brown/ });
  await expect(row).toContainText('Prefers “Chloe”');
  await expect(row).toContainText('SC402211');
  await expect(row).toContainText('Sefton Council');
  await expect(row).toContainText('£0.00');
  await shot(page, '45-clients-one');
});

test('clients: a user trust needs two trustees with different names; server errors show by their field', async ({ page, app }) => {
  await createLedger(page, app);
  await api(page, app, 'funder.create', { name: 'Haringey Council' });
  await nav(page, 'Clients');
  await page.getByRole('button', { name: 'Add client' }).first().click();
  const form = page.getByRole('form', { name: 'Add a client' });
  await form.getByLabel('Full name (required)').fill('Jack Davies');
  await form.getByLabel('Start date (required)').fill('01/04/2026');
  await form.getByLabel('Arrangement').selectOption('user-trust');
  const trustees = form.getByRole('group', { name: 'Trustees' });
  await expect(trustees.getByLabel(/Trustee \d name/)).toHaveCount(2);
  await trustees.getByLabel('Trustee 1 name').fill('Anne Davies');
  await form.getByRole('button', { name: 'Add client' }).click();
  const message = 'An Independent User Trust needs at least two trustees with different names';
  await expect(trustees.getByText(message)).toBeVisible();
  await shot(page, '46-client-trustees-error');

  await trustees.getByLabel('Trustee 2 name').fill('anne davies');
  await form.getByRole('button', { name: 'Add client' }).click();
  await expect(trustees.getByText(message)).toBeVisible();
  expect(await api<unknown[]>(page, app, 'client.list', {})).toHaveLength(0);

  await trustees.getByLabel('Trustee 2 name').fill('Rob Green');
  await trustees.getByLabel('Family member').first().check();
  await expect(trustees.getByText(message)).toBeHidden();

  // A rule only the server knows: under-16s cannot hold their own budget. Its code and message show,
  // and the message sits by the field it names.
  await form.getByLabel('Date of birth').fill('01/02/2015');
  await form.getByRole('button', { name: 'Add client' }).click();
  const alert = form.getByRole('alert').filter({ hasText: 'VALIDATION' });
  await expect(alert).toContainText('People under 16 cannot hold their own budget');
  await expect(form.getByRole('group', { name: 'Who the budget is for' })).toContainText('People under 16');

  await form.getByLabel('A disabled child (parent or guardian holds the account)').check();
  await form.getByRole('button', { name: 'Add client' }).click();
  await expect(form.getByText('name the parent or guardian who holds the account.')).toBeVisible();
  await form.getByLabel('Account holder (required)').fill('Sarah Davies');
  await form.getByRole('button', { name: 'Add client' }).click();
  await expect(page).toHaveURL(/#\/clients\/\d+$/);
  const got = await api<{ client: { trustees: unknown[]; budgetFor: string; accountHolder: string } }>(page, app, 'client.get', { id: clientIdFromUrl(page.url()) });
  expect(got.client.trustees).toEqual([
    { name: 'Anne Davies', family: true },
    { name: 'Rob Green', family: false },
  ]);
  expect(got.client).toMatchObject({ budgetFor: 'child', accountHolder: 'Sarah Davies' });
});

/** The order client.list gives: name with ASCII letters case-folded (SQLite NOCASE), then id. */
function serverOrder(a: SeededClient, b: SeededClient): number {
  const x = a.name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const y = b.name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return x < y ? -1 : x > y ? 1 : a.id - b.id;
}

const n = (x: number) => x.toLocaleString('en-GB');

/** What the search box should find: every word typed, accents and case aside, in the name, preferred name or reference. */
const matches = (c: SeededClient, q: string) => {
  const key = fold(`${c.name} ${c.preferredName} ${c.councilReference}`);
  return fold(q).split(/\s+/).filter(Boolean).every((w) => key.includes(w));
};

test('clients: search as you type and filter across 5,000 clients; the table stays virtualised', async ({ page, app }) => {
  test.setTimeout(240_000); // the first run seeds 5,000 clients (about a minute); later runs reuse the seeded file
  const seeded = seededLedgerCopy(app.ledgerPath, PASSPHRASE, { clients: 5000, now: FIXED_NOW });
  const all = [...seeded.clients].sort(serverOrder);
  expect(all).toHaveLength(5000);

  await page.goto(app.url);
  await page.getByRole('tab', { name: 'Open a ledger' }).click();
  await page.getByLabel('Ledger file').fill(app.ledgerPath);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

  await nav(page, 'Clients');
  const count = page.getByText(/^Showing [\d,]+ of [\d,]+ clients$/);
  await expect(count).toHaveText('Showing 5,000 of 5,000 clients');
  const bodyRows = page.locator('table.client-table tbody tr');
  await expect(bodyRows.first()).toContainText(all[0]!.name);
  expect(await bodyRows.count()).toBeLessThan(60);
  await shot(page, '47-clients-5000');

  // Case- and accent-insensitive: "chloe" finds Chloë.
  const search = page.getByLabel('Search clients');
  const chloes = all.filter((c) => matches(c, 'chloe'));
  expect(chloes.length).toBeGreaterThan(100);
  await search.pressSequentially('chloe');
  await expect(count).toHaveText(`Showing ${n(chloes.length)} of 5,000 clients`);
  for (let i = 0; i < 3; i++) await expect(bodyRows.nth(i).locator('td').first()).toContainText(chloes[i]!.name);
  expect(await bodyRows.count()).toBeLessThan(60);
  await shot(page, '48-clients-search');
  await search.fill('CHLOË');
  await expect(count).toHaveText(`Showing ${n(chloes.length)} of 5,000 clients`);

  // Two words narrow it; a council reference finds its client.
  const target = all[2345]!;
  const byName = all.filter((c) => matches(c, target.name));
  expect(byName.length).toBeLessThan(100);
  await search.fill(target.name);
  await expect(count).toHaveText(`Showing ${n(byName.length)} of 5,000 clients`);
  const byRef = all.filter((c) => matches(c, target.councilReference));
  await search.fill(target.councilReference.toLowerCase());
  await expect(count).toHaveText(`Showing ${n(byRef.length)} of 5,000 clients`);
  await expect(bodyRows.first()).toContainText(target.councilReference);

  await search.fill('zzzz nobody');
  await expect(count).toHaveText('Showing 0 of 5,000 clients');
  await expect(page.getByRole('heading', { name: 'No clients match' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and filters' }).first().click();
  await expect(count).toHaveText('Showing 5,000 of 5,000 clients');

  // Each filter on its own.
  const funder = seeded.funders[1]!;
  await page.getByLabel('Funder', { exact: true }).selectOption({ label: funder });
  await expect(count).toHaveText(`Showing ${n(all.filter((c) => c.funderName === funder).length)} of 5,000 clients`);
  await page.getByLabel('Funder', { exact: true }).selectOption({ label: 'All funders' });

  await page.getByLabel('Arrangement').selectOption({ label: 'Independent User Trust' });
  const trusts = all.filter((c) => c.arrangement === 'user-trust');
  await expect(count).toHaveText(`Showing ${n(trusts.length)} of 5,000 clients`);
  await expect(bodyRows.first()).toContainText('Independent User Trust');
  await page.getByLabel('Arrangement').selectOption({ label: 'All arrangements' });

  const alerts = page.getByLabel('Alerts', { exact: true });
  const missing = all.filter((c) => c.alert === 'receipt-missing');
  const short = all.filter((c) => c.alert === 'receipt-short');
  await alerts.selectOption({ label: 'Missing receipt' });
  await expect(count).toHaveText(`Showing ${n(missing.length)} of 5,000 clients`);
  await expect(bodyRows.first()).toContainText(missing[0]!.name);
  await expect(bodyRows.first()).toContainText('Missing receipt');
  await alerts.selectOption({ label: 'Short receipt' });
  await expect(count).toHaveText(`Showing ${n(short.length)} of 5,000 clients`);
  await alerts.selectOption({ label: 'Any alert' });
  await expect(count).toHaveText(`Showing ${n(missing.length + short.length)} of 5,000 clients`);
  await alerts.selectOption({ label: 'No alerts' });
  await expect(count).toHaveText(`Showing ${n(5000 - missing.length - short.length)} of 5,000 clients`);

  // Filters and search combine.
  await alerts.selectOption({ label: 'Missing receipt' });
  await search.fill('chloe');
  const both = missing.filter((c) => chloes.includes(c));
  await expect(count).toHaveText(`Showing ${n(both.length)} of 5,000 clients`);
  await shot(page, '49-clients-filtered');
  await page.getByRole('button', { name: 'Clear search and filters' }).first().click();
  await expect(count).toHaveText('Showing 5,000 of 5,000 clients');

  // Keyboard: one Tab stop for the table, arrows move, End reaches the last of 5,000, Enter opens.
  const firstRow = bodyRows.first();
  await firstRow.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('tr[data-index="1"]')).toBeFocused();
  await page.keyboard.press('End');
  const last = page.locator('tr[data-index="4999"]');
  await expect(last).toBeFocused();
  await expect(last).toContainText(all[4999]!.name);
  expect(await bodyRows.count()).toBeLessThan(60);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/clients/${all[4999]!.id}$`));
});

test('dashboard: alerts grouped by kind, with their figures and how they were worked out', async ({ page, app }) => {
  await createLedger(page, app);
  const funder = await api<{ id: number }>(page, app, 'funder.create', { name: 'Haringey Council' });
  const amira = await api<{ id: number }>(page, app, 'client.create', { name: 'Amira Ahmed', funderIds: [funder.id], startDate: '2026-01-05', councilReference: 'HC1001' });
  const owen = await api<{ id: number }>(page, app, 'client.create', { name: 'Owen Evans', funderIds: [funder.id], startDate: '2026-01-05' });
  await nav(page, 'Clients');
  await nav(page, 'Dashboard');
  await expect(page.getByRole('heading', { name: 'No alerts' })).toBeVisible();
  await expect(page.getByText(/Nothing needs attention as at 6 April 2026/)).toBeVisible();

  // Amira: funding due every 4 weeks from 1 March, nothing received. Owen: the first payment £200 short.
  for (const c of [amira, owen]) {
    await api(page, app, 'schedule.create', { clientId: c.id, source: 'council', amount: 120000, cadence: 'four-weekly', firstDate: '2026-03-01' });
  }
  await api(page, app, 'receipt.add', { clientId: owen.id, date: '2026-03-01', amount: 100000, source: 'council' });
  await api(page, app, 'receipt.add', { clientId: owen.id, date: '2026-03-29', amount: 120000, source: 'council' });
  await nav(page, 'Clients');
  await nav(page, 'Dashboard');

  const panel = page.getByRole('region', { name: 'Alerts', exact: true });
  await expect(panel).toContainText('3 alerts as at 6 April 2026');
  const missing = panel.getByRole('region', { name: /Missing receipt/ });
  await expect(missing.getByRole('heading')).toHaveText('Missing receipt 2');
  const first = missing.getByRole('listitem').first();
  await expect(first.getByRole('link', { name: 'Amira Ahmed' })).toHaveAttribute('href', `#/clients/${amira.id}`);
  await expect(first).toContainText(/No funding receipt for 2026-03-(01|29) \(£1,200\.00 expected\)\./);
  await expect(missing).toContainText('No funding receipt for 2026-03-01 (£1,200.00 expected).');
  await expect(missing).toContainText('No funding receipt for 2026-03-29 (£1,200.00 expected).');
  await expect(first.getByRole('definition').filter({ hasText: '£1,200.00' })).toBeVisible();
  await expect(first.getByText('Expected', { exact: true })).toBeVisible();
  const rule = first.getByText('A receipt is missing when none arrives within 3 days of its due date.');
  await expect(rule).toBeHidden();
  await first.getByText('How this was worked out').click();
  await expect(rule).toBeVisible();

  const short = panel.getByRole('region', { name: /Short receipt/ });
  await expect(short.getByRole('heading')).toHaveText('Short receipt 1');
  await expect(short).toContainText('Owen Evans');
  await expect(short).toContainText('The funding due 2026-03-01 was £200.00 short.');
  await expect(short.locator('.figure').filter({ hasText: 'Short by' })).toContainText('£200.00');
  await expect(short.locator('.figure').filter({ hasText: 'Received' })).toContainText('£1,000.00');
  await shot(page, '50-dashboard-alerts');

  // The clients list shows the same alerts as badges; the name link opens the client.
  await nav(page, 'Clients');
  await expect(page.getByRole('row', { name: /Amira Ahmed/ })).toContainText('Missing receipt');
  await expect(page.getByRole('row', { name: /Owen Evans/ })).toContainText('Short receipt');
  await expect(page.getByRole('row', { name: /Owen Evans/ })).toContainText('£2,200.00');
  await shot(page, '51-clients-alerts');
  await page.getByRole('row', { name: /Amira Ahmed/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/clients/${amira.id}$`));
});
