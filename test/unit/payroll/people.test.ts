/** Employers and PAs through the api, on a real encrypted ledger. */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api';
import type { Method } from '../../../shared/contract';
import type { Employer, Pa } from '../../../shared/contract-payroll';
import type { ErrorBody } from '../../../shared/errors';
import { openTestLedger, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder } from '../../fixtures/money';

let env: TestEnv;
afterEach(() => {
  env?.ctx.session.ledger?.close();
  env.ctx.session.ledger = null;
});

const EMPLOYER = {
  payeReference: '123/ab45678',
  accountsOfficeReference: '123PX0012345 6',
  employmentAllowance: true,
  pensionSchemeName: 'NEST',
  pensionProvider: 'National Employment Savings Trust',
  pensionBasis: 'relief-at-source',
  payFrequency: 'weekly',
  payDay: 'friday',
  employersLiabilityInsurer: 'Fish Insurance',
  employersLiabilityRenewalDate: '2027-04-01',
};

const PA = {
  name: 'Grace Hopper',
  niNumber: 'jg 10 37 59 a',
  dateOfBirth: '1990-12-09',
  address: '1 Harbour Road, St Helens',
  startDate: '2026-04-06',
  taxCode: '1257L',
  niCategory: 'A',
  studentLoanPlans: ['plan2'],
  postgraduateLoan: true,
  pensionStatus: 'eligible',
  enrolmentDate: '2026-04-06',
  standardRate: 1350,
  weekendRate: 1500,
  nightRate: 1450,
  sleepInRate: 1221,
  bankHolidayRate: 2025,
  contractedHours: 3750,
  dbsCheckDate: '2026-03-01',
  rightToWorkCheckedDate: '2026-03-02',
};

async function setup() {
  env = await openTestLedger();
  const funder = await addFunder(env);
  const client = await addClient(env, funder.id);
  return { funder, client };
}

async function employerFor(clientId: number, extra: Record<string, unknown> = {}): Promise<Employer> {
  return env.call<Employer>('employer.set', { clientId, ...EMPLOYER, ...extra });
}

