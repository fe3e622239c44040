/**
 * Seed a real encrypted ledger straight through the main-side domain functions (no server, no UI):
 * a synthetic organisation of many clients, written in one transaction, so an end-to-end test can
 * open a big ledger through the Open-a-ledger screen.
 *
 * What each client gets is known by construction, so tests can say what the screens must show:
 *  - every 7th client: a 4-weekly council schedule from 2026-03-01 and no receipts → "Missing receipt";
 *  - every 25th (from the 4th, not already above): the same schedule, the first receipt £1 short and
 *    the second in full → "Short receipt" only;
 *  - everyone else: no schedule → no alerts.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createLedgerFile } from '../../main/store/ledger-file';
import { createBankAccount, createClient, createFunder, createSchedule } from '../../main/clients/repo';
import { recordReceipt } from '../../main/ledger/operations';
import { ClientCreate, ReceiptAdd, ScheduleCreate } from '../../shared/contract-money';
import { ageOn } from '../../shared/dates';
import type { Arrangement } from '../../shared/domain';
import { syntheticOrg } from '../fixtures/synthetic-org';

export interface SeededClient {
  id: number;
  name: string;
  preferredName: string;
  councilReference: string;
  funderName: string;
  arrangement: Arrangement;
  alert: 'receipt-missing' | 'receipt-short' | null;
}

export interface Seeded {
  organisationName: string;
  funders: string[];
  clients: SeededClient[];
}

/** Lower case with accents removed: how the clients screen compares names ("chloe" finds "Chloë"). */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function seedLedger(file: string, passphrase: string, opts: { clients: number; seed?: number; now: string }): Seeded {
  const org = syntheticOrg({ seed: opts.seed ?? 20260406, clients: opts.clients, funders: 4 });
  const handle = createLedgerFile(file, passphrase, { organisationName: org.name, createdAt: opts.now });
  const st = { at: opts.now, actor: 'seed' };
  try {
    return handle.db.transaction((): Seeded => {
      const funderIds = new Map<string, { id: number; name: string }>();
      for (const f of org.funders) {
        const made = createFunder(
          handle.db,
          { name: f.name, kind: f.kind, rules: { cadence: f.cadence, surplusThresholdWeeks: f.surplusWeeks, contingencyWeeks: f.contingencyWeeks } },
          st,
        );
        funderIds.set(f.id, { id: made.id, name: made.name });
      }
      const pooled = createBankAccount(handle.db, { name: 'Client money (pooled)', kind: 'pooled', sortCode: '40-11-62', accountNumber: '71234568' }, st);
      const clients: SeededClient[] = [];
      org.clients.forEach((c, i) => {
        const funder = funderIds.get(c.funderId)!;
        // Under-16s cannot hold their own budget: a parent holds it for them.
        const child = ageOn(c.dateOfBirth, c.startDate) < 16;
        const made = createClient(
          handle.db,
          ClientCreate.parse({
            name: c.name,
            preferredName: c.preferredName,
            dateOfBirth: c.dateOfBirth,
            councilReference: c.councilReference,
            funderIds: [funder.id],
            arrangement: c.arrangement,
            budgetFor: child ? 'child' : 'person',
            accountHolder: child ? `Parent of ${c.name}` : '',
            trustees:
              c.arrangement === 'user-trust'
                ? [
                    { name: 'Pat Trustee', family: true },
                    { name: 'Sam Trustee', family: false },
                  ]
                : [],
            startDate: c.startDate,
            bankAccountId: pooled.id,
          }),
          st,
        );
        let alert: SeededClient['alert'] = null;
        if (i % 7 === 0 || i % 25 === 3) {
          const amount = Math.round(c.annualBudgetPence / 13);
          createSchedule(handle.db, ScheduleCreate.parse({ clientId: made.id, source: 'council', amount, cadence: 'four-weekly', firstDate: '2026-03-01' }), st);
          if (i % 7 === 0) {
            alert = 'receipt-missing';
          } else {
            recordReceipt(handle.db, ReceiptAdd.parse({ clientId: made.id, date: '2026-03-01', amount: amount - 100, source: 'council' }), st);
            recordReceipt(handle.db, ReceiptAdd.parse({ clientId: made.id, date: '2026-03-29', amount, source: 'council' }), st);
            alert = 'receipt-short';
          }
        }
        clients.push({
          id: made.id,
          name: c.name,
          preferredName: c.preferredName,
          councilReference: c.councilReference,
          funderName: funder.name,
          arrangement: c.arrangement,
          alert,
        });
      });
      return { organisationName: org.name, funders: [...funderIds.values()].map((f) => f.name), clients };
    })();
  } finally {
    handle.close();
  }
}

const CACHE = path.resolve('.test-output/seed-cache');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? sourceFiles(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []))
    .sort();
}

/**
 * seedLedger, kept between runs: seeding 5,000 clients (150,000 accounts) takes several seconds, so the seeded file is cached under .test-output/seed-cache/, keyed by
 * the options and a hash of every source file that shapes it (main/, shared/, the test fixtures and
 * this file). Any change to those sources seeds afresh. Each test gets its own copy.
 */
export function seededLedgerCopy(file: string, passphrase: string, opts: { clients: number; seed?: number; now: string }): Seeded {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ ...opts, passphrase }));
  for (const f of [...sourceFiles('main'), ...sourceFiles('shared'), ...sourceFiles('test/fixtures'), path.resolve('test/e2e/seed.ts')]) {
    hash.update(f);
    hash.update(fs.readFileSync(f));
  }
  const key = hash.digest('hex').slice(0, 16);
  const cached = path.join(CACHE, `${opts.clients}-${key}.steward`);
  const meta = `${cached}.json`;
  if (!fs.existsSync(cached) || !fs.existsSync(meta)) {
    fs.mkdirSync(CACHE, { recursive: true });
    for (const old of fs.readdirSync(CACHE)) fs.rmSync(path.join(CACHE, old), { force: true });
    const tmp = path.join(CACHE, `tmp-${process.pid}.steward`);
    const seeded = seedLedger(tmp, passphrase, opts);
    fs.rmSync(`${tmp}-wal`, { force: true });
    fs.renameSync(tmp, cached);
    fs.writeFileSync(meta, JSON.stringify(seeded));
  }
  fs.copyFileSync(cached, file);
  return JSON.parse(fs.readFileSync(meta, 'utf8')) as Seeded;
}
