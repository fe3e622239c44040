import fs from 'node:fs';
import { test, expect, shot, createLedger, PASSPHRASE } from './fixtures';

test('create a ledger → lock → wrong passphrase shows the error → unlock → dashboard', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('tab', { name: 'Create a new ledger' })).toBeVisible();
  await shot(page, '01-first-start');
  await page.getByRole('tab', { name: 'Create a new ledger' }).click();
  await page.getByLabel('Organisation name').fill('Riverside Support Brokers');
  await page.getByLabel('Ledger file').fill(app.ledgerPath);
  await page.getByLabel('New passphrase').fill('short');
  await expect(page.getByText(/Too short/)).toBeVisible();
  await page.getByLabel('New passphrase').fill(PASSPHRASE);
  await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
  await expect(page.getByText('Strong enough: meets the rule.')).toBeVisible();
  await shot(page, '02-create-ledger');
  await page.getByRole('button', { name: 'Create ledger' }).click();

  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByText('Riverside Support Brokers').first()).toBeVisible();
  await expect(page.getByText(/Add a funder/)).toBeVisible();
  await shot(page, '03-dashboard-empty');
  expect(fs.existsSync(app.ledgerPath)).toBe(true);
  expect(fs.readFileSync(app.ledgerPath).includes(Buffer.from('Riverside'))).toBe(false);

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
  await expect(page.getByLabel('Ledger file')).toHaveValue(app.ledgerPath);
  await shot(page, '04-unlock');

  await page.getByLabel('Passphrase', { exact: true }).fill('Wrong Horse 42 battery');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('WRONG_PASSPHRASE');
  await expect(alert).toContainText('That passphrase does not open org.steward');
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveValue('');
  await shot(page, '05-wrong-passphrase');

  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  // Locking made an automatic backup in the data folder.
  const backups = fs.readdirSync(`${app.dataDir}/backups/org`);
  expect(backups).toHaveLength(1);
});

test('every screen is reachable from the navigation by keyboard alone', async ({ page, app }) => {
  await createLedger(page, app);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Clients', 'Planning', 'Payroll', 'Banking', 'Reports', 'Settings', 'Dashboard']) {
    const link = nav.getByRole('link', { name });
    await link.focus();
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await shot(page, `10-screen-${name.toLowerCase()}`);
  }
  // Tab from the top reaches the skip link first.
  await page.keyboard.press('Control+Home');
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
});
