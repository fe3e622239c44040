/**
 * Pay runs by period number and "run all due" through the api on a real ledger:
 * payrun.periodFor, payrun.draftPeriod, payrun.due and payrun.runAllDue, with refusals that write
 * nothing (unknown employer, not an employer, period 0 / 13 / 60, already posted, already drafted)
 * and one employer's failure not undoing another's draft.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DueRow, RunAllResult } from '../../../shared/contract-payroll-ops';
import type { PayRun } from '../../../shared/contract-payruns';
import { ops, type Ops } from './ops-fixture';

let o: Ops;
afterEach(() => o?.close());

const APRIL = { periodStart: '2026-04-01', periodEnd: '2026-04-30' };

describe('payrun.periodFor and payrun.draftPeriod', () => {
  it('gives the dates of a period and drafts the run with them', async () => {
    o = await ops();
    const c = await o.employer('Ada Lovelace');
    const pa = await o.pa(c.id, 'Grace Hopper', 'JG103759A');
    const t = await o.sheet(pa.id, '2026-04-06', '2026-04-30', 20, 1000); // 20 × 10 h × £15 = £3,000
    expect(t.grossPay).toBe(300_000);
    expect(await o.env.call('payrun.periodFor', { clientId: c.id, taxYear: '2026-27', period: 1 })).toEqual({
      clientId: c.id,
      taxYear: '2026-27',
      period: 1,
      ...APRIL,
      payDate: '2026-04-28',
    });
    const run = await o.env.call<PayRun>('payrun.draftPeriod', { clientId: c.id, taxYear: '2026-27', period: 1 });
    expect(run).toMatchObject({ ...APRIL, payDate: '2026-04-28', status: 'draft', taxYear: '2026-27', taxPeriod: 1 });
    expect(run.lines.map((l) => [l.paId, l.gross])).toEqual([[pa.id, 300_000]]);
    // £3,000 in month 1 on 1257L, category A (the figures test/unit/cli-payroll.test.ts checks): £390.20 tax, £156.16 / £387.45 NI.
    expect(run.totals).toMatchObject({ tax: 39020, employeeNi: 15616, employerNi: 38745, net: 300_000 - 39020 - 15616 });
  });

  it('refuses bad input, naming the field, and writes nothing', async () => {
    o = await ops();
    const c = await o.employer('Ada Lovelace');
    const pa = await o.pa(c.id, 'Grace Hopper', 'JG103759A');
    await o.sheet(pa.id, '2026-04-06', '2026-04-30', 20, 1000);
    const notEmployer = await o.env.call<{ id: number }>('client.create', { name: 'Bob Smith', funderIds: [o.funder.id], startDate: '2026-04-06', dateOfBirth: '1980-05-01' });
    const before = o.counts();
    expect(await o.fail('payrun.draftPeriod', { clientId: 999, taxYear: '2026-27', period: 1 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await o.fail('payrun.draftPeriod', { clientId: notEmployer.id, taxYear: '2026-27', period: 1 })).toMatchObject({ code: 'VALIDATION', where: 'clientId' });
    for (const period of [0, 13, 60]) {
      expect(await o.fail('payrun.draftPeriod', { clientId: c.id, taxYear: '2026-27', period }), `period ${period}`).toMatchObject({ code: 'VALIDATION', where: 'period' });
    }
    expect(await o.fail('payrun.draftPeriod', { clientId: c.id, taxYear: '2026-28', period: 1 })).toMatchObject({ code: 'VALIDATION', where: 'taxYear' });
    expect(await o.fail('payrun.periodFor', { clientId: c.id, taxYear: '2026-27', period: 13 })).toMatchObject({ code: 'VALIDATION', where: 'period' });
    // May has no approved timesheets.
    expect(await o.fail('payrun.draftPeriod', { clientId: c.id, taxYear: '2026-27', period: 2 })).toMatchObject({ code: 'VALIDATION', where: 'periodStart' });
    expect(o.counts()).toEqual(before);
  });

  it('refuses a period that is already drafted or posted (CONFLICT, "period"), writing nothing', async () => {
    o = await ops();
    const c = await o.employer('Ada Lovelace');
    const pa = await o.pa(c.id, 'Grace Hopper', 'JG103759A');
    await o.sheet(pa.id, '2026-04-06', '2026-04-30', 20, 1000);
    await o.fund(c.id, '2026-04-06', 1_000_000);
    const draft = await o.env.call<PayRun>('payrun.draftPeriod', { clientId: c.id, taxYear: '2026-27', period: 1 });
    let before = o.counts();
    const dup = await o.fail('payrun.draftPeriod', { clientId: c.id, taxYear: '2026-27', period: 1 });
    expect(dup).toMatchObject({ code: 'CONFLICT', where: 'period' });
    expect(dup.message).toContain(`pay run ${draft.id}, draft`);
    expect(o.counts()).toEqual(before);
    await o.env.call('payrun.approve', { id: draft.id, approvals: [{ by: 'Ada Lovelace' }] });
    await o.env.call('payrun.post', { id: draft.id });
    before = o.counts();
    const posted = await o.fail('payrun.draftPeriod', { clientId: c.id, taxYear: '2026-27', period: 1 });
    expect(posted).toMatchObject({ code: 'CONFLICT', where: 'period' });
    expect(posted.message).toContain(`already posted (pay run ${draft.id})`);
    expect(o.counts()).toEqual(before);
  });
});

describe('payrun.due and payrun.runAllDue', () => {
  async function three() {
    o = await ops();
    const ready = await o.employer('Ada Lovelace');
    const grace = await o.pa(ready.id, 'Grace Hopper', 'JG103759A');
    const alan = await o.pa(ready.id, 'Alan Turing', 'AB123456C');
    await o.pa(ready.id, 'Left Early', 'CE654321B', { startDate: '2026-04-06', leavingDate: '2026-04-10' });
    await o.pa(ready.id, 'Starts Later', 'HK112233A', { startDate: '2026-05-10' });
    await o.sheet(grace.id, '2026-04-06', '2026-04-30', 20, 1000);
    const empty = await o.employer('Bea Blocked');
    const low = await o.pa(empty.id, 'Low Pay', 'JG103759A', { standardRate: 500 }); // £5 an hour: below the minimum wage
    const blocked = await o.env.call<{ id: number; status: string }>('timesheet.create', { paId: low.id, periodStart: '2026-04-06', periodEnd: '2026-04-30', lines: [{ date: '2026-04-07', rateType: 'standard', hours: 800 }] });
    expect(blocked.status).toBe('blocked');
    const weekly = await o.employer('Cy Weekly', { payFrequency: 'weekly', payDay: 'friday' });
    const ended = await o.employer('Di Ended');
    await o.env.call('client.end', { id: ended.id, date: '2026-04-06', reason: 'Moved to another area', authorisedBy: 'Ada Lovelace' });
    return { ready, grace, alan, empty, weekly };
  }

  it('lists each open employer of the frequency with readiness and missing timesheets', async () => {
    const { ready, alan, empty } = await three();
    const rows = await o.env.call<DueRow[]>('payrun.due', { taxYear: '2026-27', frequency: 'monthly', period: 1 });
    expect(rows.map((r) => r.clientName)).toEqual(['Ada Lovelace', 'Bea Blocked']);
    expect(rows[0]).toEqual({
      clientId: ready.id,
      clientName: 'Ada Lovelace',
      ...APRIL,
      payDate: '2026-04-28',
      ready: true,
      reason: null,
      approvedTimesheets: 1,
      paCount: 1,
      // Left Early worked 6–10 April, so is employed in the period; Starts Later is not.
      missingTimesheets: [
        { paId: alan.id, paName: 'Alan Turing' },
        { paId: expect.any(Number), paName: 'Left Early' },
      ],
      runId: null,
      runStatus: null,
    });
    expect(rows[1]).toMatchObject({ clientId: empty.id, ready: false, approvedTimesheets: 0, paCount: 0, runId: null });
    expect(rows[1]!.reason).toMatch(/No approved timesheets: 1 timesheet\(s\) are blocked by the minimum-wage check/);
    const weeklyRows = await o.env.call<DueRow[]>('payrun.due', { taxYear: '2026-27', frequency: 'weekly', period: 1 });
    expect(weeklyRows.map((r) => [r.clientName, r.payDate, r.reason])).toEqual([['Cy Weekly', '2026-04-10', 'No approved timesheets in this period. Enter and approve the timesheets first.']]);
    expect(await o.fail('payrun.due', { taxYear: '2026-27', frequency: 'monthly', period: 0 })).toMatchObject({ code: 'VALIDATION', where: 'period' });
    expect(await o.fail('payrun.due', { taxYear: '2026-27', frequency: 'four-weekly', period: 15 })).toMatchObject({ code: 'VALIDATION', where: 'period' });
  });

  it('drafts the ready employers, skips the rest with a reason, and a second go drafts nothing new', async () => {
    const { ready, empty } = await three();
    const r = await o.env.call<RunAllResult>('payrun.runAllDue', { taxYear: '2026-27', frequency: 'monthly', period: 1 });
    expect(r.drafted).toEqual([{ clientId: ready.id, clientName: 'Ada Lovelace', runId: expect.any(Number), paCount: 1, gross: 300_000, net: 300_000 - 39020 - 15616 }]);
    expect(r.skipped).toEqual([{ clientId: empty.id, clientName: 'Bea Blocked', code: 'VALIDATION', reason: expect.stringMatching(/blocked by the minimum-wage check/) }]);
    const run = await o.env.call<PayRun>('payrun.get', { id: r.drafted[0]!.runId });
    expect(run).toMatchObject({ clientId: ready.id, ...APRIL, payDate: '2026-04-28', status: 'draft' });
    const due = await o.env.call<DueRow[]>('payrun.due', { taxYear: '2026-27', frequency: 'monthly', period: 1 });
    expect(due[0]).toMatchObject({ ready: false, runId: run.id, runStatus: 'draft', reason: `Pay run ${run.id} for this period is already draft: review and approve it.` });
    const before = o.counts();
    const again = await o.env.call<RunAllResult>('payrun.runAllDue', { taxYear: '2026-27', frequency: 'monthly', period: 1 });
    expect(again.drafted).toEqual([]);
    expect(again.skipped.map((s) => [s.clientName, s.code])).toEqual([
      ['Ada Lovelace', 'CONFLICT'],
      ['Bea Blocked', 'VALIDATION'],
    ]);
    expect(o.counts().runs).toBe(before.runs);
    const audit = await o.env.call<Array<{ action: string; entityId: string }>>('audit.list', { entity: 'payroll' });
    expect(audit.filter((a) => a.action === 'run-all-due')).toHaveLength(2);
  });

  it("one employer's failure is skipped with its code and does not undo another's draft", async () => {
    o = await ops();
    const a = await o.employer('Ada Lovelace');
    const b = await o.employer('Bea Broken');
    for (const [c, ni] of [
      [a, 'JG103759A'],
      [b, 'AB123456C'],
    ] as const) {
      const pa = await o.pa(c.id, `PA of ${c.name}`, ni);
      await o.sheet(pa.id, '2026-04-06', '2026-04-30', 20, 1000);
    }
    // Make Bea's draft fail part-way, after the due check, as a database failure would.
    const db = o.env.ctx.session.ledger!.db;
    db.exec(`CREATE TEMP TRIGGER fail_bea BEFORE INSERT ON pay_run_lines WHEN (SELECT client_id FROM pay_runs WHERE id = NEW.pay_run_id) = ${b.id} BEGIN SELECT RAISE(ABORT, 'disk went away'); END`);
    const r = await o.env.call<RunAllResult>('payrun.runAllDue', { taxYear: '2026-27', frequency: 'monthly', period: 1 });
    expect(r.drafted.map((d) => d.clientId)).toEqual([a.id]);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]).toMatchObject({ clientId: b.id, clientName: 'Bea Broken' });
    expect(r.skipped[0]!.reason).toContain('disk went away');
    // Bea's half-made run was rolled back; Ada's stands.
    const rows = db.prepare('SELECT client_id FROM pay_runs ORDER BY id').all() as Array<{ client_id: number }>;
    expect(rows.map((x) => x.client_id)).toEqual([a.id]);
  });

  it('posts approved runs together; one that cannot post is listed with its error and the others land', async () => {
    o = await ops();
    const rich = await o.employer('Ada Lovelace');
    const poor = await o.employer('Charles Babbage');
    const draftOnly = await o.employer('Mary Somerville');
    for (const [c, ni] of [[rich, 'JG103759A'], [poor, 'AB123456C'], [draftOnly, 'CE123456D']] as const) {
      const pa = await o.pa(c.id, `PA of ${c.name}`, ni);
      await o.sheet(pa.id, '2026-04-06', '2026-04-30', 20, 1000, [c.name]);
    }
    const drafted = await o.env.call<{ drafted: Array<{ clientId: number; runId: number }> }>('payrun.runAllDue', { taxYear: '2026-27', frequency: 'monthly', period: 1 });
    const runOf = (id: number) => drafted.drafted.find((d) => d.clientId === id)!.runId;
    await o.env.call('payrun.approve', { id: runOf(rich.id), approvals: [{ by: 'Ada Lovelace' }] });
    await o.env.call('payrun.approve', { id: runOf(poor.id), approvals: [{ by: 'Charles Babbage' }] });
    await o.env.call('payrun.post', { id: runOf(poor.id) }); // already posted by the time the batch runs
    const result = await o.env.call<{ posted: Array<{ runId: number }>; skipped: Array<{ runId: number; code: string; reason: string }> }>('payrun.postApproved', {
      ids: [runOf(rich.id), runOf(poor.id), runOf(draftOnly.id)],
    });
    expect(result.posted.map((p) => p.runId)).toEqual([runOf(rich.id)]);
    expect(result.skipped.map((s) => [s.runId, s.code])).toEqual([
      [runOf(poor.id), 'CONFLICT'],
      [runOf(draftOnly.id), 'CONFLICT'],
    ]);
    expect(result.skipped[0]!.reason).toMatch(/is posted; only an approved run can be posted/);
    expect(result.skipped[1]!.reason).toMatch(/is draft; only an approved run can be posted/);
    expect((await o.env.call<{ status: string }>('payrun.get', { id: runOf(rich.id) })).status).toBe('posted');
    expect((await o.env.call<{ status: string; entryId: number | null }>('payrun.get', { id: runOf(draftOnly.id) })).entryId).toBeNull();
    // One payroll entry each for the two posted runs; none for the draft.
    const entries = o.env.ctx.session.ledger!.db.prepare("SELECT client_id FROM journal_entries WHERE kind = 'payroll' ORDER BY id").all() as Array<{ client_id: number }>;
    expect(entries.map((e) => e.client_id)).toEqual([poor.id, rich.id]);
    expect(await o.fail('payrun.postApproved', { ids: [] })).toMatchObject({ code: 'VALIDATION', where: 'ids' });
    expect(await o.fail('payrun.postApproved', { ids: [1, 1] })).toMatchObject({ code: 'VALIDATION', where: 'ids' });
  });
});
