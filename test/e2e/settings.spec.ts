import fs from 'node:fs';
import path from 'node:path';
import { test, expect, shot, createLedger, PASSPHRASE } from './fixtures';

test('settings: back up now to a chosen folder, verify the ledger, change the passphrase', async ({ page, app }) => {
  await createLedger(page, app);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  const folder = path.join(app.dir, 'usb-stick');
  await page.getByLabel('Backup folder').fill(folder);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/org-20260406T090000Z-manual\.steward/)).toBeVisible();
  expect(fs.readdirSync(folder)).toEqual(['org-20260406T090000Z-manual.steward']);

  await page.getByRole('button', { name: 'Verify ledger' }).click();
  await expect(page.getByText('The ledger passed every check.')).toBeVisible();

  await page.getByLabel('Auto-lock after (minutes)').fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText(/at least 1 minute/i)).toBeVisible();
  await page.getByLabel('Auto-lock after (minutes)').fill('15');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  await page.getByLabel('Current passphrase').fill('Not The Current 99');
  await page.getByLabel('New passphrase').fill('A Brand New Phrase 2026');
  await page.getByLabel('Confirm passphrase').fill('A Brand New Phrase 2026');
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'WRONG_PASSPHRASE' })).toBeVisible();
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByLabel('New passphrase').fill('A Brand New Phrase 2026');
  await page.getByLabel('Confirm passphrase').fill('A Brand New Phrase 2026');
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(page.getByText('Passphrase changed. Use the new one the next time you unlock.')).toBeVisible();
  await shot(page, '20-settings');

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('WRONG_PASSPHRASE');
  await page.getByLabel('Passphrase', { exact: true }).fill('A Brand New Phrase 2026');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  // Unlocked again, back where the user was.
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('auto-lock after 10 idle minutes warns first when a form has unsaved input', async ({ page, app }) => {
  await page.clock.install({ time: new Date('2026-04-06T09:00:00Z') });
  await createLedger(page, app);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Automatic backups to keep').fill('20'); // unsaved input

  await page.clock.fastForward('09:05');
  const warning = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Steward will lock in 1 minute');
  await shot(page, '30-autolock-warning');
  await warning.getByRole('button', { name: 'Stay unlocked' }).click();
  await expect(warning).toBeHidden();

  await page.clock.fastForward('05:00');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible(); // still open: the timer restarted

  await page.clock.fastForward('06:00');
  await expect(page.getByText('Locked after 10 minutes without use.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
  await shot(page, '31-autolocked');
  // The server really closed the ledger: a backup was written on lock.
  expect(fs.readdirSync(path.join(app.dataDir, 'backups', 'org'))).toHaveLength(1);
});

test('locking by hand with unsaved input asks before discarding it', async ({ page, app }) => {
  await createLedger(page, app);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Auto-lock after (minutes)').fill('30');
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Discard unsaved changes and lock?' });
  await expect(dialog).toBeVisible();
  await shot(page, '32-discard-dialog');
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByLabel('Auto-lock after (minutes)')).toHaveValue('30');
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('dialog', { name: 'Discard unsaved changes and lock?' }).getByRole('button', { name: 'Discard and lock' }).click();
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
});
