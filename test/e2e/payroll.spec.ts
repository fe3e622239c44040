/**
 * Payroll setup (#/payroll): a client made an employer, a PA added, edited and leaving. The ledger
 * is created through the real create screen; the funder and client through the api (as the page's
 * own client does); everything about employers and PAs through the real screens.
 */
import type { Page } from '@playwright/test';
import type { InputOf, Method, OutputOf } from '../../shared/contract';
import { test, expect, shot, createLedger, type App } from './fixtures';

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

/** Expect the field to be marked invalid, with the error tied to it by aria-describedby containing `text`. */
async function expectFieldError(page: Page, label: string, text: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const errorId = ids.split(' ').find((id) => id.endsWith('-error'));
  expect(errorId, `${label} has an error tied to it`).toBeDefined();
  await expect(page.locator(`[id="${errorId}"]`)).toContainText(text);
}

test('set a client up as an employer, add a PA, change their tax code and record their leaving date', async ({ page, app }) => {
  await createLedger(page, app);
  const funder = await api(page, app, 'funder.create', { name: 'Riverside Council', kind: 'council' });
  const client = await api(page, app, 'client.create', {
    name: 'Margaret Okafor',
    preferredName: 'Maggie',
    councilReference: 'RC-10442',
    funderIds: [funder.id],
    startDate: '2026-01-05',
  });

  await goTo(page, '#/payroll', 'Payroll');
  await expect(page.getByRole('heading', { name: 'No employers yet' })).toBeVisible();
  await shot(page, '60-payroll-empty');

  // Set up: a bad PAYE reference is refused by the server and shown by its field; nothing is saved.
  await page.getByRole('button', { name: 'Set up an employer' }).click();
  const form = page.getByRole('form', { name: 'Set up an employer' });
  await form.getByLabel('Client', { exact: true }).selectOption({ label: 'Margaret Okafor (RC-10442)' });
  await form.getByLabel('Employer PAYE reference').fill('12/AB456');
  await form.getByLabel('Accounts Office reference').fill('123PX00123456');
  await form.getByLabel('Claim Employment Allowance').check();
  await form.getByLabel('How often PAs are paid').selectOption('monthly');
  await expect(form.getByLabel('Pay day')).toHaveValue('last-working-day');
  await form.getByLabel('Pay day').selectOption({ label: 'Day 25' });
  await form.getByLabel('Pension scheme').fill('NEST');
  await form.getByLabel('Pension provider').fill('National Employment Savings Trust');
  await form.getByLabel('Tax relief basis').selectOption('relief-at-source');
  await form.getByLabel('Insurer').fill('Fish Insurance');
  await form.getByLabel('Renewal date').fill('2027-01-31');
  await form.getByRole('button', { name: 'Set up employer' }).click();
  await expectFieldError(page, 'Employer PAYE reference', 'A PAYE reference is 3 digits');
  await expect(form.getByLabel('Employer PAYE reference')).toBeFocused();
  await expect(form.getByRole('alert')).toContainText('VALIDATION');
  expect(await api(page, app, 'employer.list', {})).toEqual([]);
  await shot(page, '61-payroll-employer-bad-paye');

  await form.getByLabel('Employer PAYE reference').fill('123/AB456');
  await form.getByRole('button', { name: 'Set up employer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Margaret Okafor is set up as an employer' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Margaret Okafor' });
  await expect(row).toContainText('123/AB456');
  await expect(row).toContainText('Monthly');
  await expect(row).toContainText('Day 25 of the month');
  await expect(row).toContainText('NEST');
  const saved = await api(page, app, 'employer.get', { clientId: client.id });
  expect(saved).toMatchObject({ payeReference: '123/AB456', employmentAllowance: true, payFrequency: 'monthly', payDay: 25, pensionBasis: 'relief-at-source' });
  await shot(page, '62-payroll-employers');

  // The employer's page: no PAs yet.
  await row.getByRole('link', { name: 'PAs of Margaret Okafor' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payroll: Margaret Okafor' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No PAs yet' })).toBeVisible();

  // Add a PA: a bad NI number first.
  await page.getByRole('button', { name: 'Add PA' }).click();
  const paForm = page.getByRole('form', { name: 'Add a PA' });
  await paForm.getByLabel('Full name').fill('Daniel Mensah');
  await paForm.getByLabel('National Insurance number').fill('QQ 12 34 56 C');
  await paForm.getByLabel('Date of birth').fill('1990-07-14');
  await paForm.getByLabel('Address', { exact: true }).fill('12 Mill Lane\nRiverside\nRV1 2AB');
  await paForm.getByLabel('Start date').fill('2026-04-01');
  await paForm.getByLabel('Contracted hours a week').fill('37.5');
  await paForm.getByLabel('Standard rate (£ an hour)').fill('£12.50');
  await paForm.getByLabel('Weekend rate (£ an hour)').fill('14');
  await paForm.getByLabel('Plan 2').check();
  await paForm.getByLabel('Enrolment date', { exact: true }).fill('2026-04-01');
  await paForm.getByLabel('DBS check date').fill('2026-03-20');
  await paForm.getByLabel('Right to work checked on').fill('2026-03-20');
  await paForm.getByRole('button', { name: 'Add PA' }).click();
  await expectFieldError(page, 'National Insurance number', 'QQ is not a valid NI number prefix');
  await expect(paForm.getByLabel('National Insurance number')).toBeFocused();
  expect(await api(page, app, 'pa.list', { clientId: client.id })).toEqual([]);
  await shot(page, '63-payroll-pa-bad-ni');

  await paForm.getByLabel('National Insurance number').fill('AB 12 34 56 C');
  await paForm.getByRole('button', { name: 'Add PA' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added Daniel Mensah.' })).toBeVisible();
  const paRow = page.getByRole('row').filter({ hasText: 'Daniel Mensah' });
  await expect(paRow).toContainText('AB 12 34 56 C');
  await expect(paRow).toContainText('£12.50');
  await expect(paRow).toContainText('37.5');
  await expect(paRow).toContainText('1257L');
  const [pa] = await api(page, app, 'pa.list', { clientId: client.id });
  expect(pa).toMatchObject({ niNumber: 'AB123456C', standardRate: 1250, weekendRate: 1400, nightRate: null, contractedHours: 3750, studentLoanPlans: ['plan2'] });
  await shot(page, '64-payroll-pas');

  // Edit the tax code: the form opens with the stored values, rates back in pounds.
  await paRow.getByRole('button', { name: 'Edit Daniel Mensah' }).click();
  const editForm = page.getByRole('form', { name: 'Edit Daniel Mensah' });
  await expect(editForm.getByLabel('Standard rate (£ an hour)')).toHaveValue('12.50');
  await expect(editForm.getByLabel('Contracted hours a week')).toHaveValue('37.5');
  await editForm.getByLabel('Tax code').fill('BR');
  await shot(page, '65-payroll-pa-edit');
  await editForm.getByRole('button', { name: 'Save PA' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved Daniel Mensah.' })).toBeVisible();
  await expect(paRow).toContainText('BR');
  expect((await api(page, app, 'pa.get', { id: pa!.id })).taxCode).toBe('BR');

  // Record a leaving date.
  await paRow.getByRole('button', { name: 'Record leaving for Daniel Mensah' }).click();
  const leave = page.getByRole('form', { name: 'Record leaving date for Daniel Mensah' });
  await leave.getByLabel('Leaving date').fill('2026-05-29');
  await leave.getByRole('button', { name: 'Record leaving date' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded that Daniel Mensah left on 2026-05-29.' })).toBeVisible();
  await expect(paRow).toContainText('Left');
  await expect(paRow).toContainText('2026-04-01 to 2026-05-29');
  await expect(paRow.getByRole('button', { name: 'Record leaving for Daniel Mensah' })).toHaveCount(0);
  expect((await api(page, app, 'pa.get', { id: pa!.id })).leavingDate).toBe('2026-05-29');
  await shot(page, '66-payroll-pa-left');
});
