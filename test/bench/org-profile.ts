/**
 * Where the organisation benchmark's time goes: each SQL statement behind balance.asOf,
 * alerts.scan, transactions.page and ledger.verify timed on its own (wall and CPU), plus the
 * api's output validation. Not part of `npm run bench`; run it when a target is missed:
 *
 *   npx tsx test/bench/org-profile.ts [clients=500] [years=3]
 *
 * The ledger is built once into the temp folder and kept for later runs (same seed, same file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { contract } from '../../shared/contract';
import { addDays } from '../../shared/dates';
import { clientMoney, RECEIPT_LOOKBACK_DAYS, SPEND_WEEKS } from '../../main/ledger/alerts';
import { bankBalances, liabilities, scheduleRows, spending } from '../../main/ledger/balances';
import { entryHash, type EntryRowRaw } from '../../main/ledger/journal';
import { transactionsPage } from '../../main/ledger/operations';
import { openLedgerFile } from '../../main/store/ledger-file';
import { buildLedger } from '../fixtures/build-ledger';
import { ORG_DEFAULTS } from './org-ledger';

const PASS = 'Bench Passphrase 2026!';
const clients = Number(process.argv[2] ?? ORG_DEFAULTS.clients);
const years = Number(process.argv[3] ?? ORG_DEFAULTS.years);
const file = path.join(os.tmpdir(), `steward-org-profile-${ORG_DEFAULTS.seed}-${clients}-${years}.steward`);
if (!fs.existsSync(file)) {
  process.stderr.write(`building ${file} …\n`);
  const r = buildLedger(file, PASS, { seed: ORG_DEFAULTS.seed, clients, years, from: ORG_DEFAULTS.from, ...(years === 3 ? { to: ORG_DEFAULTS.to } : {}) });
  process.stderr.write(`built ${r.lines} lines in ${r.seconds.toFixed(1)} s\n`);
}

function measure(what: string, runs: number, fn: () => unknown): void {
  fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`${what.padEnd(64)} ${med(walls).toFixed(1).padStart(8)} ms wall ${med(cpus).toFixed(1).padStart(8)} ms cpu`);
}

const t0 = performance.now();
openLedgerFile(file, PASS).close();
const unlockMs = performance.now() - t0;
const t1 = performance.now();
const h2 = openLedgerFile(file, PASS, { skipQuickCheck: true });
const noCheckMs = performance.now() - t1;
const db: Database = h2.db;
console.log(`file ${(fs.statSync(file).size / 1048576).toFixed(0)} MB; unlock ${unlockMs.toFixed(0)} ms, without quick_check ${noCheckMs.toFixed(0)} ms`);
measure('PRAGMA quick_check', 3, () => db.pragma('quick_check'));

const asOf = ORG_DEFAULTS.asOf;
console.log('\n-- balance.asOf / alerts.scan (clientMoney) parts');
measure('bankBalances (correlated SUM per bank account)', 9, () => bankBalances(db, asOf));
measure('bank balances as one GROUP BY over the line index', 9, () =>
  db.prepare(`SELECT a.client_id AS c, SUM(l.amount) AS t FROM accounts a JOIN journal_lines l ON l.account_id = a.id AND l.date <= ? WHERE a.code = 'bank' GROUP BY a.client_id`).all(asOf),
);
measure('scheduleRows', 9, () => scheduleRows(db));
measure('liabilities (6 accounts per client)', 9, () => liabilities(db, asOf));
measure(`spending (13 weeks, all ${12} expense accounts per client)`, 9, () => spending(db, addDays(asOf, -SPEND_WEEKS * 7), asOf));
const from = addDays(addDays(asOf, -RECEIPT_LOOKBACK_DAYS), -3 * 14);
measure('receiptsBetween (receipts of the last ~7 months)', 9, () =>
  db
    .prepare(
      `SELECT e.id, e.client_id AS c, e.source, e.funder_id AS f, e.date, l.amount
         FROM accounts a
         JOIN journal_lines l ON l.account_id = a.id AND l.date > ? AND l.date <= ?
         JOIN journal_entries e ON e.id = l.entry_id
        WHERE a.code = 'bank' AND e.kind = 'receipt'
          AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_id = e.id AND r.date <= ?)`,
    )
    .all(from, asOf, asOf),
);
measure('receipts via income accounts instead of bank (same rows)', 9, () =>
  db
    .prepare(
      `SELECT e.id, e.client_id AS c, e.source, e.funder_id AS f, e.date, -l.amount AS amount
         FROM accounts a
         JOIN journal_lines l ON l.account_id = a.id AND l.date > ? AND l.date <= ?
         JOIN journal_entries e ON e.id = l.entry_id
        WHERE a.code IN ('income:council', 'income:contribution', 'income:other') AND e.kind = 'receipt'
          AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_id = e.id AND r.date <= ?)`,
    )
    .all(from, asOf, asOf),
);
measure('contributionsReceived', 9, () =>
  db
    .prepare(
      `SELECT a.client_id AS c, (SELECT COALESCE(SUM(l.amount), 0) FROM journal_lines l WHERE l.account_id = a.id AND l.date <= ?) AS t
         FROM accounts a WHERE a.code = 'income:contribution'`,
    )
    .all(asOf),
);
let money = clientMoney(db, asOf);
measure('clientMoney(all) in full', 7, () => (money = clientMoney(db, asOf)));
const balanceOut = { asOf, clients: money.map((m) => ({ id: m.clientId, clientId: m.clientId, name: m.name, balance: m.balance, weeklyFunding: m.weeklyFunding, weeksHeld: m.weeksHeld })), total: 0 };
measure("zod check of balance.asOf's answer", 9, () => contract['balance.asOf'].output.parse(balanceOut));
const alertsOut = { asOf, alerts: money.flatMap((m) => m.alerts) };
measure(`zod check of alerts.scan's answer (${alertsOut.alerts.length} alerts)`, 9, () => contract['alerts.scan'].output.parse(alertsOut));

console.log('\n-- transactions.page');
const busiest = db
  .prepare(`SELECT a.client_id AS c, a.id AS acct, COUNT(*) AS n FROM accounts a JOIN journal_lines l ON l.account_id = a.id WHERE a.code = 'bank' GROUP BY a.id ORDER BY n DESC LIMIT 1`)
  .get() as { c: number; acct: number; n: number };
console.log(`busiest client ${busiest.c}: ${busiest.n} bank lines`);
measure('transactionsPage offset 0 (as in the api)', 21, () => transactionsPage(db, busiest.c, 0, 50));
measure('  COUNT(DISTINCT entry_id) alone', 21, () => db.prepare('SELECT COUNT(DISTINCT entry_id) AS n FROM journal_lines WHERE account_id = ?').get(busiest.acct));
measure('  running balance window over all rows alone', 21, () =>
  db
    .prepare(
      `WITH b AS (SELECT entry_id, date, SUM(amount) AS amount FROM journal_lines WHERE account_id = ? GROUP BY entry_id)
       SELECT entry_id, date, amount, SUM(amount) OVER (ORDER BY date, entry_id ROWS UNBOUNDED PRECEDING) AS running FROM b ORDER BY date DESC, entry_id DESC LIMIT 50`,
    )
    .all(busiest.acct),
);
measure('  alternative: newest 50 from the index + one SUM', 21, () => {
  const total = (db.prepare('SELECT COALESCE(SUM(amount), 0) AS t FROM journal_lines WHERE account_id = ?').get(busiest.acct) as { t: number }).t;
  const rows = db.prepare('SELECT entry_id, date, amount FROM journal_lines WHERE account_id = ? ORDER BY date DESC, entry_id DESC LIMIT 50').all(busiest.acct) as Array<{ amount: number }>;
  let running = total;
  return rows.map((r) => {
    const out = { ...r, running };
    running -= r.amount;
    return out;
  });
});

console.log('\n-- ledger.verify');
const entries = (db.prepare('SELECT COUNT(*) AS n FROM journal_entries').get() as { n: number }).n;
measure(`read every entry (SELECT * ORDER BY id), ${entries} rows`, 1, () => {
  let n = 0;
  for (const _ of db.prepare('SELECT * FROM journal_entries ORDER BY id').iterate()) n++;
  return n;
});
measure('read every line (ORDER BY entry_id, seq)', 1, () => {
  let n = 0;
  for (const _ of db.prepare('SELECT entry_id, account_id, amount FROM journal_lines ORDER BY entry_id, seq').iterate()) n++;
  return n;
});
const sample = db.prepare('SELECT * FROM journal_entries ORDER BY id LIMIT 20000').all() as EntryRowRaw[];
measure('entryHash alone, 20,000 entries (x entries/20,000 for all)', 3, () => {
  for (const r of sample) {
    const { hash: _h, ...rest } = r;
    entryHash(rest, [
      { account_id: 1, amount: 1 },
      { account_id: 2, amount: -1 },
    ]);
  }
});
measure('PRAGMA integrity_check', 1, () => db.pragma('integrity_check'));
measure('line/entry agreement query (verify)', 1, () =>
  db
    .prepare(
      `SELECT l.entry_id AS id FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
        WHERE l.date <> e.date OR a.client_id <> e.client_id ORDER BY l.entry_id LIMIT 1`,
    )
    .get(),
);
h2.close();
