/**
 * payroll.reminders through the api: every kind of reminder, in due-date order, with messages that
 * say what to do; the funder's dbsMaxAgeYears decides when a DBS check is too old; leavers and
 * ended clients get none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PayRun } from '../../../shared/contract-payruns';
import type { Reminder } from '../../../shared/contract-payroll-ops';
import { ops, type Ops } from './ops-fixture';

let o: Ops;
afterEach(() => o?.close());

const AS_OF = '2026-05-21';

async function world() {
  o = await ops();
  const a = await o.employer('Ada Lovelace', { employersLiabilityInsurer: 'Acme Insurance', employersLiabilityRenewalDate: '2026-06-01', accountsOfficeReference: '123PX00123456' });
  const grace = await o.pa(a.id, 'Grace Hopper', 'JG103759A', { dbsCheckDate: '2023-05-01', enrolmentDate: '2026-04-06', reEnrolmentDate: '2026-07-01' });
  const alan = await o.pa(a.id, 'Alan Turing', 'AB123456C');
  await o.pa(a.id, 'Gone Already', 'CE654321B', { leavingDate: '2026-04-30' });
  await o.sheet(grace.id, '2026-04-06', '2026-04-30', 20, 1000);
  await o.sheet(alan.id, '2026-04-06', '2026-04-30', 4, 1000);
  const april = await o.postPeriod(a.id, 1);
  await o.sheet(grace.id, '2026-05-01', '2026-05-31', 20, 1000);
  const may = await o.env.call<PayRun>('payrun.draftPeriod', { clientId: a.id, taxYear: '2026-27', period: 2 });
  const b = await o.employer('Bea Brown');
  const ended = await o.employer('Di Ended');
  await o.env.call('client.end', { id: ended.id, date: '2026-04-06', reason: 'Moved to another area', authorisedBy: 'Ada Lovelace' });
  return { a, b, grace, alan, april, may };
}

describe('payroll.reminders', () => {
  it('lists every kind, undated first then by due date, each saying what to do', async () => {
    const { a, b, grace, alan, april, may } = await world();
    const rs = await o.env.call<Reminder[]>('payroll.reminders', { asOf: AS_OF });
    expect(rs.map((r) => [r.kind, r.clientName, r.paName, r.dueDate])).toEqual([
      ['dbs', 'Ada Lovelace', 'Alan Turing', null],
      ['el-insurance', 'Bea Brown', null, null],
      ['dbs', 'Ada Lovelace', 'Grace Hopper', '2026-05-01'],
      ['hmrc-payment', 'Ada Lovelace', null, '2026-05-22'],
      ['fps', 'Ada Lovelace', null, '2026-05-28'],
      ['missing-timesheet', 'Ada Lovelace', 'Alan Turing', '2026-05-28'],
      ['el-insurance', 'Ada Lovelace', null, '2026-06-01'],
      ['re-enrolment', 'Ada Lovelace', 'Grace Hopper', '2026-07-01'],
    ]);
    const by = (kind: Reminder['kind'], paId: number | null = null) => rs.find((r) => r.kind === kind && r.paId === paId)!;
    const hmrc = by('hmrc-payment');
    expect(hmrc.amount).toBe(april.totals.tax + april.totals.employeeNi + april.totals.employerNi + april.totals.studentLoan + april.totals.postgraduateLoan);
    expect(hmrc.message).toMatch(/^Pay HMRC £[\d,]+\.\d\d PAYE and NI for tax month 1 of 2026-27 \(6 April 2026 to 5 May 2026\) by 22 May 2026, quoting Accounts Office reference 123PX00123456\. Record it with payroll\.payLiability \(paye-ni\)\.$/);
    expect(by('fps').message).toBe(`Approve and post pay run ${may.id} (draft), then file its FPS on or before pay day, 28 May 2026.`);
    expect(by('missing-timesheet', alan.id)).toMatchObject({ clientId: a.id, paName: 'Alan Turing' });
    expect(by('missing-timesheet', alan.id).message).toContain('no approved timesheet for 1 May 2026 to 31 May 2026 (pay day 28 May 2026)');
    expect(by('dbs', grace.id).message).toContain('more than 3 years old');
    expect(by('dbs', alan.id).message).toBe('No DBS check is recorded for Alan Turing. Arrange a check and record its date on the PA\'s record.');
    expect(by('re-enrolment', grace.id).message).toContain('Pension re-enrolment for Grace Hopper is due on 1 July 2026');
    expect(rs.find((r) => r.kind === 'el-insurance' && r.clientId === b.id)!.message).toContain('No employer\'s liability insurance renewal date is recorded');
    expect(rs.find((r) => r.kind === 'el-insurance' && r.clientId === a.id)!.message).toContain('with Acme Insurance renews on 1 June 2026');
    // Nothing for the leaver or the ended client.
    expect(rs.some((r) => r.paName === 'Gone Already' || r.clientName === 'Di Ended')).toBe(false);
  });

  it("uses the funder's dbsMaxAgeYears, and posted runs ask for the FPS by pay day", async () => {
    const { a, grace, may } = await world();
    await o.env.call('funder.update', { id: o.funder.id, rules: { dbsMaxAgeYears: 5 } });
    await o.env.call('payrun.approve', { id: may.id, approvals: [{ by: 'Ada Lovelace' }] });
    await o.env.call('payrun.post', { id: may.id });
    const rs = await o.env.call<Reminder[]>('payroll.reminders', { asOf: AS_OF });
    expect(rs.some((r) => r.kind === 'dbs' && r.paId === grace.id)).toBe(false);
    expect(rs.find((r) => r.kind === 'fps')).toMatchObject({ clientId: a.id, dueDate: '2026-05-28', message: `File the FPS for run ${may.id} by 28 May 2026 (on or before pay day).` });
    // The May run is posted, so no missing-timesheet reminder for its period.
    expect(rs.some((r) => r.kind === 'missing-timesheet')).toBe(false);
    // Paying the April PAYE/NI in full clears the HMRC reminder.
    const owed = rs.find((r) => r.kind === 'hmrc-payment')!.amount!;
    await o.fund(a.id, '2026-04-06', 1_000_000);
    await o.env.call('payroll.payLiability', { clientId: a.id, liability: 'paye-ni', amount: owed, date: '2026-05-20', payeeName: 'HMRC', authorisations: [{ by: 'Ada Lovelace' }] });
    const after = await o.env.call<Reminder[]>('payroll.reminders', { asOf: AS_OF });
    expect(after.some((r) => r.kind === 'hmrc-payment')).toBe(false);
  });

  it('a funder stored before dbsMaxAgeYears existed reads as 3 years', async () => {
    o = await ops();
    const db = o.env.ctx.session.ledger!.db;
    const row = db.prepare('SELECT rules_json FROM funders WHERE id = ?').get(o.funder.id) as { rules_json: string };
    const { dbsMaxAgeYears, ...old } = JSON.parse(row.rules_json) as Record<string, unknown>;
    expect(dbsMaxAgeYears).toBe(3);
    db.prepare('UPDATE funders SET rules_json = ? WHERE id = ?').run(JSON.stringify(old), o.funder.id);
    const [f] = await o.env.call<Array<{ rules: Record<string, unknown> }>>('funder.list', {});
    expect(f!.rules['dbsMaxAgeYears']).toBe(3);
    expect(await o.fail('funder.update', { id: o.funder.id, rules: { dbsMaxAgeYears: 11 } })).toMatchObject({ code: 'VALIDATION', where: 'rules.dbsMaxAgeYears' });
  });

  it('refuses a date that is not a date', async () => {
    o = await ops();
    expect(await o.fail('payroll.reminders', { asOf: '2026-02-30' })).toMatchObject({ code: 'VALIDATION', where: 'asOf' });
    expect(await o.fail('payroll.reminders', {})).toMatchObject({ code: 'VALIDATION', where: 'asOf' });
  });
});
