/** Timesheets through the api, on a real encrypted ledger. */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api';
import type { Method } from '../../../shared/contract';
import type { Pa } from '../../../shared/contract-payroll';
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
  weekendRate: 1500,
  nightRate: 1450,
  sleepInRate: 1221,
  bankHolidayRate: 2025,
  contractedHours: 3750,
};

const WEEK = { periodStart: '2026-05-04', periodEnd: '2026-05-10' };

interface AuditRow {
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

async function setup(clientExtra: Record<string, unknown> = {}) {
  env = await openTestLedger();
  const funder = await addFunder(env);
  const client = await addClient(env, funder.id, clientExtra);
  await env.call('employer.set', { clientId: client.id, payFrequency: 'weekly', payDay: 'friday' });
  const pa = await env.call<Pa>('pa.create', { clientId: client.id, ...PA });
  return { funder, client, pa };
}

async function fail(method: Method, input: unknown): Promise<ErrorBody> {
  const r = await dispatch(env.ctx, method, input);
  if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

function db() {
  return env.ctx.session.ledger!.db;
}

function counts(): { timesheets: number; lines: number; audit: number } {
  const n = (t: string) => (db().prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { timesheets: n('timesheets'), lines: n('timesheet_lines'), audit: n('audit_log') };
}

async function auditOf(id: number): Promise<AuditRow[]> {
  return env.call<AuditRow[]>('audit.list', { entity: 'timesheet', entityId: String(id) });
}

describe('timesheets: pay and checks', () => {
  it('prices each line from the contract, rounding half up per line, and returns exact gross pay; get and list read back', async () => {
    const { client, pa } = await setup();
    const t = await env.call<Timesheet>('timesheet.create', {
      paId: pa.id,
      ...WEEK,
      lines: [
        { date: '2026-05-04', rateType: 'standard', hours: 750 }, // 7.5 × £13.50 = £101.25
        { date: '2026-05-09', rateType: 'weekend', hours: 333 }, // 3.33 × £15.00 = £49.95
        { date: '2026-05-05', rateType: 'night', hours: 101 }, // 1.01 × £14.50 = £14.645 → £14.65 (half up)
        { date: '2026-05-06', rateType: 'bank-holiday', hours: 1 }, // 0.01 × £20.25 = 20.25p → 20p
        { date: '2026-05-06', rateType: 'sleep-in', hours: 50 }, // 0.5 × £12.21 = 610.5p → 611p
      ],
    });
    expect(t.lines.map((l) => [l.rate, l.pay])).toEqual([
      [1350, 10125],
      [1500, 4995],
      [1450, 1465],
      [2025, 20],
      [1221, 611],
    ]);
    expect(t.grossPay).toBe(17216);
    expect(t.totalHours).toBe(1235);
    expect(t.status).toBe('draft');
    // 12.35 h = 741 min; 741 × £12.71 / 60 = £156.9685 → 15697p required (rates from 1 April 2026, age 35).
    expect(t.minimumWage).toEqual({
      ratesFrom: '2026-04-01',
      ageOnPeriodEnd: 35,
      hourlyRate: 1271,
      hoursCounted: 1235,
      minutesWorked: 741,
      payCounted: 17216,
      required: 15697,
      shortfall: 0,
      ok: true,
    });
    expect(await env.call('timesheet.get', { id: t.id })).toEqual(t);
    expect(await env.call('timesheet.list', { clientId: client.id })).toEqual([t]);
    expect(await env.call('timesheet.list', { clientId: client.id, periodStart: '2026-05-11' })).toEqual([]);
    // A second timesheet for an overlapping period is a conflict.
    expect(await fail('timesheet.create', { paId: pa.id, periodStart: '2026-05-10', periodEnd: '2026-05-16', lines: [{ date: '2026-05-11', rateType: 'standard', hours: 100 }] })).toMatchObject({
      code: 'CONFLICT',
      where: 'periodStart',
    });
  });

  it('refuses bad lines naming the field, and writes nothing', async () => {
    const { client, pa } = await setup();
    const noWeekend = await env.call<Pa>('pa.create', { ...PA, clientId: client.id, name: 'Alan Turing', niNumber: null, weekendRate: null });
    const before = counts();
    const line = (extra: Record<string, unknown>) => ({ date: '2026-05-04', rateType: 'standard', hours: 700, ...extra });
    const cases: Array<[unknown[], string, number?]> = [
      [[line({ hours: -100 })], 'lines[0].hours'],
      [[line({}), line({ hours: 0 })], 'lines[1].hours'],
      [[line({ hours: 1500 }), line({ hours: 1000 })], 'lines[1].hours'],
      [[line({ hours: 2401 })], 'lines[0].hours'],
      [[line({ date: '2026-05-11' })], 'lines[0].date'],
      [[line({}), line({ rateType: 'weekend' })], 'lines[1].rateType', noWeekend.id],
    ];
    for (const [lines, where, paId] of cases) {
      const err = await fail('timesheet.create', { paId: paId ?? pa.id, ...WEEK, lines });
      expect(err.code, JSON.stringify(lines)).toBe('VALIDATION');
      expect(err.where, JSON.stringify(lines)).toBe(where);
      expect(err.message.length).toBeGreaterThan(10);
    }
    expect(await fail('timesheet.create', { paId: pa.id, ...WEEK, lines: [line({ hours: 7.5 })] })).toMatchObject({ code: 'VALIDATION', where: 'lines.0.hours' });
    expect(await fail('timesheet.create', { paId: pa.id, ...WEEK, lines: [line({ rateType: 'overtime' })] })).toMatchObject({ code: 'VALIDATION', where: 'lines.0.rateType' });
    expect(await fail('timesheet.create', { paId: pa.id, periodStart: '2026-05-10', periodEnd: '2026-05-04', lines: [line({})] })).toMatchObject({ code: 'VALIDATION', where: 'periodEnd' });
    expect(await fail('timesheet.create', { paId: 999, ...WEEK, lines: [line({})] })).toMatchObject({ code: 'NOT_FOUND', where: 'id' });
    expect(await fail('timesheet.create', { paId: pa.id, ...WEEK, lines: [line({})], extra: 1 })).toMatchObject({ code: 'VALIDATION' });
    expect(counts()).toEqual(before);
  });

  it('a PA who has left: no hours after the leaving date, no period starting after it', async () => {
    const { pa } = await setup();
    await env.call('pa.leave', { id: pa.id, leavingDate: '2026-05-06' });
    const before = counts();
    const after = await fail('timesheet.create', {
      paId: pa.id,
      ...WEEK,
      lines: [
        { date: '2026-05-05', rateType: 'standard', hours: 700 },
        { date: '2026-05-07', rateType: 'standard', hours: 700 },
      ],
    });
    expect(after).toMatchObject({ code: 'VALIDATION', where: 'lines[1].date' });
    expect(after.message).toMatch(/left/);
    const later = await fail('timesheet.create', { paId: pa.id, periodStart: '2026-05-11', periodEnd: '2026-05-17', lines: [{ date: '2026-05-11', rateType: 'standard', hours: 700 }] });
    expect(later).toMatchObject({ code: 'VALIDATION', where: 'periodStart' });
    expect(await fail('timesheet.create', { paId: pa.id, periodStart: '2026-03-30', periodEnd: '2026-04-05', lines: [{ date: '2026-04-01', rateType: 'standard', hours: 700 }] })).toMatchObject({
      code: 'VALIDATION',
      where: 'periodEnd',
    });
    expect(counts()).toEqual(before);
    // Up to the leaving date is fine.
    const t = await env.call<Timesheet>('timesheet.create', { paId: pa.id, ...WEEK, lines: [{ date: '2026-05-06', rateType: 'standard', hours: 700 }] });
    expect(t.grossPay).toBe(9450);
  });
});

describe('timesheets: minimum wage', () => {
  // 8 h sleep-in at £12.21 = £97.68; 480 min at £12.71 needs £101.68: 400p short.
  const SLEEP = [{ date: '2026-05-04', rateType: 'sleep-in', hours: 800 }];

  it('a breach blocks approval with its figures; an authorised note clears it', async () => {
    const { pa } = await setup();
    const t = await env.call<Timesheet>('timesheet.create', { paId: pa.id, ...WEEK, lines: SLEEP });
    expect(t.status).toBe('blocked');
    expect(t.minimumWage).toMatchObject({ hourlyRate: 1271, minutesWorked: 480, payCounted: 9768, required: 10168, shortfall: 400, ok: false });
    const refused = await fail('timesheet.approve', { id: t.id, approvals: [{ by: 'Ada Lovelace' }] });
    expect(refused).toMatchObject({ code: 'CONFLICT', where: 'id' });
    expect(refused.message).toMatch(/400p short/);
    expect(refused.details).toMatchObject({ minimumWage: { shortfall: 400 } });
    expect((await fail('timesheet.noteMinimumWage', { id: t.id, by: 'Ada Lovelace', reason: 'no' })).where).toBe('reason');

    env.clock.set('2026-05-11T09:00:00.000Z');
    const noted = await env.call<Timesheet>('timesheet.noteMinimumWage', { id: t.id, by: 'Ada Lovelace', reason: 'Sleep-in allowance agreed; asleep time is not working time' });
    expect(noted.status).toBe('draft');
    expect(noted.minimumWageNote).toEqual({ by: 'Ada Lovelace', reason: 'Sleep-in allowance agreed; asleep time is not working time', at: '2026-05-11T09:00:00.000Z' });
    expect(await fail('timesheet.noteMinimumWage', { id: t.id, by: 'Ada Lovelace', reason: 'again please' })).toMatchObject({ code: 'CONFLICT' });
    const approved = await env.call<Timesheet>('timesheet.approve', { id: t.id, approvals: [{ by: 'Ada Lovelace', method: 'email' }] });
    expect(approved).toMatchObject({ status: 'approved', approvals: [{ by: 'Ada Lovelace', method: 'email', at: '2026-05-11' }] });
    expect((await auditOf(t.id)).map((r) => r.action)).toEqual(['approve', 'note-minimum-wage', 'create']);
  });

  it('fixing the lines clears the block; new failing lines block again (the note is for the old figures)', async () => {
    const { pa } = await setup();
    const t = await env.call<Timesheet>('timesheet.create', { paId: pa.id, ...WEEK, lines: SLEEP });
    expect(t.status).toBe('blocked');
    const fixed = await env.call<Timesheet>('timesheet.update', { id: t.id, lines: [...SLEEP, { date: '2026-05-05', rateType: 'standard', hours: 800 }] });
    expect(fixed).toMatchObject({ status: 'draft', grossPay: 9768 + 10800 });
    expect(fixed.minimumWage.ok).toBe(true);
    const again = await env.call<Timesheet>('timesheet.update', { id: t.id, lines: SLEEP });
    expect(again.status).toBe('blocked');
    const rows = await auditOf(t.id);
    expect(rows.map((r) => r.action)).toEqual(['update', 'update', 'create']);
    expect(rows[1]).toMatchObject({ before: t, after: fixed });
    expect(rows[0]).toMatchObject({ before: fixed, after: again });
  });
});

describe('timesheets: approval', () => {
  it('an Independent User Trust needs two different trustees named on the client', async () => {
    const { pa } = await setup({ arrangement: 'user-trust', trustees: [{ name: 'Tom Smith' }, { name: 'Jane Doe', family: true }] });
    const t = await env.call<Timesheet>('timesheet.create', { paId: pa.id, ...WEEK, lines: [{ date: '2026-05-04', rateType: 'standard', hours: 800 }] });
    const before = counts();
    expect(await fail('timesheet.approve', { id: t.id, approvals: [{ by: 'Tom Smith' }] })).toMatchObject({ code: 'AUTHORISATION_REQUIRED', where: 'approvals' });
    expect(await fail('timesheet.approve', { id: t.id, approvals: [{ by: 'Tom Smith' }, { by: 'tom smith' }] })).toMatchObject({ code: 'AUTHORISATION_REQUIRED' });
    const stranger = await fail('timesheet.approve', { id: t.id, approvals: [{ by: 'Tom Smith' }, { by: 'Ada Lovelace' }] });
    expect(stranger).toMatchObject({ code: 'AUTHORISATION_REQUIRED' });
    expect(stranger.message).toMatch(/not a trustee/);
    expect(counts()).toEqual(before);
    const ok = await env.call<Timesheet>('timesheet.approve', { id: t.id, approvals: [{ by: 'Tom Smith' }, { by: 'Jane Doe', method: 'in-person', at: '2026-05-10' }] });
    expect(ok.status).toBe('approved');
    expect(ok.approvals.map((a) => [a.by, a.method])).toEqual([
      ['Tom Smith', 'written'],
      ['Jane Doe', 'in-person'],
    ]);
  });

  it('an approved timesheet is immutable through the api and in SQL; reopen (audited) lets it change', async () => {
    const { pa } = await setup();
    const t = await env.call<Timesheet>('timesheet.create', { paId: pa.id, ...WEEK, lines: [{ date: '2026-05-04', rateType: 'standard', hours: 800 }] });
    const approved = await env.call<Timesheet>('timesheet.approve', { id: t.id, approvals: [{ by: 'Ada Lovelace' }] });
    const before = counts();
    expect(await fail('timesheet.update', { id: t.id, lines: [{ date: '2026-05-04', rateType: 'standard', hours: 900 }] })).toMatchObject({ code: 'IMMUTABLE', where: 'id' });
    expect(await fail('timesheet.approve', { id: t.id, approvals: [{ by: 'Ada Lovelace' }] })).toMatchObject({ code: 'CONFLICT' });
    expect(() => db().prepare('UPDATE timesheet_lines SET hours = 900 WHERE timesheet_id = ?').run(t.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare('DELETE FROM timesheet_lines WHERE timesheet_id = ?').run(t.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare("INSERT INTO timesheet_lines(timesheet_id, line_no, date, rate_type, hours, rate, pay) VALUES (?, 9, '2026-05-05', 'standard', 100, 1350, 1350)").run(t.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare('UPDATE timesheets SET gross_pay = 1, total_hours = 1 WHERE id = ?').run(t.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare("UPDATE timesheets SET approvals_json = '[{}]' WHERE id = ?").run(t.id)).toThrow(/IMMUTABLE/);
    expect(() => db().prepare('DELETE FROM timesheets WHERE id = ?').run(t.id)).toThrow(/IMMUTABLE/);
    expect(counts()).toEqual(before);
    expect(await env.call('timesheet.get', { id: t.id })).toEqual(approved);

    expect((await fail('timesheet.reopen', { id: t.id, by: 'Ada Lovelace', reason: 'x' })).where).toBe('reason');
    env.clock.set('2026-05-12T09:00:00.000Z');
    const reopened = await env.call<Timesheet>('timesheet.reopen', { id: t.id, by: 'Ada Lovelace', reason: 'Monday was 9 hours, not 8' });
    expect(reopened).toMatchObject({ status: 'draft', approvals: [], approvedAt: null, reopened: { by: 'Ada Lovelace', reason: 'Monday was 9 hours, not 8', at: '2026-05-12T09:00:00.000Z' } });
    expect(await fail('timesheet.reopen', { id: t.id, by: 'Ada Lovelace', reason: 'once more' })).toMatchObject({ code: 'CONFLICT' });
    const edited = await env.call<Timesheet>('timesheet.update', { id: t.id, lines: [{ date: '2026-05-04', rateType: 'standard', hours: 900 }] });
    expect(edited.grossPay).toBe(12150);
    const rows = await auditOf(t.id);
    expect(rows.map((r) => r.action)).toEqual(['update', 'reopen', 'approve', 'create']);
    expect(rows[1]).toMatchObject({ before: approved, after: reopened });
  });
});

describe('timesheets: CSV import', () => {
  it('creates one draft timesheet per PA for the period, in one go, each audited', async () => {
    const { client, pa } = await setup();
    const alan = await env.call<Pa>('pa.create', { ...PA, clientId: client.id, name: 'Alan Turing', niNumber: 'AB123456C' });
    const before = counts();
    const csv = ['pa_ni_number,date,rate_type,hours', 'JG 10 37 59 A,2026-05-04,standard,7.5', 'AB123456C,2026-05-05,night,8', 'jg103759a,2026-05-09,weekend,3.25', ''].join('\r\n');
    const r = await env.call<{ created: Timesheet[] }>('timesheet.importCsv', { clientId: client.id, ...WEEK, csv });
    expect(r.created.map((t) => [t.paId, t.status, t.totalHours, t.grossPay])).toEqual([
      [pa.id, 'draft', 1075, 10125 + 4875],
      [alan.id, 'draft', 800, 11600],
    ]);
    expect(counts()).toEqual({ timesheets: before.timesheets + 2, lines: before.lines + 3, audit: before.audit + 2 });
    expect((await auditOf(r.created[0]!.id)).map((a) => a.action)).toEqual(['import']);

    const byId = await env.call<{ created: Timesheet[] }>('timesheet.importCsv', {
      clientId: client.id,
      periodStart: '2026-05-11',
      periodEnd: '2026-05-17',
      csv: `pa_id,date,rate_type,hours\n${pa.id},2026-05-11,standard,1.01\n`,
    });
    expect(byId.created[0]!.grossPay).toBe(1364); // 1.01 × £13.50 = £13.635 → £13.64
  });

  it('a bad row is VALIDATION naming its line, and nothing is written', async () => {
    const { client, pa } = await setup();
    await env.call('pa.leave', { id: pa.id, leavingDate: '2026-05-08' });
    const before = counts();
    const head = 'pa_ni_number,date,rate_type,hours';
    const good = 'JG103759A,2026-05-04,standard,7.5';
    const cases: Array<[string, string]> = [
      [`${head}\n${good}\n${good.replace('standard', 'holiday')}`, 'line 3'],
      [`${head}\n${good}\nJG103759A,2026-05-05,standard,-2`, 'line 3'],
      [`${head}\n${good}\nJG103759A,2026-05-05,standard,0`, 'line 3'],
      [`${head}\n${good}\nJG103759A,05/05/2026,standard,2`, 'line 3'],
      [`${head}\nQQ123456C,2026-05-05,standard,2`, 'line 2'],
      [`${head}\n${good}\n\nJG103759A,2026-05-09,standard,2`, 'line 4'],
      [`${head}\n${good}\nJG103759A,2026-05-12,standard,2`, 'line 3'],
      [`${head}\n${good}\nJG103759A,2026-05-04,standard,17`, 'line 3'],
      [`${head}\n${good},extra`, 'line 2'],
      [`name,date,rate_type,hours\n${good}`, 'line 1'],
    ];
    for (const [csv, where] of cases) {
      const err = await fail('timesheet.importCsv', { clientId: client.id, ...WEEK, csv });
      expect(err.code, csv).toBe('VALIDATION');
      expect(err.where, csv).toBe(where);
    }
    expect(counts()).toEqual(before);
  });
});
