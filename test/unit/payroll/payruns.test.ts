/** Pay runs through the api, on a real encrypted ledger. */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api';
import { calculateNi, calculatePaye, calculateStudentLoans, taxPeriodFor, taxYearFor } from '../../../main/payroll';
import { pence } from '../../../shared/money';
import type { Method } from '../../../shared/contract';
import type { Pa } from '../../../shared/contract-payroll';
import type { PayRun } from '../../../shared/contract-payruns';
import type { Timesheet } from '../../../shared/contract-timesheets';
import type { ErrorBody } from '../../../shared/errors';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder } from '../../fixtures/money';

let env: TestEnv;
afterEach(() => {
  env?.ctx.session.ledger?.close();
  env.ctx.session.ledger = null;
});

const PA = {
  name: 'Grace Hopper',
  niNumber: 'JG103759A',
  dateOfBirth: '1990-12-09',
  startDate: '2026-04-06',
  taxCode: '1257L',
  pensionStatus: 'eligible',
  standardRate: 1350,
  contractedHours: 3750,
  studentLoanPlans: ['plan2'],
};

const MAY = { periodStart: '2026-05-01', periodEnd: '2026-05-31', payDate: '2026-05-28' };
const JUNE = { periodStart: '2026-06-01', periodEnd: '2026-06-30', payDate: '2026-06-26' };

async function setup(clientExtra: Record<string, unknown> = {}) {
  env = await openTestLedger();
  const funder = await addFunder(env);
  const client = await addClient(env, funder.id, clientExtra);
  await env.call('employer.set', { clientId: client.id, payFrequency: 'monthly', payDay: 28 });
  const pa = await env.call<Pa>('pa.create', { clientId: client.id, ...PA });
  return { client, pa };
}

/** An approved timesheet of `days` days from `start` at `hours` hundredths a day; returns its gross pay. */
async function sheet(paId: number, periodStart: string, periodEnd: string, days: number, hours: number, approver = 'Ada Lovelace', second?: string): Promise<Timesheet> {
  const lines = Array.from({ length: days }, (_, i) => ({ date: `${periodStart.slice(0, 8)}${String(i + 1).padStart(2, '0')}`, rateType: 'standard', hours }));
  const t = await env.call<Timesheet>('timesheet.create', { paId, periodStart, periodEnd, lines });
  const approvals = second ? [{ by: approver }, { by: second }] : [{ by: approver }];
  return env.call<Timesheet>('timesheet.approve', { id: t.id, approvals });
}

