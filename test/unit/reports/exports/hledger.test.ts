/**
 * The hledger journal, checked with the real hledger (Debian's, 1.25 here; CI installs it): the
 * file parses (hledger refuses an unbalanced transaction), the overall total is zero, and EVERY
 * client's every account balance from `hledger bal` equals Steward's accountBalances — for the
 * whole ledger, and for a period (opening balances brought forward the day before `from`). Names
 * with ";", ":", "|" and double spaces stay hledger-safe.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../../shared/contract-money';
import { accountBalances } from '../../../../main/ledger/balances';
import { writeExport, exportFileName } from '../../../../main/reports/exports';
import { hledgerAccount, hledgerSafe } from '../../../../main/reports/exports/hledger';
import { clientCode } from '../../../../main/reports/exports/read';
import { tempDir } from '../../../fixtures/temp';
import { reportsWorld, TODAY, type ReportsWorld } from '../fixture';
import { filesIn, parseCsv } from './helpers';

let w: ReportsWorld;
let odd: Client;
const meta = { organisationName: 'Riverside Support Brokers', generatedOn: TODAY };

beforeAll(async () => {
  w = await reportsWorld();
  // A client whose name would break a naive journal: a comment sign, the account separator, a pipe and double spaces.
  odd = await w.call<Client>('client.create', { name: 'Ann;  O’Hara: "Jr"  | test', funderIds: [w.funder.id], startDate: '2026-04-01', councilReference: 'SHC-9', bankAccountId: w.pooled.id });
  await w.call('receipt.add', { clientId: odd.id, date: '2026-05-20', amount: 12_345, source: 'other', reference: 'Gift; from: aunt', memo: 'a  b' });
}, 60_000);
afterAll(() => w.close());

function hledger(file: string, ...args: string[]): string {
  return execFileSync('hledger', ['-f', file, ...args], { encoding: 'utf8' });
}

/** "£1,234.56", "£-160.00", "-£5.00", "0" → pence. */
function gbp(s: string): number {
  const t = s.replace(/[£,\s]/g, '');
  if (t === '0') return 0;
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(t.replace(/^(-?)-?/, '$1'));
  if (!m) throw new Error(`unexpected hledger amount "${s}"`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

function hledgerBalances(file: string): Map<string, number> {
  const rows = parseCsv(hledger(file, 'bal', '-O', 'csv', '--flat', '-N'));
  expect(rows[0]).toEqual(['account', 'balance']);
  return new Map(rows.slice(1).filter((r) => r.length === 2).map((r) => [r[0]!, gbp(r[1]!)]));
}

function stewardBalances(asOf: string): Map<string, number> {
  const out = new Map<string, number>();
  const clients = w.db().prepare('SELECT id, name FROM clients ORDER BY id').all() as Array<{ id: number; name: string }>;
  for (const c of clients) {
    for (const a of accountBalances(w.db(), c.id, asOf)) if (a.balance !== 0) out.set(hledgerAccount({ code: clientCode(c.id), name: c.name }, a.code), a.balance);
  }
  return out;
}

describe('hledger journal', () => {
  it('the whole ledger: hledger reads it and every account of every client balances as in Steward', async () => {
    const dir = tempDir();
    const name = exportFileName({ kind: 'hledger' }, TODAY);
    expect(name).toBe(`steward-${TODAY}.journal`);
    const file = path.join(dir, name);
    const progress: number[] = [];
    await writeExport(w.db(), meta, { kind: 'hledger' }, file, { onProgress: (d) => progress.push(d) });
    expect(filesIn(dir)).toEqual([name]);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('commodity £1,000.00');
    const expected = stewardBalances(TODAY);
    expect(expected.size).toBeGreaterThan(15);
    expect(hledgerBalances(file)).toEqual(expected);
    // The journal balances overall: hledger's grand total is zero.
    const total = parseCsv(hledger(file, 'bal', '-O', 'csv', '--flat')).find((r) => r[0] === 'total');
    expect(gbp(total![1]!)).toBe(0);
    // One transaction per journal entry, each tagged with its entry id.
    const entries = (w.db().prepare('SELECT COUNT(*) AS n FROM journal_entries').get() as { n: number }).n;
    expect(hledger(file, 'print').match(/^\d{4}-\d{2}-\d{2} /gm)!.length).toBe(entries);
    expect(hledger(file, 'reg', `tag:entry=^${w.entries.mistaken}$`, '-O', 'csv').split('\n').filter((l) => l.includes('Payment')).length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe((w.db().prepare('SELECT COUNT(*) AS n FROM journal_lines').get() as { n: number }).n);
  });

  it('a period: opening balances the day before, balances at the end equal Steward', async () => {
    const dir = tempDir();
    const file = path.join(dir, exportFileName({ kind: 'hledger', from: '2026-05-01', to: '2026-06-30' }, TODAY));
    expect(path.basename(file)).toBe('steward-2026-05-01-to-2026-06-30.journal');
    await writeExport(w.db(), meta, { kind: 'hledger', from: '2026-05-01', to: '2026-06-30' }, file, {});
    expect(hledgerBalances(file)).toEqual(stewardBalances('2026-06-30'));
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^2026-04-30 Opening balances/m);
    // Nothing outside the period but the opening transaction.
    const dates = [...text.matchAll(/^(\d{4}-\d{2}-\d{2}) /gm)].map((m) => m[1]!);
    expect(dates.filter((d) => d !== '2026-04-30').every((d) => d >= '2026-05-01' && d <= '2026-06-30')).toBe(true);
    // The balances at the start are the opening transaction alone.
    const before = parseCsv(hledger(file, 'bal', '-O', 'csv', '--flat', '-N', '-e', '2026-05-01'));
    const bank = before.find((r) => r[0] === hledgerAccount({ code: clientCode(w.zoe.id), name: w.zoe.name }, 'bank'));
    expect(gbp(bank![1]!)).toBe(accountBalances(w.db(), w.zoe.id, '2026-04-30').find((a) => a.code === 'bank')!.balance);
  });

  it('names stay hledger-safe', async () => {
    const acct = hledgerAccount({ code: clientCode(odd.id), name: odd.name }, 'income:other');
    expect(acct).toBe(`clients:${clientCode(odd.id)} Ann O’Hara "Jr" test:income:other`);
    expect(acct).not.toMatch(/ {2}|;|\|/);
    expect(acct.split(':')).toHaveLength(4);
    expect(hledgerSafe('  a\t;b::c|  d ')).toBe('a b c d');
    expect(hledgerSafe(' ; ')).toBe('unnamed');
    const dir = tempDir();
    const file = path.join(dir, 'x.journal');
    await writeExport(w.db(), meta, { kind: 'hledger', from: '2026-05-20', to: '2026-05-20' }, file, {});
    const bal = hledgerBalances(file);
    expect(bal.get(acct)).toBe(-12_345);
    expect(fs.readFileSync(file, 'utf8')).toContain('Receipt - Gift from aunt - a b  ; entry:');
  });

  it('refuses an end before the start and writes nothing', async () => {
    const dir = tempDir();
    await expect(writeExport(w.db(), meta, { kind: 'hledger', from: '2026-06-01', to: '2026-05-01' }, path.join(dir, 'x.journal'), {})).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(filesIn(dir)).toEqual([]);
  });
});