async function fail(method: Method, input: unknown): Promise<ErrorBody> {
  const r = await dispatch(env.ctx, method, input);
  if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

function counts(): { employers: number; pas: number; audit: number } {
  const db = env.ctx.session.ledger!.db;
  const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { employers: n('employers'), pas: n('pas'), audit: n('audit_log') };
}

interface AuditRow {
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

describe('employers', () => {
  it('set creates, get and list read back, a second set changes only what it gives; both audited', async () => {
    const { client } = await setup();
    expect(await env.call('employer.get', { clientId: client.id })).toBeNull();
    expect(await env.call('employer.list')).toEqual([]);

    const e = await employerFor(client.id);
    expect(e).toMatchObject({
      clientId: client.id,
      clientName: 'Ada Lovelace',
      payeReference: '123/AB45678',
      accountsOfficeReference: '123PX00123456',
      employmentAllowance: true,
      pensionBasis: 'relief-at-source',
      payFrequency: 'weekly',
      payDay: 'friday',
      employersLiabilityRenewalDate: '2027-04-01',
    });
    expect(await env.call('employer.get', { clientId: client.id })).toEqual(e);
    expect(await env.call('employer.list')).toEqual([e]);

    env.clock.set('2026-05-01T10:00:00.000Z');
    expect(e).toMatchObject({ pensionEmployerRate: 300, pensionTotalRate: 800 }); // the statutory minimum by default
    const changed = await env.call<Employer>('employer.set', { clientId: client.id, payFrequency: 'monthly', payDay: 'last-working-day', employmentAllowance: false, pensionEmployerRate: 400 });
    expect(changed).toMatchObject({ payFrequency: 'monthly', payDay: 'last-working-day', employmentAllowance: false, payeReference: '123/AB45678', pensionSchemeName: 'NEST', pensionEmployerRate: 400, pensionTotalRate: 800 });
    const day = await env.call<Employer>('employer.set', { clientId: client.id, payDay: 28, accountsOfficeReference: null });
    expect(day.payDay).toBe(28);
    expect(day).toMatchObject({ pensionEmployerRate: 400, pensionTotalRate: 800 }); // kept when not given
    expect(day.accountsOfficeReference).toBeNull();
    expect(day.createdAt).toBe(e.createdAt);

    const rows = await env.call<AuditRow[]>('audit.list', { entity: 'employer', entityId: String(client.id) });
    expect(rows.map((r) => r.action)).toEqual(['update', 'update', 'create']);
    expect(rows[2]!.before).toBeNull();
    expect(rows[2]!.after).toEqual(e);
    expect(rows[1]!.before).toEqual(e);
    expect(rows[1]!.after).toEqual(changed);
    expect(rows[0]!.before).toEqual(changed);
    expect(rows[0]!.after).toEqual(day);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const { client } = await setup();
    await employerFor(client.id);
    const before = counts();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ payeReference: '12/AB456' }, 'VALIDATION', 'payeReference'],
      [{ payeReference: '123AB456' }, 'VALIDATION', 'payeReference'],
      [{ payeReference: '123/AB456789012' }, 'VALIDATION', 'payeReference'],
      [{ accountsOfficeReference: '123PX0012345' }, 'VALIDATION', 'accountsOfficeReference'],
      [{ accountsOfficeReference: '123AX00123456' }, 'VALIDATION', 'accountsOfficeReference'],
      [{ payFrequency: 'daily' }, 'VALIDATION', 'payFrequency'],
      [{ payDay: 29 }, 'VALIDATION', 'payDay'],
      [{ payDay: 'last-working-day' }, 'VALIDATION', 'payDay'],
      [{ payFrequency: 'monthly' }, 'VALIDATION', 'payDay'],
      [{ pensionBasis: null }, 'VALIDATION', 'pensionBasis'],
      [{ employersLiabilityRenewalDate: '2027-02-30' }, 'VALIDATION', 'employersLiabilityRenewalDate'],
    ];
    for (const [extra, code, where] of cases) {
      const err = await fail('employer.set', { clientId: client.id, ...extra });
      expect(err.code, JSON.stringify(extra)).toBe(code);
      expect(err.where, JSON.stringify(extra)).toBe(where);
      expect(err.message.length).toBeGreaterThan(10);
    }
    const unknown = await fail('employer.set', { ...EMPLOYER, clientId: 999 });
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', where: 'clientId' });
    expect(await fail('employer.get', { clientId: 999 })).toMatchObject({ code: 'NOT_FOUND', where: 'clientId' });
    const extra = await fail('employer.set', { clientId: client.id, vatNumber: 'GB1' });
    expect(extra.code).toBe('VALIDATION');
    expect(extra.message).toContain('vatNumber');
    expect(counts()).toEqual(before);
  });

  it('a first set needs the pay frequency and pay day', async () => {
    const { client } = await setup();
    const before = counts();
    expect(await fail('employer.set', { clientId: client.id, payDay: 'friday' })).toMatchObject({ code: 'VALIDATION', where: 'payFrequency' });
    expect(await fail('employer.set', { clientId: client.id, payFrequency: 'weekly' })).toMatchObject({ code: 'VALIDATION', where: 'payDay' });
    expect(await fail('employer.set', { clientId: client.id, payFrequency: 'monthly', payDay: 'friday' })).toMatchObject({ code: 'VALIDATION', where: 'payDay' });
    expect(counts()).toEqual(before);
    expect(before.employers).toBe(0);
    const e = await env.call<Employer>('employer.set', { clientId: client.id, payFrequency: 'fortnightly', payDay: 'wednesday' });
    expect(e).toMatchObject({ payeReference: null, accountsOfficeReference: null, employmentAllowance: false, pensionBasis: null, employersLiabilityInsurer: '' });
  });
});

