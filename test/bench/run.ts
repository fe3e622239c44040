/**
 * `npm run bench`: speed figures on this machine, as a table of medians. Benchmarks, not tests:
 * nothing here fails; figures are recorded in docs/benchmarks.md with the date.
 *
 * Two tables: the foundation figures (file, key, unlock, backup of a 200 MB file), then the
 * organisation ledger (500 clients over 3 years, over a million journal lines) with each figure
 * set against its target and marked MET or MISSED.
 *
 *   STEWARD_BENCH_ONLY=org|foundation|payroll|banking   run one part only (payroll: 400 employers,
 *   1,000 PAs: compute + post every run, and every payslip PDF; test/bench/payroll.ts; banking:
 *   50,000 statement lines imported and auto-matched, test/bench/banking.ts)
 *   STEWARD_BENCH_ONLY=reports   statements for every client for one 4-week period, the accountant
 *   pack (time and peak memory), Xero/Sage CSV and the hledger journal, on the organisation ledger
 *   (test/bench/statements.ts, test/bench/exports.ts)
 *   STEWARD_BENCH_BANK_LINES=5000   fewer statement lines for the banking part
 *   STEWARD_BENCH_CLIENTS=100 STEWARD_BENCH_YEARS=1   a smaller organisation (quick look)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { backupLedger, createLedgerFile, integrityCheck, KDF_ITERATIONS, openLedgerFile } from '../../main/store/ledger-file';
import { addDays, addMonths } from '../../shared/dates';
import { benchOrgLedger, ORG_DEFAULTS, printTargetTable, type TargetRow } from './org-ledger';
import { benchPayroll, PAYROLL_DEFAULTS } from './payroll';
import { benchBanking, BANKING_DEFAULTS } from './banking';
import { buildLedger } from '../fixtures/build-ledger';
import { benchStatements } from './statements';
import { benchExports } from './exports';

const PASS = 'Bench Passphrase 2026!';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-'));
const rows: Array<{ what: string; median: string; runs: number; note: string }> = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
function bench(what: string, runs: number, fn: (i: number) => number | void, note = ''): void {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = fn(i);
    xs.push(typeof r === 'number' ? r : performance.now() - t0);
  }
  rows.push({ what, median: `${median(xs).toFixed(1)} ms`, runs, note });
  process.stderr.write(`  ${what}: ${median(xs).toFixed(1)} ms\n`);
}
const meta = { organisationName: 'Bench Ltd', createdAt: '2026-04-06T09:00:00Z' };
const only = process.env['STEWARD_BENCH_ONLY'] ?? '';

function foundation(): void {
  bench('create a ledger', 5, (i) => {
    createLedgerFile(path.join(dir, `c${i}.steward`), PASS, meta).close();
  });

  bench('key derivation alone (one passphrase guess)', 5, () => {
    const db = new Database(path.join(dir, 'c0.steward'), { fileMustExist: true });
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`kdf_iter=${KDF_ITERATIONS}`);
    const t = time(() => {
      db.pragma(`hexkey='${Buffer.from(PASS).toString('hex')}'`);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    });
    db.close();
    return t;
  }, `PBKDF2-HMAC-SHA512, ${KDF_ITERATIONS.toLocaleString('en-GB')} iterations`);

  bench('unlock a new ledger (key + checks + migrations)', 5, () => {
    openLedgerFile(path.join(dir, 'c0.steward'), PASS).close();
  });

  // A 200 MB ledger: audit rows of ~1 KB each.
  const big = path.join(dir, 'big.steward');
  const h = createLedgerFile(big, PASS, meta);
  const ins = h.db.prepare('INSERT INTO audit_log(at, actor, action, entity, entity_id, after_json) VALUES (?, ?, ?, ?, ?, ?)');
  const payload = JSON.stringify({ memo: 'x'.repeat(900) });
  const t0 = performance.now();
  let n = 0;
  while (fs.statSync(big).size + (fs.existsSync(`${big}-wal`) ? fs.statSync(`${big}-wal`).size : 0) < 200 * 1024 * 1024) {
    h.db.transaction(() => {
      for (let i = 0; i < 20_000; i++) ins.run('2026-04-06T09:00:00Z', 'bench', 'post', 'entry', String(n++), payload);
    })();
    h.db.pragma('wal_checkpoint(TRUNCATE)');
  }
  h.close();
  const mb = fs.statSync(big).size / 1024 / 1024;
  rows.push({ what: `build a ${mb.toFixed(0)} MB ledger`, median: `${(performance.now() - t0).toFixed(0)} ms`, runs: 1, note: `${n.toLocaleString('en-GB')} rows of ~1 KB` });

  bench(`unlock the ${mb.toFixed(0)} MB ledger (incl. quick_check)`, 3, () => {
    openLedgerFile(big, PASS).close();
  });
  const open = openLedgerFile(big, PASS);
  bench(`back up the ${mb.toFixed(0)} MB ledger and verify the copy`, 3, (i) => {
    backupLedger(open, path.join(dir, `backup-${i}.steward`));
  }, 'VACUUM INTO + reopen check');
  bench(`verify the ${mb.toFixed(0)} MB ledger (integrity_check)`, 3, () => {
    integrityCheck(open);
  });
  open.close();
}

function printFoundation(): void {
  const w = [Math.max(...rows.map((r) => r.what.length)), 10, 4];
  const line = (a: string, b: string, c: string, d: string) => `| ${a.padEnd(w[0]!)} | ${b.padStart(w[1]!)} | ${c.padStart(w[2]!)} | ${d}`;
  console.log(line('what', 'median', 'runs', 'note'));
  console.log(line('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(w[2]!), '---'));
  for (const r of rows) console.log(line(r.what, r.median, String(r.runs), r.note));
}

async function main(): Promise<void> {
  let org: TargetRow[] = [];
  let payroll: TargetRow[] = [];
  let banking: TargetRow[] = [];
  let reports: TargetRow[] = [];
  const clients = Number(process.env['STEWARD_BENCH_CLIENTS'] ?? ORG_DEFAULTS.clients);
  const years = Number(process.env['STEWARD_BENCH_YEARS'] ?? ORG_DEFAULTS.years);
  try {
    if (only === '' || only === 'foundation') foundation();
    if (only === '' || only === 'org') {
      const orgDir = fs.mkdtempSync(path.join(dir, 'org-'));
      const to = years === ORG_DEFAULTS.years ? ORG_DEFAULTS.to : addDays(addMonths(ORG_DEFAULTS.from, years * 12), -1);
      org = await benchOrgLedger(orgDir, { ...ORG_DEFAULTS, clients, years, to, asOf: to, passphrase: PASS, log: (s) => process.stderr.write(s) });
    }
    if (only === '' || only === 'payroll') {
      const payrollDir = fs.mkdtempSync(path.join(dir, 'payroll-'));
      payroll = await benchPayroll(payrollDir, { ...PAYROLL_DEFAULTS, passphrase: PASS, log: (s) => process.stderr.write(s) });
    }
    if (only === '' || only === 'banking') {
      const bankingDir = fs.mkdtempSync(path.join(dir, 'banking-'));
      const to = years === ORG_DEFAULTS.years ? ORG_DEFAULTS.to : addDays(addMonths(ORG_DEFAULTS.from, years * 12), -1);
      const lines = Number(process.env['STEWARD_BENCH_BANK_LINES'] ?? BANKING_DEFAULTS.lines);
      banking = await benchBanking(bankingDir, { seed: ORG_DEFAULTS.seed, clients, years, from: ORG_DEFAULTS.from, to, lines, passphrase: PASS, log: (s) => process.stderr.write(s) });
    }
    if (only === '' || only === 'reports') {
      const reportsDir = fs.mkdtempSync(path.join(dir, 'reports-'));
      const to = years === ORG_DEFAULTS.years ? ORG_DEFAULTS.to : addDays(addMonths(ORG_DEFAULTS.from, years * 12), -1);
      const file = path.join(reportsDir, 'org.steward');
      process.stderr.write(`  reports: building ${clients} clients over ${years} years …\n`);
      buildLedger(file, PASS, { seed: ORG_DEFAULTS.seed, clients, years, from: ORG_DEFAULTS.from, to });
      const input = { file, passphrase: PASS, asOf: to, dir: reportsDir, log: (s: string) => process.stderr.write(s) };
      reports = [...(await benchStatements(input)), ...(await benchExports(input))];
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`\nSteward benchmarks — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${load}\n`);
  if (rows.length) printFoundation();
  if (org.length) printTargetTable(`Organisation ledger: ${clients} clients over ${years} years (seed ${ORG_DEFAULTS.seed})`, org);
  if (payroll.length) printTargetTable(`Payroll: ${PAYROLL_DEFAULTS.employers} employers, ${PAYROLL_DEFAULTS.pas} PAs, monthly period 1 of 2026-27`, payroll);
  if (banking.length) printTargetTable(`Banking: statements from the ${clients}-client organisation (seed ${ORG_DEFAULTS.seed})`, banking);
  if (reports.length) printTargetTable(`Statements and exports: the ${clients}-client organisation over ${years} years (seed ${ORG_DEFAULTS.seed})`, reports);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
