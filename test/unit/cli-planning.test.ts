/**
 * `steward plan show`, `steward plan submit` and `steward oncost`, run in-process through runCli with
 * a fixed clock on a ledger built through the api. A plan over budget cannot be submitted from the
 * CLI either, and the refusal writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import type { PlanShow } from '../../main/cli-planning';
import { openLedgerFile } from '../../main/store/ledger-file';
import type { OncostResult } from '../../shared/contract-planning';
import { fixedClock } from '../fixtures/clock';
import { PASSPHRASE } from '../fixtures/ledger';
import { tempDir } from '../fixtures/temp';
import { addClient } from '../fixtures/money';
import { planning } from './planning/fixture';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    env: { STEWARD_DATA_DIR: tempDir(), STEWARD_PASSPHRASE: PASSPHRASE },
    now: fixedClock().now,
  });
  return { code, out, err };
}

/** A ledger with a draft plan costing £16,523.00 a year and a budget of `annual`, closed for the CLI. */
async function ledger(annual: number): Promise<{ file: string; clientId: number; planId: number; emptyClientId: number }> {
  const t = await planning();
  await t.call('budget.set', { clientId: t.client.id, effectiveFrom: '2026-04-01', annualAmount: annual });
  const plan = await t.draft();
  const other = await addClient(t.env, t.funderId, { name: 'No Plan Yet' });
  t.env.ctx.session.disarm();
  t.close();
  return { file: t.env.ledgerPath, clientId: t.client.id, planId: plan.id, emptyClientId: other.id };
}

function planRows(file: string): { versions: number; statuses: string[]; audit: number } {
  const h = openLedgerFile(file, PASSPHRASE);
  try {
    const statuses = (h.db.prepare('SELECT status FROM plan_versions ORDER BY id').all() as Array<{ status: string }>).map((r) => r.status);
    const audit = (h.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    return { versions: statuses.length, statuses, audit };
  } finally {
    h.close();
  }
}

describe('steward plan show / plan submit', () => {
  it('shows lines, weekly and annual totals, the budget and the gap as JSON', async () => {
    const l = await ledger(1_750_000);
    const r = await cli(['plan', 'show', '--ledger', l.file, '--client', String(l.clientId), '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as PlanShow;
    expect(s.plan).toMatchObject({ id: l.planId, version: 1, status: 'draft' });
    expect(s.lines.map((x) => [x.type, x.weeklyCost, x.annualCost])).toEqual([
      ['pa-hours', 22_500, 1_170_000],
      ['agency-hours', 9_275, 482_300],
    ]);
    expect(s.totals).toMatchObject({ weekly: 31_775, annual: 1_652_300 });
    expect(s.budget).toMatchObject({ annual: 1_750_000, weekly: 33_654 });
    expect(s.gap).toBe(97_700);
    const human = await cli(['plan', 'show', '--ledger', l.file, '--client', String(l.clientId)]);
    expect(human.out).toContain('Total £317.75 a week, £16,523.00 a year');
    expect(human.out).toContain('£977.00 a year left');
  });

  it('refuses to submit a plan over budget, naming the gap in pounds, and writes nothing', async () => {
    const l = await ledger(1_600_000);
    const before = planRows(l.file);
    const show = JSON.parse((await cli(['plan', 'show', '--ledger', l.file, '--client', String(l.clientId), '--json'])).out) as PlanShow;
    expect(show.gap).toBe(-52_300);
    expect(show.check.canSubmit).toBe(false);
    const r = await cli(['plan', 'submit', '--ledger', l.file, '--plan', String(l.planId)]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('VALIDATION: The plan costs £523.00 a year more than the personal budget of £16,000.00. Reduce the plan or ask the funder to review the budget.\n');
    expect(planRows(l.file)).toEqual(before);
  });

  it('submits a plan within budget', async () => {
    const l = await ledger(1_750_000);
    const r = await cli(['plan', 'submit', '--ledger', l.file, '--plan', String(l.planId), '--by', 'Sam Broker', '--json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ id: l.planId, status: 'submitted' });
    expect(planRows(l.file).statuses).toEqual(['submitted']);
  });

  it('usage errors exit 2; a client without a plan is NOT_FOUND', async () => {
    const l = await ledger(1_750_000);
    expect((await cli(['plan', 'show', '--ledger', l.file, '--client', 'abc'])).code).toBe(2);
    const none = await cli(['plan', 'show', '--ledger', l.file, '--client', String(l.emptyClientId)]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^NOT_FOUND: --client: client \d+ has no support plan yet/);
  });
});

describe('steward oncost', () => {
  it('prints each component and the total hourly and weekly cost in pence, without a ledger', async () => {
    const r = await cli(['oncost', '--hourly', '15.00', '--hours-per-week', '15', '--frequency', 'weekly', '--date', '2026-04-10', '--el-insurance', '60', '--payroll-fee', '5', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out) as OncostResult;
    expect(o.components.map((c) => [c.key, c.perHour, c.perWeek])).toEqual([
      ['holiday-pay', 181, 2716],
      ['employer-ni', 129, 1935],
      ['pension', 21, 315],
      ['el-insurance', 8, 115],
      ['payroll-fee', 33, 500],
    ]);
    expect(o).toMatchObject({ totalPerHour: 1872, totalPerWeek: 28_081, taxYear: '2026-27' });
    const human = await cli(['oncost', '--hourly', '£15', '--hours-per-week', '15', '--frequency', 'weekly', '--date', '2026-04-10', '--no-pension', '--holiday', 'none']);
    expect(human.out).toContain('True cost');
    expect(human.out).toContain('£16.29/hr'); // 15.00 + NI 1.29
  });

  it('refuses bad options with exit 2 and figures outside the held tax years with VALIDATION', async () => {
    const base = ['oncost', '--hourly', '15', '--hours-per-week', '15', '--frequency', 'weekly', '--date', '2026-04-10'];
    expect((await cli([...base.slice(0, 7), 'daily', ...base.slice(7)])).code).toBe(2);
    expect((await cli(base.map((a) => (a === '15' ? 'lots' : a)))).code).toBe(2);
    const far = await cli(base.map((a) => (a === '2026-04-10' ? '2031-04-10' : a)));
    expect(far.code).toBe(1);
    expect(far.err).toMatch(/^VALIDATION: No payroll figures for tax year 2031-32/);
    const big = await cli(base.map((a, i) => (i === 2 ? '1000.01' : a)));
    expect(big.code).toBe(1);
    expect(big.err).toMatch(/hourly/);
  });
});
