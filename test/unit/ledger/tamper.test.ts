/**
 * A ledger file edited behind Steward's back: opened with the cipher and the key (as anyone who
 * knows the passphrase could, with a SQLCipher tool), a guard trigger dropped, a row changed.
 * ledger.verify must report it, naming the first bad entry or audit record; a clean ledger
 * verifies ok.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { GUARD_TRIGGERS } from '../../../main/ledger/verify';
import { KDF_ITERATIONS } from '../../../main/store/ledger-file';
import { openTestLedger, PASSPHRASE, type TestEnv } from '../../fixtures/ledger';
import { addClient, addFunder, payment, receipt } from '../../fixtures/money';

interface VerifyResult {
  ok: boolean;
  schemaVersion: number;
  integrity: string;
  problems: Array<{ code: string; message: string }>;
}

let env: TestEnv | null = null;
afterEach(() => {
  env?.ctx.session.ledger?.close();
  if (env) env.ctx.session.ledger = null;
  env = null;
});

/** A ledger with four entries (1 receipt, 2 payment, 3 receipt, 4 payment), then locked. */
async function lockedLedger(): Promise<TestEnv> {
  const e = await openTestLedger();
  env = e;
  const f = await addFunder(e);
  const c = await addClient(e, f.id);
  await receipt(e, c.id, '2026-04-06', 100_000);
  await payment(e, c.id, '2026-04-06', 10_000);
  await receipt(e, c.id, '2026-04-06', 5_000, 'other');
  await payment(e, c.id, '2026-04-06', 2_500);
  await e.call('ledger.lock', {});
  return e;
}

/** Open the file directly: SQLCipher 4 settings, the passphrase's UTF-8 bytes as the hex key. */
function tamper(e: TestEnv, sql: string | ((db: Database.Database) => void)): void {
  const db = new Database(e.ledgerPath, { fileMustExist: true });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`kdf_iter=${KDF_ITERATIONS}`);
    db.pragma(`hexkey='${Buffer.from(PASSPHRASE, 'utf8').toString('hex')}'`);
    if (typeof sql === 'string') db.exec(sql);
    else sql(db);
  } finally {
    db.close();
  }
}

async function verify(e: TestEnv): Promise<VerifyResult> {
  await e.call('ledger.unlock', { path: e.ledgerPath, passphrase: PASSPHRASE });
  return e.call<VerifyResult>('ledger.verify');
}

/** Drop the named triggers, run the edit, and put the triggers back exactly as they were. */
function behindTheTriggers(names: string[], edit: string): (db: Database.Database) => void {
  return (db) => {
    const saved = names.map((name) => (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) as { sql: string }).sql);
    for (const name of names) db.exec(`DROP TRIGGER ${name}`);
    db.exec(edit);
    for (const sql of saved) db.exec(sql);
  };
}

