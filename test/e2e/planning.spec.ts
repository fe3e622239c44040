/**
 * Support planning screens (#/planning…, the client page's planning sections, the dashboard panel).
 * Each test has its own encrypted ledger made through the real create screen, with the app's clock
 * fixed at 2026-04-06. Funders and clients are set up through the api; what is under test goes
 * through the real screens, and the api is asked afterwards what was (or was not) saved.
 */
import type { Page } from '@playwright/test';
import { formatPence } from '../../shared/money';
import { test, expect, shot, createLedger, callApi, goToHash, type App } from './fixtures';

const TODAY = '2026-04-06';

async function setUpClient(page: Page, app: App, name = 'Margaret Okafor'): Promise<{ clientId: number; funderId: number }> {
  const funder = await callApi(page, app, 'funder.create', { name: 'Riverside Council', kind: 'council' });
  const client = await callApi(page, app, 'client.create', { name, funderIds: [funder.id], startDate: '2026-01-05' });
  return { clientId: client.id, funderId: funder.id };
}

/** Type into the focused cell and move on with Tab, as a broker keying a line would. */
async function typeAndTab(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

test('budget and a plan keyed by keyboard with live totals; over budget refused; submit, return, new version, approve, activate; diff', async ({ page, app }) => {
  await createLedger(page, app);
  const { clientId } = await setUpClient(page, app);

  await goToHash(page, `#/planning/${clientId}`, 'Support planning: Margaret Okafor');

  // Assessment.
  await page.getByRole('button', { name: 'Record an assessment' }).click();
  const assessment = page.getByRole('form', { name: 'Assessment' });
  await assessment.getByLabel('Assessor').fill('Sam Patel');
  await assessment.getByLabel('Managing and maintaining nutrition').check();
  await assessment.getByLabel('Maintaining personal hygiene').check();
  await assessment.getByLabel('A carer’s assessment was carried out').check();
  await assessment.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.getByText('Assessed on 2026-04-06 by Sam Patel.')).toBeVisible();

  // Personal budget: £20,000 a year from today.
  await page.getByRole('button', { name: 'Set a personal budget' }).click();
  const budget = page.getByRole('form', { name: 'Personal budget' });
  await budget.getByLabel('Annual budget (£)').fill('20000');
  await budget.getByLabel('Riverside Council’s share a year (£)').fill('20000');
  await budget.getByRole('button', { name: 'Save budget' }).click();
  await expect(page.getByRole('cell', { name: '£20,000.00', exact: true })).toBeVisible();

  // Start a plan: the editor opens on the new draft.
  await page.getByRole('button', { name: 'Start a support plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Margaret Okafor: support plan version 1' })).toBeVisible();

  // Keyboard-first: Alt+N adds a line and puts the cursor in its type; Tab moves cell to cell.
  await page.keyboard.press('Alt+n');
  await expect(page.getByLabel('Line 1 type')).toBeFocused();
  await page.keyboard.press('Tab');
  await typeAndTab(page, 'Personal care and getting out');
  await page.keyboard.press('Tab'); // PA: to be recruited
  await typeAndTab(page, '37.5');
  await page.keyboard.press('Tab'); // unit: hours a week
  await page.keyboard.type('15');
  // Live totals as typed: 37.5 h × £15.00 × (52 − 5.6) weeks: holiday weeks still 0 here.
  // 37.5 × 15 × 52 = £29,250.00 a year, £562.50 a week.
  await expect(page.getByTestId('live-annual')).toHaveText('£29,250.00');
  await page.getByLabel('Line 1 holiday weeks').fill('5.6');
  // 37.5 × £15 × 46.4 = £26,100.00 a year; ÷ 52 = £501.92 a week (half up).
  await expect(page.getByTestId('line-1-annual')).toHaveText('£26,100.00');
  await expect(page.getByTestId('line-1-weekly')).toHaveText('£501.92');
  await expect(page.getByTestId('live-weekly')).toHaveText('£501.92');
  await expect(page.getByTestId('budget-gap')).toContainText('Over budget by £6,100.00');

  // Enter in the last row adds a second line; Escape-free: remove it again with its button.
  await page.getByLabel('Line 1 description').press('Enter');
  await expect(page.getByLabel('Line 2 type')).toBeFocused();
  await page.getByRole('button', { name: 'Remove line 2' }).click();

  await page.getByRole('button', { name: 'Save lines' }).click();
  // The server's figures after save.
  await expect(page.getByTestId('saved-totals')).toContainText('£501.92 a week, £26,100.00 a year');
  await expect(page.getByTestId('budget-gap')).toContainText('Over budget by £6,100.00');
  await expect(page.getByTestId('budget-gap')).toContainText('(Checked by Steward.)');
  await shot(page, '140-planning-editor-over-budget');

  // Content, with an outcome in the person's words linked to the line.
  const content = page.getByRole('form', { name: 'Plan content' });
  await content.getByLabel('Title').fill('Staying at home with support');
  await content.getByLabel('What matters to the person').fill('Seeing my grandchildren every week and keeping my garden.');
  await content.getByLabel('Who manages the money').fill('Riverside managed account');
  await content.getByRole('button', { name: 'Add an outcome' }).click();
  await content.getByRole('textbox', { name: 'Outcome 1' }).fill('I want to get up and dressed by 9 so I can go to the allotment.');
  await content.getByLabel('Line 1: Personal care and getting out').check();
  await content.getByRole('button', { name: 'Save the plan' }).click();
  await expect(content.getByText('Plan saved.')).toBeVisible();

  // Over budget: submit is refused with the gap in pounds, and nothing changes.
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'VALIDATION' })).toContainText('£6,100.00 a year more than the personal budget of £20,000.00');
  const stillDraft = await callApi(page, app, 'plan.current', { clientId });
  expect(stillDraft?.status).toBe('draft');
  expect(stillDraft?.history.length).toBe(1);

  // Fix: 28 hours a week → 28 × £15 × 46.4 = £19,488.00, £512.00 under the budget (within the 10% warning).
  await page.getByLabel('Line 1 quantity').fill('28');
  await expect(page.getByTestId('live-annual')).toHaveText('£19,488.00');
  await expect(page.getByTestId('budget-gap')).toContainText('Within budget: £512.00 left.');
  await page.getByRole('button', { name: 'Save lines' }).click();
  await expect(page.getByTestId('saved-totals')).toContainText('£19,488.00 a year');

  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.locator('.screen-lead .pl-status')).toHaveText('Submitted');
  // A submitted version is read-only.
  await expect(page.getByLabel('Line 1 quantity')).toBeDisabled();

  // Return with reasons.
  await page.getByRole('button', { name: 'Return with reasons…' }).click();
  await page.getByLabel('Reasons for returning the plan').fill('Add a contingency line for when the PA is off sick\nName the PA once recruited');
  await page.getByRole('button', { name: 'Return the plan' }).click();
  await expect(page.locator('.screen-lead .pl-status')).toHaveText('Returned');
  const returned = page.getByRole('alert').filter({ hasText: 'Returned with these reasons' });
  await expect(returned.getByRole('listitem')).toHaveText(['Add a contingency line for when the PA is off sick', 'Name the PA once recruited']);
  await shot(page, '141-planning-returned');

  // A new version from the returned one; add the contingency line; submit; approve; activate.
  await page.getByRole('button', { name: 'New version from this one' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Margaret Okafor: support plan version 2' })).toBeVisible();
  await page.keyboard.press('Alt+n');
  await expect(page.getByLabel('Line 2 type')).toBeFocused();
  await page.getByLabel('Line 2 type').selectOption('contingency');
  await page.getByLabel('Line 2 description').fill('Cover when the PA is off sick');
  await page.getByLabel('Line 2 quantity').fill('1');
  await page.getByLabel('Line 2 rate in pounds').fill('500');
  await expect(page.getByTestId('live-annual')).toHaveText('£19,988.00');
  await page.getByRole('button', { name: 'Save lines' }).click();
  await expect(page.getByTestId('saved-totals')).toContainText('£19,988.00 a year');
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.locator('.screen-lead .pl-status')).toHaveText('Submitted');

  await page.getByRole('button', { name: 'Approve…' }).click();
  const approve = page.getByRole('form', { name: 'Approve the plan' });
  for (const c of ['Within budget', 'Lawful', 'Best value', 'Realistic costs', 'Safe']) await approve.getByLabel(`${c}: met`).check();
  await approve.getByLabel('Best value: comment').fill('PA hours cheaper than agency');
  await approve.getByLabel('Safe: comment').fill('Contingency line covers sickness');
  await approve.getByLabel('Approved by').fill('Jo Council');
  await shot(page, '142-planning-approval');
  await approve.getByRole('button', { name: 'Approve the plan' }).click();
  await expect(page.locator('.screen-lead .pl-status')).toHaveText('Approved');
  await expect(page.getByRole('heading', { name: /Approved by Jo Council/ })).toBeVisible();
  await expect(page.getByText('Best value: met — PA hours cheaper than agency')).toBeVisible();
  await page.getByRole('button', { name: 'Activate from 2026-04-06' }).click();
  await expect(page.locator('.screen-lead .pl-status')).toHaveText('Active');
  const active = await callApi(page, app, 'plan.current', { clientId });
  expect(active?.status).toBe('active');
  expect(active?.approval?.by).toBe('Jo Council');
  expect(active?.approval?.criteria.bestValue).toEqual({ met: true, comment: 'PA hours cheaper than agency' });

  // Version history and the differences between versions 1 and 2.
  await goToHash(page, `#/planning/${clientId}`, 'Support planning: Margaret Okafor');
  await expect(page.getByRole('link', { name: 'Version 2' })).toBeVisible();
  await page.getByLabel('Compare version', { exact: true }).selectOption({ label: 'Version 1 (Returned)' });
  await page.getByLabel('with version').selectOption({ label: 'Version 2 (Active)' });
  await page.getByRole('button', { name: 'Show the differences' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Version 1 against version 2' })).toBeVisible();
  await expect(page.getByText('Added: Contingency: Cover when the PA is off sick')).toContainText('£500.00 a year (+£500.00)');
  await expect(page.getByRole('row', { name: /Annual/ })).toContainText('+£500.00');
  await shot(page, '143-planning-diff');

  // The planning home lists the client with the active plan.
  await goToHash(page, '#/planning', 'Planning');
  const row = page.getByRole('row', { name: /Margaret Okafor/ });
  await expect(row).toContainText('Active (version 2)');
  await expect(row).toContainText(formatPence(1_998_800));
  await shot(page, '144-planning-home');
});

test('bad line input is refused with a message naming the line and field, and nothing is saved', async ({ page, app }) => {
  await createLedger(page, app);
  const { clientId } = await setUpClient(page, app);
  const plan = await callApi(page, app, 'plan.create', { clientId });
  await goToHash(page, `#/planning/${clientId}/plans/${plan.id}`, 'Margaret Okafor: support plan version 1');

  await page.getByRole('button', { name: 'Add a line (Alt+N)' }).click();
  await page.getByLabel('Line 1 description').fill('Evening calls');
  await page.getByLabel('Line 1 quantity').fill('10');
  await page.getByLabel('Line 1 rate in pounds').fill('-5');
  await page.getByRole('button', { name: 'Save lines' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toContainText('Line 1, rate: a rate cannot be negative');
  await expect(page.getByLabel('Line 1 rate in pounds')).toHaveAttribute('aria-invalid', 'true');
  expect((await callApi(page, app, 'plan.get', { id: plan.id })).lines).toHaveLength(0);

  await page.getByLabel('Line 1 rate in pounds').fill('15');
  await page.getByLabel('Line 1 start date').fill('2026-06-01');
  await page.getByLabel('Line 1 end date').fill('2026-05-01');
  await page.getByRole('button', { name: 'Save lines' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toContainText('Line 1, end date: 2026-05-01 is before the start date 2026-06-01');
  await shot(page, '145-planning-bad-line');
  expect((await callApi(page, app, 'plan.get', { id: plan.id })).lines).toHaveLength(0);

  // An agency line without a provider is refused too.
  await page.getByLabel('Line 1 end date').fill('');
  await page.getByLabel('Line 1 type').selectOption('agency-hours');
  await page.getByRole('button', { name: 'Save lines' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toContainText('Line 1, provider: choose a provider from the directory');
  expect((await callApi(page, app, 'plan.get', { id: plan.id })).lines).toHaveLength(0);
});

test('provider directory: add, filter and pick on a plan line; the on-cost calculator fills a PA line', async ({ page, app }) => {
  await createLedger(page, app);
  const { clientId } = await setUpClient(page, app);
  await callApi(page, app, 'budget.set', { clientId, effectiveFrom: TODAY, annualAmount: 3_000_000 });

  await goToHash(page, '#/planning/providers', 'Provider directory');
  await page.getByRole('button', { name: 'Add a provider' }).click();
  const form = page.getByRole('form', { name: 'Provider', exact: true });
  await form.getByLabel('Name', { exact: true }).fill('Brightside Home Care');
  await form.getByLabel('Type').selectOption('agency');
  await form.getByLabel('Area').fill('Riverside North');
  await form.getByLabel('Contact name').fill('Priya Shah');
  await form.getByLabel('Phone').fill('01632 960001');
  await form.getByLabel('CQC id').fill('1-123456789');
  await form.getByLabel('CQC rating').selectOption('good');
  await form.getByLabel('Accreditation').fill('Homecare Association member');
  await form.getByRole('button', { name: 'Add a rate' }).click();
  await form.getByLabel('Rate 1: what for').fill('Weekday hour');
  await form.getByLabel('Rate 1: amount (£)').fill('24.50');
  await form.getByRole('button', { name: 'Save provider' }).click();
  await expect(page.getByText('Brightside Home Care saved.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Brightside Home Care/ })).toContainText('Weekday hour: £24.50 (hours a week)');
  await expect(page.getByRole('row', { name: /Brightside Home Care/ })).toContainText('1-123456789, Good');

  // A bad CQC id is refused with the field named.
  await page.getByRole('button', { name: 'Add a provider' }).click();
  await form.getByLabel('Name', { exact: true }).fill('Meadow Day Centre');
  await form.getByLabel('Type').selectOption('day-service');
  await form.getByLabel('Area').fill('Riverside South');
  await form.getByLabel('CQC id').fill('12345');
  await form.getByRole('button', { name: 'Save provider' }).click();
  await expect(form.getByText('A CQC id looks like 1-123456789').first()).toBeVisible();
  await form.getByLabel('CQC id').fill('');
  await form.getByRole('button', { name: 'Save provider' }).click();
  await expect(page.getByText('Meadow Day Centre saved.')).toBeVisible();

  await shot(page, '146-planning-providers');

  // Filter by type.
  await page.getByLabel('Type').selectOption('day-service');
  await expect(page.getByRole('row', { name: /Meadow Day Centre/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Brightside Home Care/ })).toHaveCount(0);

  // Pick the agency on a plan line.
  const plan = await callApi(page, app, 'plan.create', { clientId });
  await goToHash(page, `#/planning/${clientId}/plans/${plan.id}`, 'Margaret Okafor: support plan version 1');
  await page.keyboard.press('Alt+n');
  await page.getByLabel('Line 1 type').selectOption('agency-hours');
  await page.getByLabel('Line 1 provider').selectOption({ label: 'Brightside Home Care' });
  await page.getByLabel('Line 1 quantity').fill('10');
  await page.getByLabel('Line 1 rate in pounds').fill('24.50');

  // A PA line whose rate comes from the on-cost calculator (the payroll engine's figures).
  await page.keyboard.press('Alt+n');
  await page.getByLabel('Line 2 description').fill('PA mornings');
  await page.getByLabel('Line 2 quantity').fill('15');
  const calc = page.getByRole('form', { name: 'PA on-cost calculator' });
  await calc.getByLabel('Gross hourly rate (£)').fill('13.50');
  await calc.getByLabel('Hours a week').fill('15');
  await calc.getByRole('button', { name: 'Work out the on-cost' }).click();
  const oncost = await callApi(page, app, 'oncost.calculate', { hourly: 1350, hoursPerWeek: 1500, frequency: 'weekly', date: TODAY });
  await expect(page.getByTestId('oncost-total-hourly')).toHaveText(formatPence(oncost.totalPerHour));
  await page.getByLabel('Use this hourly cost for').selectOption({ label: 'Line 2: PA mornings' });
  await page.getByRole('button', { name: 'Fill the line’s rate' }).click();
  await expect(page.getByLabel('Line 2 rate in pounds')).toHaveValue((oncost.totalPerHour / 100).toFixed(2));
  await shot(page, '147-planning-oncost');
  await page.getByRole('button', { name: 'Save lines' }).click();
  await expect(page.getByTestId('saved-totals')).toContainText('a year');
  const saved = await callApi(page, app, 'plan.get', { id: plan.id });
  expect(saved.lines.map((l) => [l.type, l.providerName, l.rate, l.grossHourlyRate, l.onCostHourly])).toEqual([
    ['agency-hours', 'Brightside Home Care', 2450, null, null],
    ['pa-hours', null, oncost.totalPerHour, 1350, oncost.onCostPerHour],
  ]);
});

test('risks, reviews, case notes and complaints; the support plan card and the dashboard reminder', async ({ page, app }) => {
  await createLedger(page, app);
  const { clientId } = await setUpClient(page, app);
  await callApi(page, app, 'budget.set', { clientId, effectiveFrom: TODAY, annualAmount: 2_000_000 });
  const plan = await callApi(page, app, 'plan.create', { clientId, startDate: TODAY });
  await callApi(page, app, 'plan.lines.set', { planId: plan.id, lines: [{ type: 'pa-hours', quantity: 2000, unit: 'hours-per-week', rate: 1800, holidayWeeks: 560, category: 'pa-wages' }] });
  await callApi(page, app, 'plan.update', { id: plan.id, patch: { outcomes: [{ text: 'I want to keep going to the allotment.', lineIds: [] }] } });
  await callApi(page, app, 'plan.submit', { id: plan.id });
  const yes = { met: true, comment: '' };
  await callApi(page, app, 'plan.approve', { id: plan.id, by: 'Jo Council', criteria: { withinBudget: yes, lawful: yes, bestValue: yes, realisticCosts: yes, safe: yes } });
  await callApi(page, app, 'plan.activate', { id: plan.id });
  const provider = await callApi(page, app, 'provider.create', { name: 'Brightside Home Care', type: 'agency' });

  await goToHash(page, `#/planning/${clientId}`, 'Support planning: Margaret Okafor');
  // Risk.
  await page.getByRole('button', { name: 'Add a risk' }).click();
  const risk = page.getByRole('form', { name: 'Add a risk' });
  await risk.getByLabel('What is the risk?').fill('Falls when going to the allotment alone');
  await risk.getByLabel('Likelihood').selectOption('3');
  await risk.getByLabel('Impact').selectOption('4');
  await risk.getByLabel('Mitigation').fill('Pendant alarm; PA walks the route first');
  await risk.getByLabel('Contingency plan').fill('If the PA does not turn up, Brightside covers the call');
  await risk.getByLabel('The person’s informed choice').fill('I know the risk and I still want to go on my own on Sundays.');
  await risk.getByLabel('Agreed by').fill('Margaret and Sam Patel');
  await risk.getByLabel('Review date').fill('2026-07-01');
  await risk.getByRole('button', { name: 'Save risk' }).click();
  const riskRow = page.getByRole('row', { name: /Falls when going to the allotment alone/ });
  await expect(riskRow).toContainText('3 × 4 = 12');
  await expect(riskRow).toContainText('If the PA does not turn up');

  // Review: first review due within the funder's period (default 26 weeks) of the plan starting.
  const due = await callApi(page, app, 'review.due', { clientId });
  await expect(page.locator('.pl-review-due')).toContainText(`Next review due: ${due.dueDate} (first review)`);
  await page.getByRole('button', { name: 'Record a review' }).click();
  const review = page.getByRole('form', { name: 'Record a review' });
  await review.getByLabel('Reviewed by').fill('Sam Patel');
  await review.getByLabel('Outcome').selectOption('continue');
  await review.getByLabel('Review notes').fill('Going well; allotment trips weekly.');
  await review.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByRole('row', { name: /^2026-04-06 Sam Patel/ })).toContainText('Continue as planned');
  const after = await callApi(page, app, 'review.due', { clientId });
  expect(after.lastReviewDate).toBe(TODAY);
  await expect(page.locator('.pl-review-due')).toContainText(`Next review due: ${after.dueDate}`);
  await shot(page, '148-planning-client');

  // Client page: support plan card, case note and complaint.
  await goToHash(page, `#/clients/${clientId}`, 'Margaret Okafor');
  const card = page.getByRole('region', { name: 'Support plan' });
  await expect(card).toContainText('Active (version 1)');
  await expect(card).toContainText(`${formatPence(plan.totals.annual === 0 ? (await callApi(page, app, 'plan.get', { id: plan.id })).totals.annual : plan.totals.annual)} against a budget of £20,000.00`);
  await expect(card.getByRole('link', { name: 'Open support planning' })).toHaveAttribute('href', `#/planning/${clientId}`);

  const note = page.getByRole('form', { name: 'Add a case note' });
  await note.getByLabel('Case note').fill('Phoned Margaret: happy with the new PA.');
  await note.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('region', { name: 'Case notes' })).toContainText('Phoned Margaret: happy with the new PA.');
  await note.getByRole('button', { name: 'Add note' }).click();
  await expect(note.getByText('Write the note')).toBeVisible();
  expect(await callApi(page, app, 'casenote.list', { clientId })).toHaveLength(1);

  await page.getByRole('button', { name: 'Log a complaint' }).click();
  const complaint = page.getByRole('form', { name: 'Log a complaint' });
  await complaint.getByLabel('About').selectOption('agency');
  await complaint.getByLabel('Agency').selectOption({ label: 'Brightside Home Care' });
  await complaint.getByLabel('What happened').fill('Carer arrived 90 minutes late twice.');
  await complaint.getByRole('button', { name: 'Save complaint' }).click();
  const cRow = page.getByRole('row', { name: /90 minutes late/ });
  await expect(cRow).toContainText('An agency: Brightside Home Care');
  await expect(cRow).toContainText('Open');
  await cRow.getByRole('button', { name: /Update the complaint/ }).click();
  const upd = page.getByRole('form', { name: 'Update the complaint' });
  await upd.getByLabel('Action taken').fill('Raised with the agency manager.');
  await upd.getByLabel('Outcome').fill('Rota changed; apology given.');
  await upd.getByLabel('Status').selectOption('resolved');
  await upd.getByRole('button', { name: 'Save complaint' }).click();
  await expect(page.getByRole('row', { name: /90 minutes late/ })).toContainText('Resolved');
  const complaints = await callApi(page, app, 'complaint.list', { clientId });
  expect(complaints.map((c) => [c.providerId, c.status, c.outcome])).toEqual([[provider.id, 'resolved', 'Rota changed; apology given.']]);
  await shot(page, '149-planning-client-page');

  // Dashboard: a review scheduled within four weeks shows in the Plan reviews panel.
  await callApi(page, app, 'review.schedule', { clientId, dueDate: '2026-04-20', note: 'Check the new rota' });
  await goToHash(page, '#/dashboard', 'Dashboard');
  const panel = page.getByRole('region', { name: 'Plan reviews' });
  await expect(panel.getByRole('link', { name: 'Margaret Okafor' })).toBeVisible();
  await expect(panel).toContainText('2026-04-20');
  await shot(page, '150-planning-dashboard');
});

test('plan against actual after payments: the chart and money left by line; the plan PDF downloads', async ({ page, app }) => {
  await createLedger(page, app);
  const { clientId } = await setUpClient(page, app);
  await callApi(page, app, 'budget.set', { clientId, effectiveFrom: '2026-01-05', annualAmount: 1_000_000 });
  const plan = await callApi(page, app, 'plan.create', { clientId, startDate: '2026-01-05', title: 'Getting out and about' });
  // Transport: 2 trips a week at £25.00 → 2 × £25 × 52 = £2,600.00 a year. Equipment: one-off £400.00.
  await callApi(page, app, 'plan.lines.set', {
    planId: plan.id,
    lines: [
      { type: 'transport', description: 'Taxi to the day centre', quantity: 200, unit: 'sessions-per-week', rate: 2500, category: 'transport' },
      { type: 'equipment', description: 'Riser chair', quantity: 100, unit: 'one-off', rate: 40_000, category: 'equipment' },
    ],
  });
  await callApi(page, app, 'plan.update', { id: plan.id, patch: { outcomes: [{ text: 'I want to get to the day centre on my own terms.', lineIds: [] }] } });
  await callApi(page, app, 'plan.submit', { id: plan.id });
  const yes = { met: true, comment: '' };
  await callApi(page, app, 'plan.approve', { id: plan.id, by: 'Jo Council', criteria: { withinBudget: yes, lawful: yes, bestValue: yes, realisticCosts: yes, safe: yes } });
  await callApi(page, app, 'plan.activate', { id: plan.id });
  // Money in, then spending on the plan's categories.
  const auth = [{ by: 'Margaret Okafor' }];
  await callApi(page, app, 'receipt.add', { clientId, date: '2026-01-05', amount: 500_000, source: 'council' });
  await callApi(page, app, 'payment.add', { clientId, date: '2026-02-02', amount: 20_000, payeeName: 'Riverside Taxis', category: 'transport', authorisations: auth });
  await callApi(page, app, 'payment.add', { clientId, date: '2026-03-02', amount: 30_000, payeeName: 'Riverside Taxis', category: 'transport', authorisations: auth });
  await callApi(page, app, 'payment.add', { clientId, date: '2026-02-10', amount: 38_500, payeeName: 'Comfy Chairs Ltd', category: 'equipment', authorisations: auth });

  const actuals = await callApi(page, app, 'plan.actuals', { clientId, asOf: TODAY });
  expect(actuals).not.toBeNull();
  const taxi = actuals!.lines.find((l) => l.description === 'Taxi to the day centre')!;
  expect(taxi.actualToDate).toBe(50_000);

  await goToHash(page, `#/planning/${clientId}`, 'Support planning: Margaret Okafor');
  const card = page.getByRole('region', { name: 'Plan against actual' });
  await expect(card.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`${formatPence(actuals!.totals.actualToDate).replace(/[.$]/g, '\\$&')} actual`));
  const row = card.getByRole('row', { name: /Taxi to the day centre/ });
  await expect(row).toContainText(formatPence(taxi.plannedYear));
  await expect(row).toContainText(formatPence(50_000));
  await expect(row).toContainText(formatPence(taxi.moneyLeft));
  await expect(card).toContainText(`Money left: ${formatPence(actuals!.totals.moneyLeft)}`);
  await card.scrollIntoViewIfNeeded();
  await shot(page, '151-planning-actuals');

  // The client page shows the same chart and figures.
  await goToHash(page, `#/clients/${clientId}`, 'Margaret Okafor');
  const onClient = page.getByRole('region', { name: 'Plan against actual' });
  await expect(onClient.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`${formatPence(actuals!.totals.actualToDate).replace(/[.$]/g, '\\$&')} actual`));
  await expect(onClient).toContainText(`Money left: ${formatPence(actuals!.totals.moneyLeft)}`);
  await onClient.scrollIntoViewIfNeeded();
  await shot(page, '152-planning-actuals-client-page');

  // The plan PDF.
  await goToHash(page, `#/planning/${clientId}/plans/${plan.id}`, 'Margaret Okafor: support plan version 1');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download plan PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfPath = await file.path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
});