async function fail(method: Method, input: unknown): Promise<ErrorBody> {
  const r = await dispatch(env.ctx, method, input);
  if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

function db() {
  return env.ctx.session.ledger!.db;
}

function counts(): { runs: number; lines: number; entries: number; audit: number } {
  const n = (t: string) => (db().prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { runs: n('pay_runs'), lines: n('pay_run_lines'), entries: n('journal_entries'), audit: n('audit_log') };
}

/** Lines of an entry as { account code: amount }. */
function entryLines(entryId: number): Record<string, number> {
  const rows = db()
    .prepare('SELECT a.code, l.amount FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE l.entry_id = ? ORDER BY l.seq')
    .all(entryId) as Array<{ code: string; amount: number }>;
  return Object.fromEntries(rows.map((r) => [r.code, r.amount]));
}

function balance(clientId: number, code: string): number {
  return (
    db()
      .prepare('SELECT COALESCE(SUM(l.amount), 0) AS s FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.client_id = ? AND a.code = ?')
      .get(clientId, code) as { s: number }
  ).s;
}

function engineFor(gross: number, payDate: string, before: { pay: number; tax: number }) {
  const year = taxYearFor(payDate);
  const period = taxPeriodFor(payDate, 'monthly');
  const paye = calculatePaye({
    year,
    taxCode: '1257L',
    frequency: 'monthly',
    period,
    taxablePayThisPeriod: pence(gross),
    taxablePayToDateBefore: pence(before.pay),
    taxPaidToDateBefore: pence(before.tax),
  });
  const ni = calculateNi({ year, category: 'A', frequency: 'monthly', grossPay: pence(gross) });
  const sl = calculateStudentLoans({ year, frequency: 'monthly', plans: ['plan2'], earnings: pence(gross) });
  return { tax: paye.taxThisPeriod, employeeNi: ni.employee, employerNi: ni.employer, studentLoan: sl.total, period };
}

async function auditActions(id: number): Promise<string[]> {
  const rows = await env.call<Array<{ action: string }>>('audit.list', { entity: 'payrun', entityId: String(id) });
  return rows.map((r) => r.action);
}

describe('pay runs', () => {
  it('a monthly run matches the engine exactly, posts one balanced entry, and a second month is cumulative', async () => {
    const { client, pa } = await setup();
    const may = await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 22, 900); // 22 × 9h × £13.50 = £2,673
    const run = await env.call<PayRun>('payrun.draft', { clientId: client.id, ...MAY });
    expect(run.status).toBe('draft');
    expect(run.taxYear).toBe('2026-27');
    const e = engineFor(may.grossPay, MAY.payDate, { pay: 0, tax: 0 });
    expect(run.taxPeriod).toBe(e.period);
    expect(run.lines).toHaveLength(1);
    const line = run.lines[0]!;
    expect(line).toMatchObject({ paId: pa.id, gross: may.grossPay, tax: e.tax, employeeNi: e.employeeNi, employerNi: e.employerNi, studentLoan: e.studentLoan, timesheetIds: [may.id] });
    expect(line.tax).toBeGreaterThan(0);
    expect(line.studentLoan).toBeGreaterThan(0);
    expect(line.net).toBe(may.grossPay - e.tax - e.employeeNi - e.studentLoan);
    expect(line.previousRunId).toBeNull();
    expect(run.notes).toMatch(/Pension/);

    expect(await fail('payrun.post', { id: run.id })).toMatchObject({ code: 'CONFLICT' });
    await env.call('payrun.approve', { id: run.id, approvals: [{ by: 'Ada Lovelace' }] });
    const posted = await env.call<PayRun>('payrun.post', { id: run.id });
    expect(posted.status).toBe('posted');
    const lines = entryLines(posted.entryId!);
    expect(lines).toEqual({
      'expense:pa-wages': may.grossPay,
      'expense:employer-ni': e.employerNi,
      'liability:net-wages': -line.net,
      'liability:paye-ni': -(e.tax + e.employeeNi + e.employerNi + e.studentLoan),
    });
    expect(Object.values(lines).reduce((s, a) => s + a, 0)).toBe(0);
    const entry = db().prepare('SELECT kind, memo, date FROM journal_entries WHERE id = ?').get(posted.entryId) as { kind: string; memo: string; date: string };
    expect(entry).toMatchObject({ kind: 'payroll', date: MAY.payDate });
    expect(entry.memo).toContain('2026-05-01 to 2026-05-31');

    // June: more hours, worked cumulatively on May's posted figures.
    const june = await sheet(pa.id, JUNE.periodStart, JUNE.periodEnd, 25, 1000); // 25 × 10h × £13.50 = £3,375
    const run2 = await env.call<PayRun>('payrun.draft', { clientId: client.id, ...JUNE });
    const e2 = engineFor(june.grossPay, JUNE.payDate, { pay: may.grossPay, tax: e.tax });
    const l2 = run2.lines[0]!;
    expect(l2).toMatchObject({ gross: june.grossPay, taxablePayBefore: may.grossPay, taxPaidBefore: e.tax, tax: e2.tax, employeeNi: e2.employeeNi, employerNi: e2.employerNi });
    // The year to date matters: without May's figures the engine gives a different tax.
    expect(e2.tax).not.toBe(engineFor(june.grossPay, JUNE.payDate, { pay: 0, tax: 0 }).tax);
    expect(l2.previousRunId).toBe(run.id);
    expect(l2.difference).toMatchObject({ gross: june.grossPay - may.grossPay, tax: e2.tax - e.tax, net: l2.net - line.net });
    const listed = await env.call<PayRun[]>('payrun.list', { clientId: client.id });
    expect(listed.map((r) => r.id)).toEqual([run2.id, run.id]);
    expect(await env.call<PayRun>('payrun.get', { id: run.id })).toEqual(posted);
    expect(await auditActions(run.id)).toEqual(['post', 'approve', 'draft']);
  });

  it('a period already posted is CONFLICT naming the period, and nothing is written', async () => {
    const { client, pa } = await setup();
    await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 10, 800);
    const run = await env.call<PayRun>('payrun.draft', { clientId: client.id, ...MAY });
    await env.call('payrun.approve', { id: run.id, approvals: [{ by: 'Ada Lovelace' }] });
    await env.call('payrun.post', { id: run.id });
    const before = counts();
    const again = await fail('payrun.draft', { clientId: client.id, ...MAY });
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain('2026-05-01 to 2026-05-31');
    // Overlapping, not equal, is refused too.
    expect(await fail('payrun.draft', { clientId: client.id, periodStart: '2026-05-15', periodEnd: '2026-06-14', payDate: '2026-06-12' })).toMatchObject({ code: 'CONFLICT' });
    expect(await fail('payrun.post', { id: run.id })).toMatchObject({ code: 'CONFLICT' });
    expect(counts()).toEqual(before);
  });

  it('drafting again replaces an overlapping draft (audited redraft); an approved run overlapping is CONFLICT', async () => {
    const { client, pa } = await setup();
    const t = await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 10, 800); // 10 × 8 h × £13.50 = £1,080
    const first = await env.call<PayRun>('payrun.draft', { clientId: client.id, ...MAY });
    const second = await env.call<PayRun>('payrun.draft', { clientId: client.id, ...MAY, payDate: '2026-05-29' });
    expect(second.id).toBeGreaterThan(first.id);
    expect(second.lines[0]).toMatchObject({ gross: t.grossPay, timesheetIds: [t.id] });
    expect(await fail('payrun.get', { id: first.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await env.call<PayRun[]>('payrun.list', { clientId: client.id })).toEqual([second]);
    expect(counts()).toMatchObject({ runs: 1, lines: 1 });
    expect(await auditActions(first.id)).toEqual(['redraft', 'draft']);
    const redraft = db().prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'redraft'").get() as { before_json: string; after_json: string };
    expect(JSON.parse(redraft.after_json)).toEqual({ replacedBy: second.id });
    expect((JSON.parse(redraft.before_json) as PayRun).id).toBe(first.id);
    // Approved: a further draft over any part of the period is refused and nothing changes.
    await env.call('payrun.approve', { id: second.id, approvals: [{ by: 'Ada Lovelace' }] });
    const before = counts();
    const clash = await fail('payrun.draft', { clientId: client.id, periodStart: '2026-05-20', periodEnd: '2026-06-19', payDate: '2026-06-19' });
    expect(clash).toMatchObject({ code: 'CONFLICT', where: 'periodStart' });
    expect(clash.message).toContain(`Approved pay run ${second.id} covers 2026-05-01 to 2026-05-31`);
    expect(counts()).toEqual(before);
  });

  it('refuses a period with no approved timesheets and a PA who left before the period', async () => {
    const { client, pa } = await setup();
    const t = await env.call<Timesheet>('timesheet.create', { paId: pa.id, periodStart: MAY.periodStart, periodEnd: MAY.periodEnd, lines: [{ date: '2026-05-04', rateType: 'standard', hours: 800 }] });
    const before = counts();
    expect(await fail('payrun.draft', { clientId: client.id, ...MAY })).toMatchObject({ code: 'VALIDATION' });
    await env.call('timesheet.approve', { id: t.id, approvals: [{ by: 'Ada Lovelace' }] });
    // The PA leaves on 10 May; a run for June that still picks up their June timesheet cannot be made.
    db().prepare("UPDATE pas SET leaving_date = '2026-05-10' WHERE id = ?").run(pa.id);
    db().prepare("INSERT INTO timesheets(client_id, pa_id, period_start, period_end, status, total_hours, gross_pay, nmw_json, approvals_json, approved_at, created_at, updated_at) VALUES (?, ?, '2026-06-01', '2026-06-30', 'approved', 800, 10800, '{}', '[{\"by\":\"Ada\"}]', 't', 't', 't')").run(client.id, pa.id);
    const left = await fail('payrun.draft', { clientId: client.id, ...JUNE });
    expect(left).toMatchObject({ code: 'VALIDATION' });
    expect(left.message).toMatch(/left on 2026-05-10/);
    expect(counts().runs).toBe(before.runs);
  });

  it('a trust needs two different trustees to approve', async () => {
    const { client, pa } = await setup({ arrangement: 'user-trust', trustees: [{ name: 'Tom Smith' }, { name: 'Jane Doe', family: true }] });
    await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 10, 800, 'Tom Smith', 'Jane Doe');
    const run = await env.call<PayRun>('payrun.draft', { clientId: client.id, ...MAY });
    const before = counts();
    expect(await fail('payrun.approve', { id: run.id, approvals: [{ by: 'Tom Smith' }] })).toMatchObject({ code: 'AUTHORISATION_REQUIRED' });
    expect(await fail('payrun.approve', { id: run.id, approvals: [{ by: 'Tom Smith' }, { by: 'TOM SMITH' }] })).toMatchObject({ code: 'AUTHORISATION_REQUIRED' });
    expect(await fail('payrun.approve', { id: run.id, approvals: [{ by: 'Tom Smith' }, { by: 'Ada Lovelace' }] })).toMatchObject({ code: 'AUTHORISATION_REQUIRED' });
    expect(counts()).toEqual(before);
    const ok = await env.call<PayRun>('payrun.approve', { id: run.id, approvals: [{ by: 'Tom Smith' }, { by: 'Jane Doe' }] });
    expect(ok.status).toBe('approved');
  });

  it('reverse nets the liabilities to zero, marks the run reversed and frees the period; SQL keeps posted runs', async () => {
    const { client, pa } = await setup();
    await sheet(pa.id, MAY.periodStart, MAY.periodEnd, 20, 800);
    const run = await env.call<PayRun>('payrun.draft', { clientId: client.id, ...MAY });
    await env.call('payrun.approve', { id: run.id, approvals: [{ by: 'Ada Lovelace' }] });
    const posted = await env.call<PayRun>('payrun.post', { id: run.id });
    expect(balance(client.id, 'liability:paye-ni')).toBeLessThan(0);
    expect(() => db().prepare('UPDATE pay_run_lines SET gross = 1 WHERE pay_run_id = ?').run(run.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare("UPDATE pay_runs SET pay_date = '2026-05-29' WHERE id = ?").run(run.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare('DELETE FROM pay_runs WHERE id = ?').run(run.id)).toThrow(/IMMUTABLE/);
    const reversed = await env.call<PayRun>('payrun.reverse', { id: run.id, reason: 'Wrong hours on the timesheet' });
    expect(reversed).toMatchObject({ status: 'reversed', entryId: posted.entryId, reversedReason: 'Wrong hours on the timesheet' });
    for (const code of ['liability:net-wages', 'liability:paye-ni', 'liability:pension', 'expense:pa-wages', 'expense:employer-ni']) expect(balance(client.id, code)).toBe(0);
    const rev = db().prepare('SELECT kind, reverses_id FROM journal_entries WHERE id = ?').get(reversed.reversalEntryId) as { kind: string; reverses_id: number };
    expect(rev).toEqual({ kind: 'reversal', reverses_id: posted.entryId });
    expect(await fail('payrun.reverse', { id: run.id, reason: 'Again please' })).toMatchObject({ code: 'CONFLICT' });
    expect(await auditActions(run.id)).toEqual(['reverse', 'post', 'approve', 'draft']);
    // The period can be run again; the reversed run does not count towards year to date.
    const redo = await env.call<PayRun>('payrun.draft', { clientId: client.id, ...MAY });
    expect(redo.lines[0]).toMatchObject({ taxablePayBefore: 0, taxPaidBefore: 0, previousRunId: null });
  });
});