describe('ledger.verify after the file was changed outside Steward', () => {
  it('a clean ledger verifies ok', async () => {
    const e = await lockedLedger();
    const r = await verify(e);
    expect(r).toEqual({ ok: true, schemaVersion: expect.any(Number) as number, integrity: 'ok', problems: [] });
  });

  it('a journal line’s amount changed: BROKEN_CHAIN naming entry 2, the first bad one', async () => {
    const e = await lockedLedger();
    tamper(
      e,
      `DROP TRIGGER journal_lines_no_update;
       UPDATE journal_lines SET amount = amount * 10 WHERE entry_id IN (2, 4);`,
    );
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      { code: 'BROKEN_CHAIN', message: expect.stringMatching(/^Protective triggers were removed\b.*outside Steward: journal_lines_no_update\.$/) as string },
      { code: 'BROKEN_CHAIN', message: 'Journal entry 2 does not match its hash: its content was changed outside Steward.' },
    ]);
  });

  it('an entry’s memo changed, and the trigger put back: still caught, naming entry 3', async () => {
    const e = await lockedLedger();
    tamper(e, behindTheTriggers(['journal_entries_no_update'], "UPDATE journal_entries SET memo = 'nothing to see here' WHERE id = 3;"));
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ code: 'BROKEN_CHAIN', message: 'Journal entry 3 does not match its hash: its content was changed outside Steward.' }]);
  });

  it('an entry and its lines deleted: BROKEN_CHAIN naming the missing entry 2', async () => {
    const e = await lockedLedger();
    tamper(
      e,
      `DROP TRIGGER journal_entries_no_delete; DROP TRIGGER journal_lines_no_delete;
       DELETE FROM journal_lines WHERE entry_id = 2;
       DELETE FROM journal_entries WHERE id = 2;`,
    );
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual({ code: 'BROKEN_CHAIN', message: 'Journal entry 2 is missing (the next is 3): the file was changed outside Steward.' });
    expect(r.problems.filter((p) => /Journal entry/.test(p.message))).toHaveLength(1);
  });

  it('the last entry deleted with its lines, triggers put back: caught (the audit log recorded entry 4)', async () => {
    const e = await lockedLedger();
    tamper(e, behindTheTriggers(['journal_entries_no_delete', 'journal_lines_no_delete'], 'DELETE FROM journal_lines WHERE entry_id = 4; DELETE FROM journal_entries WHERE id = 4;'));
    const r = await verify(e);
    expect(r.ok, 'verify ok after the last entry was removed').toBe(false);
    expect(r.problems.some((p) => p.code === 'BROKEN_CHAIN' && /entry 4\b/.test(p.message)), JSON.stringify(r.problems)).toBe(true);
  });

  it('only an entry row deleted (its lines left behind): reported, naming entry 2', async () => {
    const e = await lockedLedger();
    tamper(e, 'PRAGMA foreign_keys = OFF; DROP TRIGGER journal_entries_no_delete; DELETE FROM journal_entries WHERE id = 2;');
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.code === 'BROKEN_CHAIN' && /entry 2\b/.test(p.message)), JSON.stringify(r.problems)).toBe(true);
  });

  it('an audit record altered: BROKEN_CHAIN naming that record', async () => {
    const e = await lockedLedger();
    tamper(
      e,
      `DROP TRIGGER audit_log_no_update;
       UPDATE audit_log SET actor = 'someone else' WHERE id = 3;`,
    );
    const r = await verify(e);
    expect(r.ok).toBe(false);
    const audit = r.problems.filter((p) => p.message.startsWith('Audit record'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.code).toBe('BROKEN_CHAIN');
    expect(audit[0]!.message).toMatch(/^Audit record 3 \(/);
  });

  it('an audit record deleted: BROKEN_CHAIN naming the record after the gap', async () => {
    const e = await lockedLedger();
    tamper(e, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;');
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problems.find((p) => p.message.startsWith('Audit record'))?.message).toMatch(/^Audit record 3 \(/);
  });

  it('dropping a guard trigger alone is reported, for each of them', async () => {
    const e = await lockedLedger();
    tamper(e, GUARD_TRIGGERS.map((t) => `DROP TRIGGER ${t};`).join('\n'));
    const r = await verify(e);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code)).toEqual(['BROKEN_CHAIN']);
    const named = /^Protective triggers were removed\b.*outside Steward: (.*)\.$/.exec(r.problems[0]!.message)?.[1]?.split(', ') ?? [];
    expect([...named].sort()).toEqual([...GUARD_TRIGGERS].sort());
  });

  it('a trigger replaced by a harmless one of the same name is reported', async () => {
    const e = await lockedLedger();
    tamper(e, `DROP TRIGGER journal_lines_no_update; CREATE TRIGGER journal_lines_no_update BEFORE UPDATE ON journal_lines BEGIN SELECT 1; END;`);
    const r = await verify(e);
    expect(r.ok, JSON.stringify(r.problems)).toBe(false);
    expect(r.problems.map((p) => p.code)).toEqual(['BROKEN_CHAIN']);
    expect(r.problems[0]!.message).toMatch(/journal_lines_no_update/);
  });
});
