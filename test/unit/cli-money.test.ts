/**
 * The client-money CLI commands, run in-process through runCli with a fixed clock (2026-04-06) and
 * temp folders: every command in --json and human mode, both amount spellings, the --client spread
 * of `balance`, refusals that write nothing, usage errors, and verify on a file changed outside
 * the app.
 */
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, runCli } from '../../main/cli';
import { MONEY_COMMANDS } from '../../main/cli-money';
import { dispatch, handlers } from '../../main/api';
import { createContext } from '../../main/api/create-context';
import { MemoryPrefsStore } from '../../main/api/prefs';
import type { InputOf, Method, OutputOf } from '../../shared/contract';
import type { Alert, BankAccount, Client, ClientDetail, ClientSummary, Entry, Funder, Payee, Schedule } from '../../shared/contract-money';
import { StewardError } from '../../shared/errors';
import { fixedClock } from '../fixtures/clock';
import { PASSPHRASE } from '../fixtures/ledger';
import { tempDir } from '../fixtures/temp';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(args: string[], env: Record<string, string | undefined> = { STEWARD_PASSPHRASE: PASSPHRASE }): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    env: { STEWARD_DATA_DIR: tempDir(), ...env },
    now: fixedClock().now,
  });
  return { code, out, err };
}

/** Run a command that must succeed with --json, and parse its output. */
async function json<T>(args: string[]): Promise<T> {
  const r = await cli([...args, '--json']);
  expect(r.err, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return JSON.parse(r.out) as T;
}

/** A fresh ledger; `run` adds --ledger to every command. */
async function ledger(): Promise<{ file: string; run: (args: string[]) => Promise<Run>; json: <T>(args: string[]) => Promise<T> }> {
  const file = path.join(tempDir(), 'org.steward');
  expect((await cli(['init', '--ledger', file, '--name', 'Riverside Support'])).code).toBe(0);
  return {
    file,
    run: (args) => cli([...args, '--ledger', file]),
    json: <T>(args: string[]) => json<T>([...args, '--ledger', file]),
  };
}

/** Look inside a ledger through the api (read-only calls), then close it again. */
async function inspect<T>(file: string, fn: (call: <M extends Method>(m: M, i: InputOf<M>) => Promise<OutputOf<M>>) => Promise<T>): Promise<T> {
  const ctx = createContext({ mode: 'test', dataDir: tempDir(), prefs: new MemoryPrefsStore(), remember: null, now: fixedClock().now });
  const call = async <M extends Method>(m: M, i: InputOf<M>): Promise<OutputOf<M>> => {
    const r = await dispatch(ctx, m, i);
    if (!r.ok) throw new StewardError(r.error.code, r.error.message);
    return r.value as OutputOf<M>;
  };
  try {
    await call('ledger.unlock', { path: file, passphrase: PASSPHRASE });
    return await fn(call);
  } finally {
    ctx.session.disarm();
    ctx.session.ledger?.close();
    ctx.session.ledger = null;
  }
}

const auditCount = (file: string) => inspect(file, async (call) => (await call('audit.list', { limit: 1000 })).length);

type ReceiptOut = { entry: Entry; match: { scheduleId: number; dueDate: string; expected: number } | null; flags: Array<{ kind: string; message: string }> };
type PaymentOut = { entry: Entry; payeeCreated: boolean; balanceAfter: number };
type BalanceOut = { asOf: string; total: number; clients: Array<{ id: number; clientId: number; name: string; balance: number; weeklyFunding: number; weeksHeld: number | null }> };
type BalanceOne = BalanceOut & BalanceOut['clients'][number];

/** A ledger with a funder (id 1) and a client (id 1) funded £1,234.56 four-weekly from 2026-04-06. */
async function withClient() {
  const l = await ledger();
  const funder = await l.json<Funder>(['funder', 'add', '--name', 'Kent County Council']);
  const client = await l.json<Client & { schedules: Schedule[] }>([
    'client', 'add', '--name', 'Ada Lovelace', '--funder', String(funder.id), '--dob', '1980-05-01',
    '--funding', '£1,234.56', '--cadence', 'four-weekly', '--first-date', '2026-04-06',
  ]);
  return { ...l, funder, client };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('steward funder and client commands', () => {
  it('funder add / list, client add / list / show: --json and human output', async () => {
    const l = await ledger();
    const f = await l.json<Funder>(['funder', 'add', '--name', 'Kent County Council', '--kind', 'council', '--cadence', 'monthly', '--surplus-weeks', '6', '--contingency-weeks', '3', '--paid-gross']);
    expect(f).toMatchObject({ id: 1, name: 'Kent County Council', kind: 'council', createdAt: '2026-04-06T09:00:00.000Z' });
    expect(f.rules).toMatchObject({ cadence: 'monthly', surplusThresholdWeeks: 6, contingencyWeeks: 3, paidNetOfContribution: false, inAdvance: true });
    const human = await l.run(['funder', 'add', '--name', 'NHS Kent ICB', '--kind', 'nhs']);
    expect(human).toMatchObject({ code: 0, err: '' });
    expect(human.out).toMatch(/^Funder 2: NHS Kent ICB \(nhs\), pays four-weekly net of contribution; surplus above 8 weeks/);
    expect((await l.json<Funder[]>(['funder', 'list'])).map((x) => [x.id, x.name])).toEqual([[1, 'Kent County Council'], [2, 'NHS Kent ICB']]);
    expect((await l.run(['funder', 'list'])).out).toMatch(/Id\s+Name\s+Kind[\s\S]*Kent County Council\s+council\s+monthly/);

    // Both amount spellings; the start date defaults to today by the app clock.
    const c = await l.json<Client & { schedules: Schedule[] }>([
      'client', 'add', '--name', 'Ada Lovelace', '--funder', '1', '--funder', '2', '--council-ref', 'KCC-001', '--nhs-number', '943 476 5919',
      '--funding', '£1,234.56', '--cadence', 'four-weekly', '--first-date', '2026-04-06',
      '--contribution', '25.50', '--contribution-cadence', 'weekly', '--contribution-first-date', '2026-04-13',
    ]);
    expect(c).toMatchObject({ id: 1, name: 'Ada Lovelace', startDate: '2026-04-06', funderIds: [1, 2], councilReference: 'KCC-001', nhsNumber: '9434765919', arrangement: 'managed-account', status: 'active' });
    expect(c.schedules.map((s) => [s.source, s.funderId, s.amount, s.cadence, s.firstDate])).toEqual([
      ['council', 1, 123_456, 'four-weekly', '2026-04-06'],
      ['contribution', null, 2_550, 'weekly', '2026-04-13'],
    ]);
    const h = await l.run(['client', 'add', '--name', 'Grace Hopper', '--funder', '2', '--start-date', '2026-04-01', '--arrangement', 'isf']);
    expect(h).toMatchObject({ code: 0, err: '' });
    expect(h.out).toMatch(/^Client 2: Grace Hopper \(isf\), start 2026-04-01, funders 2, bank account \d+\n$/);

    const list = await l.json<ClientSummary[]>(['client', 'list']);
    expect(list.map((x) => [x.id, x.name, x.balance, x.funderNames])).toEqual([
      [1, 'Ada Lovelace', 0, ['Kent County Council', 'NHS Kent ICB']],
      [2, 'Grace Hopper', 0, ['NHS Kent ICB']],
    ]);
    expect((await l.run(['client', 'list'])).out).toMatch(/Ada Lovelace\s+Kent County Council, NHS Kent ICB\s+managed-account\s+active\s+£0\.00/);

    const d = await l.json<ClientDetail>(['client', 'show', '--client', '1', '--as-of', '2026-04-20']);
    expect(d).toMatchObject({ asOf: '2026-04-20', balance: 0, client: { id: 1, name: 'Ada Lovelace' } });
    expect(d.schedules).toHaveLength(2);
    expect(d.expected.some((e) => e.dueDate === '2026-04-06' && e.expected === 123_456 && e.status === 'missing')).toBe(true);
    const show = await l.run(['client', 'show', '--client', '1', '--as-of', '2026-04-20']);
    expect(show.code).toBe(0);
    expect(show.out).toContain('Balance on 2026-04-20: £0.00');
    expect(show.out).toContain('schedule 1: funding from funder 1 £1,234.56 four-weekly from 2026-04-06');
    expect(show.out).toContain('due 2026-04-06 council £1,234.56: missing');
  }, 60_000);

  it('client add is all or nothing: bad values are refused before anything is written', async () => {
    const l = await withClient();
    const before = await auditCount(l.file);
    const base = ['client', 'add', '--name', 'Alan Turing', '--funder', '1', '--funding', '100', '--cadence', 'weekly', '--first-date', '2026-04-06'];
    // A malformed contribution date: usage (exit 2), nothing opened.
    const badDate = await l.run([...base, '--contribution', '10', '--contribution-cadence', 'weekly', '--contribution-first-date', '2026-02-30']);
    expect(badDate.code).toBe(2);
    expect(badDate.err).toMatch(/--contribution-first-date: "2026-02-30" is not a date/);
    // --funding without its cadence.
    expect((await l.run(['client', 'add', '--name', 'Alan Turing', '--funder', '1', '--funding', '100', '--first-date', '2026-04-06'])).err).toMatch(/--funding needs --cadence/);
    // No such funder (exit 1, NOT_FOUND), an invalid NHS number (VALIDATION, checked before any write).
    const noFunder = await l.run(['client', 'add', '--name', 'Alan Turing', '--funder', '99']);
    expect(noFunder.code).toBe(1);
    expect(noFunder.err).toMatch(/^NOT_FOUND: There is no funder 99/);
    const nhs = await l.run([...base, '--nhs-number', '1234567890']);
    expect(nhs.code).toBe(1);
    expect(nhs.err).toMatch(/^VALIDATION: client nhsNumber: This is not a valid NHS number/);
    // A trust with one trustee: refused by client.create, the first write.
    const trust = await l.run([...base, '--arrangement', 'user-trust', '--trustee', 'Mary Shelley']);
    expect(trust.code).toBe(1);
    expect(trust.err).toMatch(/^VALIDATION: An Independent User Trust needs at least two trustees/);
    expect(await auditCount(l.file)).toBe(before);
    expect(await l.json<ClientSummary[]>(['client', 'list'])).toHaveLength(1);
  }, 60_000);

  it('client add rolls the client back when a schedule write fails after it', async () => {
    const l = await withClient();
    const before = await auditCount(l.file);
    const payees = await l.json<Payee[]>(['payee', 'list']);
    vi.spyOn(handlers, 'schedule.create').mockImplementation(() => {
      throw new StewardError('CONFLICT', 'Simulated failure of the second write.');
    });
    const r = await l.run(['client', 'add', '--name', 'Alan Turing', '--funder', '1', '--funding', '100', '--cadence', 'weekly', '--first-date', '2026-04-06']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('CONFLICT: Simulated failure of the second write.\n');
    vi.restoreAllMocks();
    expect(await auditCount(l.file)).toBe(before);
    expect((await l.json<ClientSummary[]>(['client', 'list'])).map((c) => c.name)).toEqual(['Ada Lovelace']);
    expect(await inspect(l.file, async (call) => (await call('bankAccount.list', {})).length)).toBe(1);
    expect(await l.json<Payee[]>(['payee', 'list'])).toEqual(payees);
    expect((await l.run(['verify'])).code).toBe(0);
  }, 60_000);
});

describe('steward money commands', () => {
  it('receipt, payment, reverse, balance (with the --client spread), alerts, payee list, schedule, bank account, period close', async () => {
    const l = await withClient();
    const cid = String(l.client.id);

    // Receipts: plain and £ spellings; JSON is the api result in pence.
    const r1 = await l.json<ReceiptOut>(['receipt', 'add', '--client', cid, '--date', '2026-04-06', '--amount', '1234.56', '--source', 'council', '--reference', 'KCC remittance 1']);
    expect(r1.entry).toMatchObject({ id: 1, kind: 'receipt', source: 'council', amount: 123_456, reference: 'KCC remittance 1', date: '2026-04-06' });
    expect(r1.match).toEqual({ scheduleId: 1, dueDate: '2026-04-06', expected: 123_456 });
    expect(r1.flags).toEqual([]);
    const r2 = await l.run(['receipt', 'add', '--client', cid, '--date', '2026-04-06', '--amount', '£1,000.00', '--source', 'other', '--memo', 'Gift from family']);
    expect(r2).toMatchObject({ code: 0, err: '' });
    expect(r2.out).toBe('Recorded receipt: entry 2, £1,000.00 (other) for client 1 on 2026-04-06.\n');
    // A second council receipt for the same due date: recorded, and flagged.
    const dup = await l.run(['receipt', 'add', '--client', cid, '--date', '2026-04-07', '--amount', '1234.56', '--source', 'council']);
    expect(dup.code).toBe(0);
    expect(dup.out).toMatch(/^Recorded receipt: entry 3, £1,234\.56 \(council\)[\s\S]*\nFLAG receipt-duplicate: /);

    // Payments: a new payee by name (--json), then the same payee by id (human).
    const p1 = await l.json<PaymentOut>([
      'payment', 'add', '--client', cid, '--date', '2026-04-07', '--amount', '£100.50', '--payee', 'Bright Care Agency', '--category', 'agency',
      '--authorised-by', 'Ada Lovelace', '--authorised-how', 'email', '--reference', 'INV-7',
    ]);
    expect(p1.payeeCreated).toBe(true);
    expect(p1.entry).toMatchObject({ id: 4, kind: 'payment', category: 'agency', amount: -10_050, payeeName: 'Bright Care Agency', reference: 'INV-7' });
    expect(p1.entry.authorisations).toEqual([{ by: 'Ada Lovelace', method: 'email', at: '2026-04-07', note: '' }]);
    expect(p1.balanceAfter).toBe(123_456 + 100_000 + 123_456 - 10_050);
    const payeeId = String(p1.entry.payeeId);
    const p2 = await l.run(['payment', 'add', '--client', cid, '--date', '2026-04-07', '--amount', '49.50', '--payee', payeeId, '--category', 'respite', '--authorised-by', 'Ada Lovelace']);
    expect(p2).toMatchObject({ code: 0, err: '' });
    expect(p2.out).toContain('Recorded payment: entry 5, £49.50 to Bright Care Agency (respite) for client 1 on 2026-04-07.');
    expect(p2.out).toContain('Authorised by Ada Lovelace (written).');

    // Reverse the duplicate receipt (--json), then a payment (human).
    const rev = await l.json<Entry>(['reverse', '--entry', '3', '--reason', 'Duplicate remittance', '--date', '2026-04-08']);
    expect(rev).toMatchObject({ id: 6, kind: 'reversal', reversesId: 3, amount: -123_456, date: '2026-04-08', reason: 'Duplicate remittance' });
    const rev2 = await l.run(['reverse', '--entry', '5', '--reason', 'Paid from the wrong budget']);
    expect(rev2).toMatchObject({ code: 0, err: '' });
    expect(rev2.out).toMatch(/^Reversed entry 5: reversal entry 7 for client 1 on 2026-04-07 \(bank \+£49\.50\)/);
    expect((await l.run(['reverse', '--entry', '5', '--reason', 'Again, by mistake'])).err).toMatch(/^CONFLICT: Entry 5 was already reversed by entry 7/);

    // Balance: the api result, and with --client that client's fields at the top level too.
    const expected = 123_456 + 100_000 - 10_050;
    const all = await l.json<BalanceOut>(['balance', '--as-of', '2026-04-30']);
    expect(all).toMatchObject({ asOf: '2026-04-30', total: expected });
    expect(all.clients).toEqual([expect.objectContaining({ id: 1, clientId: 1, name: 'Ada Lovelace', balance: expected })]);
    expect('balance' in all).toBe(false);
    const one = await l.json<BalanceOne>(['balance', '--as-of', '2026-04-30', '--client', cid]);
    expect(one.balance).toBe(expected);
    expect(one.clients[0]!.balance).toBe(expected);
    expect(one).toMatchObject({ asOf: '2026-04-30', total: expected, id: 1, clientId: 1, name: 'Ada Lovelace', weeklyFunding: 30_864 });
    const early = await l.json<BalanceOne>(['balance', '--as-of', '2026-04-06', '--client', cid]);
    expect(early.balance).toBe(223_456);
    const table = await l.run(['balance', '--as-of', '2026-04-30']);
    expect(table.out).toMatch(/^Balances as at 2026-04-30\nId\s+Client\s+Balance\s+Weekly funding\s+Weeks held\n[- ]+\n\s*1\s+Ada Lovelace\s+£2,134\.06\s+£308\.64\s+\S+\nTotal: £2,134\.06\n$/);

    // Alerts: by 2026-05-30 the second four-weekly receipt (due 2026-05-04) is missing.
    const alerts = await l.json<{ asOf: string; alerts: Alert[] }>(['alerts', '--as-of', '2026-05-30']);
    expect(alerts.asOf).toBe('2026-05-30');
    const missing = alerts.alerts.find((a) => a.kind === 'receipt-missing');
    expect(missing).toMatchObject({ clientId: 1, clientName: 'Ada Lovelace' });
    const alertLines = (await l.run(['alerts', '--as-of', '2026-05-30'])).out.trimEnd().split('\n');
    expect(alertLines).toHaveLength(alerts.alerts.length);
    expect(alertLines).toContain(`${missing!.severity.toUpperCase()} receipt-missing: Ada Lovelace (client 1): ${missing!.message}`);
    expect((await l.run(['alerts', '--as-of', '2026-04-06'])).out).toBe('No alerts as at 2026-04-06.\n');

    // Payees.
    const payees = await l.json<Payee[]>(['payee', 'list', '--client', cid]);
    expect(payees.map((p) => [p.name, p.kind, p.defaultCategory])).toEqual([['Bright Care Agency', 'agency', 'agency']]);
    expect((await l.run(['payee', 'list'])).out).toMatch(/Bright Care Agency\s+agency\s+agency\s+any/);

    // Schedules and bank accounts.
    const s = await l.json<Schedule>(['schedule', 'add', '--client', cid, '--source', 'contribution', '--amount', '£12.00', '--cadence', 'weekly', '--first-date', '2026-04-13', '--end-date', '2027-04-12']);
    expect(s).toMatchObject({ clientId: 1, source: 'contribution', funderId: null, amount: 1_200, cadence: 'weekly', firstDate: '2026-04-13', endDate: '2027-04-12', weeklyEquivalent: 1_200 });
    const sh = await l.run(['schedule', 'add', '--client', cid, '--source', 'council', '--amount', '50', '--cadence', 'monthly', '--first-date', '2026-05-01']);
    expect(sh.out).toMatch(/^Added schedule 3: funding from funder 1 £50\.00 monthly from 2026-05-01/);
    const b = await l.json<BankAccount>(['bank-account', 'add', '--name', 'Client pool', '--pooled', '--sort-code', '12-34-56', '--account-number', '12345678']);
    expect(b).toMatchObject({ name: 'Client pool', kind: 'pooled', sortCode: '12-34-56', accountNumber: '12345678', clientIds: [] });
    expect((await l.run(['bank-account', 'add', '--name', 'Dedicated 2', '--dedicated'])).out).toMatch(/^Bank account \d+: Dedicated 2 \(dedicated\)\n$/);
    expect((await l.run(['bank-account', 'add', '--name', 'Bad', '--pooled', '--sort-code', '1234'])).err).toMatch(/^VALIDATION: sortCode: A sort code is 6 digits/);

    // Period close; then nothing can be posted on or before that date.
    expect(await l.json<{ closedThrough: string }>(['period', 'close', '--through', '2026-04-05'])).toEqual({ closedThrough: '2026-04-05' });
    const closed = await l.run(['receipt', 'add', '--client', cid, '--date', '2026-04-05', '--amount', '10', '--source', 'other']);
    expect(closed.code).toBe(1);
    expect(closed.err).toMatch(/^PERIOD_CLOSED: /);
    expect((await l.run(['period', 'close', '--through', '2026-04-05'])).err).toMatch(/^PERIOD_CLOSED: /);
    expect((await l.run(['verify'])).out).toMatch(/^OK: integrity ok/);
  }, 90_000);

  it('a refused payment exits 1 with INSUFFICIENT_FUNDS and leaves the ledger unchanged', async () => {
    const l = await withClient();
    const cid = String(l.client.id);
    await l.json<ReceiptOut>(['receipt', 'add', '--client', cid, '--date', '2026-04-06', '--amount', '100.00', '--source', 'council']);
    const snapshot = async () => ({
      balance: (await l.run(['balance', '--as-of', '2026-12-31', '--client', cid, '--json'])).out,
      show: (await l.run(['client', 'show', '--client', cid, '--as-of', '2026-12-31', '--json'])).out,
      payees: (await l.run(['payee', 'list', '--json'])).out,
      audit: await auditCount(l.file),
    });
    const before = await snapshot();
    const refused = await l.run(['payment', 'add', '--client', cid, '--date', '2026-04-07', '--amount', '£100.01', '--payee', 'New Payee Ltd', '--category', 'equipment', '--authorised-by', 'Ada Lovelace']);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/^INSUFFICIENT_FUNDS: Ada Lovelace has £100\.00 available on 2026-04-07; this payment is £100\.01\. Nothing was paid\./);
    const jsonRefused = await l.run(['payment', 'add', '--client', cid, '--date', '2026-04-07', '--amount', '100.01', '--payee', 'New Payee Ltd', '--category', 'equipment', '--authorised-by', 'Ada Lovelace', '--json']);
    expect(jsonRefused).toMatchObject({ code: 1, out: '' });
    expect(jsonRefused.err).toMatch(/^INSUFFICIENT_FUNDS: /);
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(JSON.parse(after.balance)).toMatchObject({ balance: 10_000 });

    // With an authorised override it goes through, and says so.
    const over = await l.run([
      'payment', 'add', '--client', cid, '--date', '2026-04-07', '--amount', '100.01', '--payee', 'New Payee Ltd', '--category', 'equipment',
      '--authorised-by', 'Ada Lovelace', '--override-by', 'Finance Manager', '--override-reason', 'Council payment confirmed for tomorrow',
    ]);
    expect(over.code).toBe(0);
    expect(over.out).toContain('OVERRIDE by Finance Manager: Council payment confirmed for tomorrow');
    expect(over.out).toContain('Balance after: -£0.01.');
  }, 60_000);

  it('a trust payment needs two different trustees (--authorised-by twice)', async () => {
    const l = await ledger();
    await l.json<Funder>(['funder', 'add', '--name', 'Kent County Council']);
    const c = await l.json<Client>(['client', 'add', '--name', 'Mary Shelley', '--funder', '1', '--arrangement', 'user-trust', '--trustee', 'Percy Shelley', '--trustee', 'Claire Clairmont']);
    expect(c.trustees).toEqual([
      { name: 'Percy Shelley', family: false },
      { name: 'Claire Clairmont', family: false },
    ]);
    await l.json<ReceiptOut>(['receipt', 'add', '--client', '1', '--date', '2026-04-06', '--amount', '500', '--source', 'council']);
    const pay = ['payment', 'add', '--client', '1', '--date', '2026-04-06', '--amount', '75', '--payee', 'Riding for the Disabled', '--category', 'activities'];
    const before = await auditCount(l.file);
    const one = await l.run([...pay, '--authorised-by', 'Percy Shelley']);
    expect(one.code).toBe(1);
    expect(one.err).toMatch(/^AUTHORISATION_REQUIRED: Payments from Mary Shelley's trust need two different trustees/);
    const stranger = await l.run([...pay, '--authorised-by', 'Percy Shelley', '--authorised-by', 'Lord Byron']);
    expect(stranger.err).toMatch(/^AUTHORISATION_REQUIRED: Lord Byron is not a trustee/);
    expect(await auditCount(l.file)).toBe(before);
    const two = await l.json<PaymentOut>([...pay, '--authorised-by', 'Percy Shelley', '--authorised-by', 'Claire Clairmont', '--authorised-how', 'in-person']);
    expect(two.entry.authorisations.map((a) => [a.by, a.method])).toEqual([
      ['Percy Shelley', 'in-person'],
      ['Claire Clairmont', 'in-person'],
    ]);
    expect(two.balanceAfter).toBe(42_500);
  }, 60_000);

  it('usage errors exit 2, name the flag and write nothing', async () => {
    const l = await withClient();
    const before = await auditCount(l.file);
    const pay = ['payment', 'add', '--client', '1', '--date', '2026-04-06', '--payee', 'X', '--category', 'agency', '--authorised-by', 'Ada'];
    const cases: Array<[string[], RegExp]> = [
      [['payment', 'add', '--client', '1', '--date', '2026-04-06', '--payee', 'X', '--category', 'agency', '--authorised-by', 'Ada'], /--amount is required/],
      [[...pay, '--amount', '10', '--category', 'groceries'], /--category: "groceries" is not one of pa-wages, .*agency, respite, activities, equipment, transport, .*fees, other/],
      [['payment', 'add', '--client', '1', '--date', '2026-04-06', '--payee', 'X', '--category', 'agency', '--amount', '10'], /--authorised-by is required/],
      [[...pay, '--amount', '12.345'], /--amount: "12\.345" is not an amount of money: write it like 1234\.56 or £1,234\.56/],
      [[...pay, '--amount', 'ten pounds'], /--amount: "ten pounds" is not an amount/],
      [[...pay, '--amount=-5'], /--amount: the amount must be more than £0\.00/],
      [[...pay, '--amount', '0.00'], /--amount: the amount must be more than £0\.00/],
      [[...pay, '--amount', '£10,000,000.01'], /--amount: the amount is larger than £10,000,000\.00/],
      [[...pay, '--amount', '10', '--authorised-how', 'telepathy'], /--authorised-how: "telepathy" is not one of written, email, phone, in-person/],
      [[...pay, '--amount', '10', '--override-by', 'Boss'], /--override-by and --override-reason go together/],
      [['receipt', 'add', '--client', '1', '--date', '2026-02-30', '--amount', '10', '--source', 'council'], /--date: "2026-02-30" is not a date/],
      [['receipt', 'add', '--client', '1', '--date', '06/04/2026', '--amount', '10', '--source', 'council'], /--date: "06\/04\/2026" is not a date/],
      [['receipt', 'add', '--client', 'abc', '--date', '2026-04-06', '--amount', '10', '--source', 'council'], /--client: "abc" is not an id/],
      [['receipt', 'add', '--client', '0', '--date', '2026-04-06', '--amount', '10', '--source', 'council'], /--client: "0" is not an id/],
      [['receipt', 'add', '--client', '1', '--date', '2026-04-06', '--amount', '10', '--source', 'lottery'], /--source: "lottery" is not one of council, contribution, other/],
      [['receipt', 'add', '--client', '1', '--date', '2026-04-06', '--amount', '10'], /--source is required/],
      [['receipt', 'add', '--client', '1', '--date', '2026-04-06', '--amount', '10', '--source', 'council', '--bogus'], /Unknown option '--bogus'/],
      [['receipt', 'add', '--client', '1', '--date', '2026-04-06', '--amount', '10', '--source', 'council', 'stray'], /positional/i],
      [['funder', 'add'], /--name is required/],
      [['funder', 'add', '--name', 'X', '--kind', 'charity'], /--kind: "charity" is not one of council, nhs, other/],
      [['funder', 'add', '--name', 'X', '--surplus-weeks', 'eight'], /--surplus-weeks: "eight" is not a whole number/],
      [['client', 'add', '--name', 'X'], /--funder is required/],
      [['client', 'add', '--name', 'X', '--funder', '1', '--contribution', '5', '--contribution-cadence', 'daily', '--contribution-first-date', '2026-04-06'], /--contribution-cadence: "daily" is not one of weekly, four-weekly, monthly/],
      [['client', 'show'], /--client is required/],
      [['reverse', '--entry', '1'], /--reason is required/],
      [['balance'], /--as-of is required/],
      [['balance', '--as-of', '2026-13-01'], /--as-of: "2026-13-01" is not a date/],
      [['alerts'], /--as-of is required/],
      [['period', 'close'], /--through is required/],
      [['bank-account', 'add', '--name', 'X'], /exactly one of --pooled or --dedicated/],
      [['bank-account', 'add', '--name', 'X', '--pooled', '--dedicated'], /exactly one of --pooled or --dedicated/],
      [['schedule', 'add', '--client', '1', '--source', 'council', '--amount', '10', '--first-date', '2026-04-06'], /--cadence is required/],
      [['payee', 'list', '--client', '1.5'], /--client: "1\.5" is not an id/],
    ];
    for (const [args, message] of cases) {
      const r = await l.run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out, args.join(' ')).toBe('');
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err, args.join(' ')).toMatch(/\nUsage: steward /);
    }
    // The api's own checks are failures (exit 1), not usage.
    const overLimit = await l.run(['funder', 'add', '--name', 'Y', '--surplus-weeks', '99']);
    expect(overLimit.code).toBe(1);
    expect(overLimit.err).toMatch(/^VALIDATION: rules\.surplusThresholdWeeks: At most 52 weeks/);
    expect((await l.run(['receipt', 'add', '--client', '9', '--date', '2026-04-06', '--amount', '10', '--source', 'other'])).err).toMatch(/^NOT_FOUND: /);
    expect(await auditCount(l.file)).toBe(before);
  }, 60_000);

  it('--help for every money command; steward --help and the command groups list them', async () => {
    const top = await cli(['--help']);
    for (const name of Object.keys(MONEY_COMMANDS)) {
      expect(COMMANDS[name], name).toBe(MONEY_COMMANDS[name]);
      expect(top.out).toContain(`  ${name} `);
      const r = await cli([...name.split(' '), '--help']);
      expect(r.code, name).toBe(0);
      expect(r.out, name).toContain(`Usage: ${MONEY_COMMANDS[name]!.usage}`);
      expect(MONEY_COMMANDS[name]!.usage, name).toContain('--ledger FILE');
    }
    const group = await cli(['client', '--help']);
    expect(group.code).toBe(0);
    expect(group.out).toMatch(/steward client add[\s\S]*steward client list[\s\S]*steward client show/);
    const bare = await cli(['payment']);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('steward payment add');
    expect((await cli(['client', 'frobnicate'])).code).toBe(2);
  });
});

describe('steward verify on a file changed outside Steward', () => {
  /** Open the ledger file directly, keyed as main/store/ledger-file.ts keys it, and tamper with it. */
  function tamper(file: string, fn: (db: Database.Database) => void): void {
    const db = new Database(file, { fileMustExist: true });
    try {
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`hexkey='${Buffer.from(PASSPHRASE, 'utf8').toString('hex')}'`);
      fn(db);
    } finally {
      db.close();
    }
  }

  async function ledgerWithEntries() {
    const l = await withClient();
    await l.json<ReceiptOut>(['receipt', 'add', '--client', '1', '--date', '2026-04-06', '--amount', '500', '--source', 'council']);
    await l.json<PaymentOut>(['payment', 'add', '--client', '1', '--date', '2026-04-06', '--amount', '20', '--payee', 'Shop', '--category', 'equipment', '--authorised-by', 'Ada']);
    await l.json<ReceiptOut>(['receipt', 'add', '--client', '1', '--date', '2026-04-07', '--amount', '30', '--source', 'other']);
    expect((await l.run(['verify'])).code).toBe(0);
    return l;
  }

  it('an entry memo changed (guard trigger put back): BROKEN_CHAIN naming that entry', async () => {
    const l = await ledgerWithEntries();
    tamper(l.file, (db) => {
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'journal_entries_no_update'").get() as { sql: string }).sql;
      db.exec('DROP TRIGGER journal_entries_no_update');
      expect(db.prepare("UPDATE journal_entries SET memo = 'changed afterwards' WHERE id = 2").run().changes).toBe(1);
      db.exec(sql);
    });
    const r = await l.run(['verify']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    // One problem, one line: the code, then a message that names the entry.
    expect(r.err).toMatch(/^BROKEN_CHAIN: [^\n]*\bentry 2\b[^\n]*\n$/);
    const j = await l.run(['verify', '--json']);
    expect(j.code).toBe(1);
    const result = JSON.parse(j.out) as { ok: boolean; integrity: string; problems: Array<{ code: string; message: string }> };
    expect(result).toMatchObject({ ok: false, integrity: 'ok' });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.code).toBe('BROKEN_CHAIN');
    expect(j.err).toBe(`BROKEN_CHAIN: ${result.problems[0]!.message}\n`);
  }, 60_000);

  it('a line amount changed (trigger left dropped): BROKEN_CHAIN first, every problem listed, the entry named', async () => {
    const l = await ledgerWithEntries();
    tamper(l.file, (db) => {
      db.exec('DROP TRIGGER journal_lines_no_update');
      expect(db.prepare('UPDATE journal_lines SET amount = amount * 2 WHERE entry_id = 1').run().changes).toBe(2);
    });
    const r = await l.run(['verify', '--json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out) as { ok: boolean; problems: Array<{ code: string; message: string }> };
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['BROKEN_CHAIN', 'BROKEN_CHAIN']);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toEqual(result.problems.map((p) => `BROKEN_CHAIN: ${p.message}`));
    expect(lines[0]).toMatch(/^BROKEN_CHAIN: .*journal_lines_no_update/);
    expect(lines[1]).toMatch(/^BROKEN_CHAIN: .*\bentry 1\b/);
    // Balances still read (the doubled amounts), but the file is flagged.
    expect((await l.json<BalanceOne>(['balance', '--as-of', '2026-04-06', '--client', '1'])).balance).toBe(2 * 50_000 - 2_000);
  }, 60_000);
});