describe('PAs', () => {
  it('create, get, list, update and leave round-trip, each audited with before and after', async () => {
    const { client } = await setup();
    await employerFor(client.id);
    const pa = await env.call<Pa>('pa.create', { clientId: client.id, ...PA });
    expect(pa).toMatchObject({
      clientId: client.id,
      employerName: 'Ada Lovelace',
      name: 'Grace Hopper',
      niNumber: 'JG103759A',
      taxCode: '1257L',
      taxBasis: 'cumulative',
      niCategory: 'A',
      studentLoanPlans: ['plan2'],
      postgraduateLoan: true,
      pensionStatus: 'eligible',
      standardRate: 1350,
      sleepInRate: 1221,
      contractedHours: 3750,
      holidayScheme: 'pro-rata',
      leavingDate: null,
      reEnrolmentDate: null,
    });
    expect(await env.call('pa.get', { id: pa.id })).toEqual(pa);

    const second = await env.call<Pa>('pa.create', {
      clientId: client.id,
      name: 'Alan Turing',
      dateOfBirth: '1995-06-23',
      startDate: '2026-05-01',
      taxCode: 's1257l m1',
      niCategory: 'm',
      pensionStatus: 'non-eligible',
      standardRate: 1300,
      contractedHours: 0,
      holidayScheme: 'accrual',
    });
    expect(second).toMatchObject({ niNumber: null, taxCode: 'S1257L', taxBasis: 'week1month1', niCategory: 'M', studentLoanPlans: [], weekendRate: null, holidayScheme: 'accrual' });
    expect((await env.call<Pa[]>('pa.list', { clientId: client.id })).map((p) => p.name)).toEqual(['Alan Turing', 'Grace Hopper']);

    const updated = await env.call<Pa>('pa.update', { id: pa.id, patch: { taxCode: 'K475', standardRate: 1400, niNumber: null, studentLoanPlans: ['plan1', 'plan4'] } });
    expect(updated).toMatchObject({ taxCode: 'K475', taxBasis: 'cumulative', standardRate: 1400, niNumber: null, studentLoanPlans: ['plan1', 'plan4'], name: 'Grace Hopper', weekendRate: 1500 });
    const basis = await env.call<Pa>('pa.update', { id: pa.id, patch: { taxBasis: 'week1month1' } });
    expect(basis).toMatchObject({ taxCode: 'K475', taxBasis: 'week1month1' });

    const left = await env.call<Pa>('pa.leave', { id: pa.id, leavingDate: '2026-09-30' });
    expect(left.leavingDate).toBe('2026-09-30');
    expect(await fail('pa.leave', { id: pa.id, leavingDate: '2026-10-01' })).toMatchObject({ code: 'CONFLICT', where: 'id' });

    const rows = await env.call<AuditRow[]>('audit.list', { entity: 'pa', entityId: String(pa.id) });
    expect(rows.map((r) => r.action)).toEqual(['leave', 'update', 'update', 'create']);
    expect(rows[3]!.before).toBeNull();
    expect(rows[3]!.after).toEqual(pa);
    expect(rows[2]).toMatchObject({ before: pa, after: updated });
    expect(rows[1]).toMatchObject({ before: updated, after: basis });
    expect(rows[0]).toMatchObject({ before: basis, after: left });
  });

  it('a PA needs an employer: VALIDATION for a client not set up as one, NOT_FOUND for an unknown client', async () => {
    const { client } = await setup();
    const before = counts();
    const err = await fail('pa.create', { clientId: client.id, ...PA });
    expect(err).toMatchObject({ code: 'VALIDATION', where: 'clientId' });
    expect(err.message).toMatch(/^Set the client up as an employer first/);
    expect(await fail('pa.create', { clientId: 999, ...PA })).toMatchObject({ code: 'NOT_FOUND', where: 'clientId' });
    expect(await fail('pa.list', { clientId: 999 })).toMatchObject({ code: 'NOT_FOUND', where: 'clientId' });
    expect(await env.call('pa.list', { clientId: client.id })).toEqual([]);
    expect(await fail('pa.get', { id: 999 })).toMatchObject({ code: 'NOT_FOUND', where: 'id' });
    expect(await fail('pa.update', { id: 999, patch: { name: 'X' } })).toMatchObject({ code: 'NOT_FOUND', where: 'id' });
    expect(await fail('pa.leave', { id: 999, leavingDate: '2026-05-01' })).toMatchObject({ code: 'NOT_FOUND', where: 'id' });
    expect(counts()).toEqual(before);
  });

  it('refuses each bad input naming the field, and writes nothing', async () => {
    const { client } = await setup();
    await employerFor(client.id);
    const pa = await env.call<Pa>('pa.create', { clientId: client.id, ...PA });
    const before = counts();
    const createCases: Array<[Record<string, unknown>, string, string, RegExp?]> = [
      [{ niNumber: 'QQ123456C' }, 'VALIDATION', 'niNumber', /Q, U and V are never used/],
      [{ niNumber: 'GB123456A' }, 'VALIDATION', 'niNumber', /HMRC does not allocate/],
      [{ niNumber: 'AB123456E' }, 'VALIDATION', 'niNumber', /A, B, C or D/],
      [{ niNumber: 'AO123456A' }, 'VALIDATION', 'niNumber'],
      [{ taxCode: '1257Q' }, 'VALIDATION', 'taxCode', /not a tax code/],
      [{ taxCode: 'D2' }, 'VALIDATION', 'taxCode', /Scottish/],
      [{ taxCode: '1257L W1', taxBasis: 'cumulative' }, 'VALIDATION', 'taxBasis'],
      [{ taxBasis: 'annual' }, 'VALIDATION', 'taxBasis'],
      [{ niCategory: 'G' }, 'VALIDATION', 'niCategory', /not an NI category letter/],
      [{ niCategory: 'AB' }, 'VALIDATION', 'niCategory'],
      [{ startDate: '2026-04-06', leavingDate: '2026-04-05' }, 'VALIDATION', 'leavingDate', /before the start date/],
      [{ weekendRate: -1 }, 'VALIDATION', 'weekendRate', /cannot be negative/],
      [{ standardRate: 0 }, 'VALIDATION', 'standardRate'],
      [{ standardRate: 13.5 }, 'VALIDATION', 'standardRate', /whole number of pence/],
      [{ contractedHours: 37.5 }, 'VALIDATION', 'contractedHours', /hundredths/],
      [{ studentLoanPlans: ['plan3'] }, 'VALIDATION', 'studentLoanPlans.0'],
      [{ studentLoanPlans: ['plan1', 'plan1'] }, 'VALIDATION', 'studentLoanPlans'],
      [{ pensionStatus: 'enrolled' }, 'VALIDATION', 'pensionStatus'],
      [{ holidayScheme: '5.6 weeks' }, 'VALIDATION', 'holidayScheme'],
      [{ dateOfBirth: '2026-05-01' }, 'VALIDATION', 'dateOfBirth'],
      [{ enrolmentDate: '2026-01-01' }, 'VALIDATION', 'enrolmentDate'],
      [{ reEnrolmentDate: '2026-04-06' }, 'VALIDATION', 'reEnrolmentDate'],
      [{ name: '  ' }, 'VALIDATION', 'name'],
      [{ niNumber: 'jg103759a' }, 'CONFLICT', 'niNumber', /already works for this employer/],
    ];
    for (const [extra, code, where, msg] of createCases) {
      const err = await fail('pa.create', { clientId: client.id, ...PA, ...extra });
      const label = `create ${JSON.stringify(extra)}`;
      expect(err.code, label).toBe(code);
      expect(err.where, label).toBe(where);
      if (msg) expect(err.message, label).toMatch(msg);
    }
    const extraField = await fail('pa.create', { clientId: client.id, ...PA, hourlyRate: 1350 });
    expect(extraField.code).toBe('VALIDATION');
    expect(extraField.message).toContain('hourlyRate');

    const patchCases: Array<[Record<string, unknown>, string, string]> = [
      [{ niNumber: 'AB 12 34 56 E' }, 'VALIDATION', 'patch.niNumber'],
      [{ taxCode: 'K0' }, 'VALIDATION', 'patch.taxCode'],
      [{ niCategory: 'Q' }, 'VALIDATION', 'patch.niCategory'],
      [{ leavingDate: '2026-04-01' }, 'VALIDATION', 'patch.leavingDate'],
      [{ startDate: '2026-05-01' }, 'VALIDATION', 'patch.enrolmentDate'],
      [{ nightRate: -100 }, 'VALIDATION', 'patch.nightRate'],
      [{ clientId: 2 }, 'VALIDATION', 'patch'],
    ];
    for (const [patch, code, where] of patchCases) {
      const err = await fail('pa.update', { id: pa.id, patch });
      const label = `update ${JSON.stringify(patch)}`;
      expect(err.code, label).toBe(code);
      expect(err.where ?? 'patch', label).toBe(where);
    }
    expect((await fail('pa.update', { id: pa.id, patch: {} })).code).toBe('VALIDATION');
    expect(await fail('pa.leave', { id: pa.id, leavingDate: '2026-04-05' })).toMatchObject({ code: 'VALIDATION', where: 'leavingDate' });
    expect(await fail('pa.leave', { id: pa.id, leavingDate: '31/05/2026' })).toMatchObject({ code: 'VALIDATION', where: 'leavingDate' });

    expect(counts()).toEqual(before);
    expect(await env.call('pa.get', { id: pa.id })).toEqual(pa);
  });

  it('the same NI number may return to an employer after leaving, and work for another employer', async () => {
    const { funder, client } = await setup();
    await employerFor(client.id);
    const other = await addClient(env, funder.id, { name: 'Charles Babbage' });
    await employerFor(other.id, { payFrequency: 'monthly', payDay: 25 });
    const first = await env.call<Pa>('pa.create', { clientId: client.id, ...PA });
    await env.call<Pa>('pa.create', { clientId: other.id, ...PA });
    await env.call('pa.leave', { id: first.id, leavingDate: '2026-06-30' });
    const again = await env.call<Pa>('pa.create', { clientId: client.id, ...PA, startDate: '2026-09-01', enrolmentDate: null });
    expect(again.niNumber).toBe('JG103759A');
    expect((await env.call<Employer[]>('employer.list')).map((e) => [e.clientName, e.payDay])).toEqual([
      ['Ada Lovelace', 'friday'],
      ['Charles Babbage', 25],
    ]);
  });
});
