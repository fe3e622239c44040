import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createLedgerFile, migrate, openLedgerFile, readVersion } from '../../../main/store/ledger-file';
import { LATEST_VERSION, MIGRATIONS } from '../../../main/store/migrations';
import type { Migration } from '../../../main/store/migrations/types';
import { auditHash, GENESIS, type AuditRowRaw } from '../../../main/store/migrations/002_client_money';
import { audit } from '../../../main/api/audit';
import { GUARD_TRIGGERS, verifyAuditChain, verifyLedgerContent } from '../../../main/ledger/verify';
import { createClient, createFunder } from '../../../main/clients/repo';
import { draftPayRun } from '../../../main/payroll/payruns';
import { tempDir } from '../../fixtures/temp';
import { PASSPHRASE } from '../../fixtures/ledger';

const META = { organisationName: 'M', createdAt: '2026-04-06T09:00:00.000Z' };

describe('migrations', () => {
  it('are numbered 1..n in order, one file each', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 foundation: meta and an append-only audit log', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    expect(readVersion(db)).toBe(1);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['meta', 'audit_log']));
    db.prepare("INSERT INTO audit_log(at, actor, action, entity) VALUES ('t', 'a', 'create', 'ledger')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(/IMMUTABLE/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/IMMUTABLE/);
    expect(() => db.prepare("INSERT INTO meta(key, value) VALUES ('k', x'00')").run()).toThrow(/cannot store BLOB value in TEXT column/);
  });

  it('run in one transaction: a failing migration leaves the schema and user_version as they were', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    const bad: Migration[] = [
      ...MIGRATIONS,
      { version: 90, name: 'good', up: (d) => d.exec('CREATE TABLE later_a (x INTEGER) STRICT') },
      { version: 91, name: 'bad', up: (d) => d.exec('CREATE TABLE later_b (x INTEGER) STRICT; SELECT no_such_function()') },
    ];
    expect(() => migrate(db, 91, bad)).toThrow();
    expect(readVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'later_%'").all()).toEqual([]);
  });

  it('an older ledger is brought up to date when opened', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.steward');
    // Version 0 → LATEST is the path every ledger created by an older build takes.
    const h = createLedgerFile(file, PASSPHRASE, META);
    h.close();
    const again = openLedgerFile(file, PASSPHRASE);
    expect(again.schemaVersion).toBe(LATEST_VERSION);
    again.close();
  });

  describe('002 client money', () => {
    type Db = InstanceType<typeof Database>;
    type ChainedRow = AuditRowRaw & { prev_hash: string; hash: string };
    const ROWS = [
      { at: '2026-01-05T09:00:00.000Z', actor: 'alice', action: 'create', entity: 'ledger', after: { organisationName: 'Old Ltd' } },
      { at: '2026-01-06T09:00:00.000Z', actor: 'bob', action: 'change-passphrase', entity: 'ledger' },
      { at: '2026-01-07T09:00:00.000Z', actor: 'alice', action: 'restore', entity: 'ledger', entityId: 7, before: { a: 1 }, after: { from: '/backups/x.steward' } },
    ];

    /** A version-1 ledger (only the first migration) with audit rows written the version-1 way. */
    function versionOne(): Db {
      const db = new Database(':memory:');
      migrate(db, 1, MIGRATIONS.slice(0, 1));
      expect(readVersion(db)).toBe(1);
      for (const r of ROWS) audit(db, r);
      expect(db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('audit_log') WHERE name = 'hash'").get()).toEqual({ n: 0 });
      return db;
    }

    it('chains the audit rows written before it, leaving their content as it was', () => {
      const db = versionOne();
      const before = db.prepare('SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log ORDER BY id').all() as AuditRowRaw[];
      migrate(db, 2);
      expect(readVersion(db)).toBe(2);
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as ChainedRow[];
      expect(rows.map(({ prev_hash: _p, hash: _h, ...rest }) => rest)).toEqual(before);
      expect(rows.map((r) => r.entity_id)).toEqual([null, null, '7']);
      let prev = GENESIS;
      for (const r of rows) {
        expect(r.prev_hash, `row ${r.id}`).toBe(prev);
        expect(r.hash, `row ${r.id}`).toBe(auditHash(prev, r));
        expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
        prev = r.hash;
      }
      expect(new Set(rows.map((r) => r.hash)).size).toBe(3);
      expect(verifyAuditChain(db)).toBeNull();
      expect(verifyLedgerContent(db, 2)).toEqual([]);
    });

    it('the audit log stays append-only, and new rows chain on from the migrated ones', () => {
      const db = versionOne();
      migrate(db, 2);
      expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 1").run()).toThrow(/^IMMUTABLE: /);
      expect(() => db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/^IMMUTABLE: /);
      const last = db.prepare('SELECT hash FROM audit_log WHERE id = 3').get() as { hash: string };
      audit(db, { at: '2026-04-06T09:00:00.000Z', actor: 'carol', action: 'create', entity: 'funder', entityId: 1, after: { name: 'X' } });
      const row = db.prepare('SELECT * FROM audit_log WHERE id = 4').get() as ChainedRow;
      expect(row.prev_hash).toBe(last.hash);
      expect(row.hash).toBe(auditHash(last.hash, row));
      expect(verifyAuditChain(db)).toBeNull();
    });

    it('every table is STRICT and every guard trigger is present', () => {
      const db = versionOne();
      migrate(db, 2);
      const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string; strict: number }>;
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['accounts', 'attachments', 'audit_log', 'bank_accounts', 'client_funders', 'clients', 'funders', 'journal_entries', 'journal_lines', 'meta', 'payees', 'period_closes', 'schedules']),
      );
      for (const t of tables) expect(t.strict, `${t.name} is STRICT`).toBe(1);
      const triggers = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>).map((r) => r.name);
      expect(triggers).toEqual(expect.arrayContaining([...GUARD_TRIGGERS, 'period_closes_forward']));
      expect(db.pragma('foreign_key_check')).toEqual([]);
    });

    it('an encrypted version-1 file with audit rows is brought to the latest version when opened, chain intact', () => {
      const dir = tempDir();
      const file = path.join(dir, 'v1.steward');
      const h = createLedgerFile(file, PASSPHRASE, META, { targetVersion: 1 });
      expect(h.schemaVersion).toBe(1);
      for (const r of ROWS) audit(h.db, r);
      h.close();
      const again = openLedgerFile(file, PASSPHRASE);
      expect(again.schemaVersion).toBe(LATEST_VERSION);
      expect((again.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n).toBe(3);
      expect(verifyAuditChain(again.db)).toBeNull();
      expect(verifyLedgerContent(again.db, again.schemaVersion)).toEqual([]);
      again.close();
    });
  });
  describe('003 payroll people', () => {
    it('a version-2 ledger with clients and money is brought to version 3: its data kept, employers and pas added, STRICT', () => {
      const dir = tempDir();
      const file = path.join(dir, 'v2.steward');
      const st = { at: '2026-04-06T09:00:00.000Z', actor: 'alice' };
      const h = createLedgerFile(file, PASSPHRASE, META, { targetVersion: 2 });
      expect(h.schemaVersion).toBe(2);
      const clientId = h.db.transaction(() => {
        const f = createFunder(h.db, { name: 'St Helens Council', kind: 'council' }, st);
        return createClient(
          h.db,
          {
            name: 'Ada Lovelace', preferredName: '', dateOfBirth: '1980-05-01', address: '', contacts: [], councilReference: 'SH-1', nhsNumber: '', funderIds: [f.id],
            arrangement: 'managed-account', budgetFor: 'person', accountHolder: '', representative: '', trustees: [], startDate: '2026-04-06', notes: '',
          },
          st,
        ).id;
      })();
      expect(h.db.prepare("SELECT name FROM sqlite_master WHERE name IN ('employers', 'pas')").all()).toEqual([]);
      const clientsBefore = h.db.prepare('SELECT * FROM clients').all();
      const auditBefore = h.db.prepare('SELECT * FROM audit_log ORDER BY id').all();
      h.close();

      const again = openLedgerFile(file, PASSPHRASE);
      try {
        expect(again.schemaVersion).toBe(LATEST_VERSION);
        const db = again.db;
        expect(db.prepare('SELECT * FROM clients').all()).toEqual(clientsBefore);
        expect(db.prepare('SELECT * FROM audit_log ORDER BY id').all()).toEqual(auditBefore);
        const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('employers', 'pas') ORDER BY name").all();
        expect(tables).toEqual([
          { name: 'employers', strict: 1 },
          { name: 'pas', strict: 1 },
        ]);
        expect(verifyAuditChain(db)).toBeNull();
        expect(verifyLedgerContent(db, 3)).toEqual([]);
        expect(db.pragma('foreign_key_check')).toEqual([]);

        // SQL backs the code: STRICT types, the pay day fits the frequency, a PA needs an employer, leaving >= start.
        const emp = db.prepare(
          `INSERT INTO employers(client_id, pay_frequency, pay_day, created_at, updated_at) VALUES (?, ?, ?, 't', 't')`,
        );
        expect(() => emp.run(clientId, 'monthly', 'friday')).toThrow(/CHECK constraint failed/);
        expect(() => emp.run(clientId, 'monthly', '29')).toThrow(/CHECK constraint failed/);
        expect(() => emp.run(clientId, 'weekly', '5')).toThrow(/CHECK constraint failed/);
        expect(() => emp.run(999, 'weekly', 'friday')).toThrow(/FOREIGN KEY constraint failed/);
        const pa = db.prepare(
          `INSERT INTO pas(client_id, name, date_of_birth, start_date, leaving_date, tax_code, tax_basis, ni_category, pension_status, standard_rate, contracted_hours, holiday_scheme, created_at, updated_at)
           VALUES (?, 'Grace', '1990-01-01', '2026-04-06', ?, '1257L', 'cumulative', 'A', 'eligible', ?, 3750, 'pro-rata', 't', 't')`,
        );
        expect(() => pa.run(clientId, null, 1350)).toThrow(/FOREIGN KEY constraint failed/);
        emp.run(clientId, 'monthly', '28');
        expect(() => pa.run(clientId, '2026-04-05', 1350)).toThrow(/CHECK constraint failed/);
        expect(() => pa.run(clientId, null, 13.5)).toThrow(/cannot store REAL value in INTEGER column/);
        expect(() => pa.run(clientId, null, -1)).toThrow(/CHECK constraint failed/);
        pa.run(clientId, null, 1350);
        expect(db.prepare('SELECT COUNT(*) AS n FROM pas').get()).toEqual({ n: 1 });
      } finally {
        again.close();
      }
    });
  });
});

describe('migration 004 timesheets', () => {
  it('adds STRICT timesheet tables whose approved rows SQL keeps immutable, except to reopen', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, 4);
      expect(readVersion(db)).toBe(4);
      const st = { at: '2026-04-06T09:00:00.000Z', actor: 'alice' };
      const f = createFunder(db, { name: 'St Helens Council', kind: 'council' }, st);
      const clientId = createClient(
        db,
        {
          name: 'Ada Lovelace', preferredName: '', dateOfBirth: '1980-05-01', address: '', contacts: [], councilReference: 'SH-1', nhsNumber: '', funderIds: [f.id],
          arrangement: 'managed-account', budgetFor: 'person', accountHolder: '', representative: '', trustees: [], startDate: '2026-04-06', notes: '',
        },
        st,
      ).id;
      const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('timesheets', 'timesheet_lines') ORDER BY name").all();
      expect(tables).toEqual([
        { name: 'timesheet_lines', strict: 1 },
        { name: 'timesheets', strict: 1 },
      ]);
      db.prepare("INSERT INTO employers(client_id, pay_frequency, pay_day, created_at, updated_at) VALUES (?, 'weekly', 'friday', 't', 't')").run(clientId);
      const paId = Number(
        db
          .prepare(
            `INSERT INTO pas(client_id, name, date_of_birth, start_date, tax_code, tax_basis, ni_category, pension_status, standard_rate, contracted_hours, holiday_scheme, created_at, updated_at)
             VALUES (?, 'Grace', '1990-01-01', '2026-04-06', '1257L', 'cumulative', 'A', 'eligible', 1350, 3750, 'pro-rata', 't', 't')`,
          )
          .run(clientId).lastInsertRowid,
      );
      const ts = db.prepare(
        `INSERT INTO timesheets(client_id, pa_id, period_start, period_end, status, total_hours, gross_pay, nmw_json, approvals_json, approved_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 800, 10800, '{}', ?, ?, 't', 't')`,
      );
      expect(() => ts.run(clientId, paId, '2026-05-10', '2026-05-04', 'draft', '[]', null)).toThrow(/CHECK constraint failed/);
      expect(() => ts.run(clientId, paId, '2026-05-04', '2026-05-10', 'approved', '[]', null)).toThrow(/CHECK constraint failed/);
      expect(() => ts.run(clientId, paId, '2026-05-04', '2026-05-10', 'paid', '[]', null)).toThrow(/CHECK constraint failed/);
      const id = Number(ts.run(clientId, paId, '2026-05-04', '2026-05-10', 'draft', '[]', null).lastInsertRowid);
      expect(() => ts.run(clientId, paId, '2026-05-04', '2026-05-10', 'draft', '[]', null)).toThrow(/UNIQUE constraint failed/);
      const line = db.prepare(`INSERT INTO timesheet_lines(timesheet_id, line_no, date, rate_type, hours, rate, pay) VALUES (?, ?, '2026-05-04', ?, ?, 1350, ?)`);
      expect(() => line.run(id, 0, 'standard', 0, 0)).toThrow(/CHECK constraint failed/);
      expect(() => line.run(id, 0, 'standard', 2401, 32414)).toThrow(/CHECK constraint failed/);
      expect(() => line.run(id, 0, 'overtime', 800, 10800)).toThrow(/CHECK constraint failed/);
      expect(() => line.run(id, 0, 'standard', 7.5, 10125)).toThrow(/cannot store REAL value in INTEGER column/);
      line.run(id, 0, 'standard', 800, 10800);

      db.prepare(`UPDATE timesheets SET status = 'approved', approvals_json = '[{"by":"Ada"}]', approved_at = 't' WHERE id = ?`).run(id);
      expect(() => db.prepare('UPDATE timesheet_lines SET hours = 900').run()).toThrow(/IMMUTABLE/);
      expect(() => db.prepare('DELETE FROM timesheet_lines').run()).toThrow(/IMMUTABLE/);
      expect(() => line.run(id, 1, 'standard', 100, 1350)).toThrow(/IMMUTABLE/);
      expect(() => db.prepare('UPDATE timesheets SET gross_pay = 1').run()).toThrow(/IMMUTABLE/);
      expect(() => db.prepare("UPDATE timesheets SET status = 'draft', total_hours = 1").run()).toThrow(/IMMUTABLE/);
      expect(() => db.prepare('DELETE FROM timesheets').run()).toThrow(/IMMUTABLE/);
      // Reopening changes the status only; then the lines can change again.
      db.prepare(`UPDATE timesheets SET status = 'draft', approvals_json = '[]', approved_at = NULL WHERE id = ?`).run(id);
      db.prepare('UPDATE timesheet_lines SET hours = 900, pay = 12150').run();
      expect(db.prepare('SELECT hours FROM timesheet_lines').get()).toEqual({ hours: 900 });
      expect(verifyLedgerContent(db, 4)).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('migration 005 pay runs', () => {
  it('adds STRICT pay run tables whose lines are fixed once approved and whose posted rows only become reversed', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, 5);
      expect(readVersion(db)).toBe(5);
      expect(LATEST_VERSION).toBeGreaterThanOrEqual(5);
      const st = { at: '2026-04-06T09:00:00.000Z', actor: 'alice' };
      const f = createFunder(db, { name: 'St Helens Council', kind: 'council' }, st);
      const clientId = createClient(
        db,
        {
          name: 'Ada Lovelace', preferredName: '', dateOfBirth: '1980-05-01', address: '', contacts: [], councilReference: 'SH-1', nhsNumber: '', funderIds: [f.id],
          arrangement: 'managed-account', budgetFor: 'person', accountHolder: '', representative: '', trustees: [], startDate: '2026-04-06', notes: '',
        },
        st,
      ).id;
      const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('pay_runs', 'pay_run_lines') ORDER BY name").all();
      expect(tables).toEqual([
        { name: 'pay_run_lines', strict: 1 },
        { name: 'pay_runs', strict: 1 },
      ]);
      db.prepare("INSERT INTO employers(client_id, pay_frequency, pay_day, created_at, updated_at) VALUES (?, 'monthly', '28', 't', 't')").run(clientId);
      const paId = Number(
        db
          .prepare(
            `INSERT INTO pas(client_id, name, date_of_birth, start_date, tax_code, tax_basis, ni_category, pension_status, standard_rate, contracted_hours, holiday_scheme, created_at, updated_at)
             VALUES (?, 'Grace', '1990-01-01', '2026-04-06', '1257L', 'cumulative', 'A', 'eligible', 1350, 3750, 'pro-rata', 't', 't')`,
          )
          .run(clientId).lastInsertRowid,
      );
      const run = db.prepare(
        `INSERT INTO pay_runs(client_id, period_start, period_end, pay_date, frequency, tax_year, tax_period, status, created_at, updated_at)
         VALUES (?, ?, ?, '2026-05-28', 'monthly', '2026-27', ?, ?, 't', 't')`,
      );
      expect(() => run.run(clientId, '2026-05-31', '2026-05-01', 2, 'draft')).toThrow(/CHECK constraint failed/);
      expect(() => run.run(clientId, '2026-05-01', '2026-05-31', 2, 'approved')).toThrow(/CHECK constraint failed/);
      expect(() => run.run(clientId, '2026-05-01', '2026-05-31', 57, 'draft')).toThrow(/CHECK constraint failed/);
      const id = Number(run.run(clientId, '2026-05-01', '2026-05-31', 2, 'draft').lastInsertRowid);
      const line = db.prepare(
        `INSERT INTO pay_run_lines(pay_run_id, pa_id, timesheet_ids_json, tax_code, tax_basis, ni_category, gross, taxable_pay_before, tax_paid_before, tax,
           employee_ni, employer_ni, student_loan, postgraduate_loan, employee_pension, employer_pension, net)
         VALUES (?, ?, '[]', '1257L', 'cumulative', 'A', 100000, 0, 0, ?, 2000, 5000, 0, 0, 0, 0, ?)`,
      );
      expect(() => line.run(id, paId, 0, 99999)).toThrow(/CHECK constraint failed/);
      expect(() => line.run(id, paId, 0.5, 97999.5)).toThrow(/cannot store REAL value in INTEGER column/);
      line.run(id, paId, 0, 98000);
      expect(() => line.run(id, paId, 0, 98000)).toThrow(/UNIQUE constraint failed/);
      db.prepare(`UPDATE pay_runs SET status = 'approved', approvals_json = '[{"by":"Ada"}]', approved_at = 't' WHERE id = ?`).run(id);
      expect(() => db.prepare('UPDATE pay_run_lines SET gross = 1, net = 1').run()).toThrow(/IMMUTABLE/);
      expect(() => db.prepare('DELETE FROM pay_run_lines').run()).toThrow(/IMMUTABLE/);
      expect(() => db.prepare('DELETE FROM pay_runs').run()).toThrow(/IMMUTABLE/);
      expect(() => db.prepare(`UPDATE pay_runs SET status = 'posted' WHERE id = ?`).run(id)).toThrow(/CHECK constraint failed/);
      expect(verifyLedgerContent(db, 5)).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('migration 006 pension and holiday', () => {
  it('adds employer pension rates with defaults, holiday_taken, and line columns; a line from before it counts its gross as taxable pay', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, 5);
      const st = { at: '2026-04-06T09:00:00.000Z', actor: 'alice' };
      const f = createFunder(db, { name: 'St Helens Council', kind: 'council' }, st);
      const clientId = createClient(
        db,
        {
          name: 'Ada Lovelace', preferredName: '', dateOfBirth: '1980-05-01', address: '', contacts: [], councilReference: 'SH-1', nhsNumber: '', funderIds: [f.id],
          arrangement: 'managed-account', budgetFor: 'person', accountHolder: '', representative: '', trustees: [], startDate: '2026-04-06', notes: '',
        },
        st,
      ).id;
      db.prepare("INSERT INTO employers(client_id, pay_frequency, pay_day, created_at, updated_at) VALUES (?, 'monthly', '28', 't', 't')").run(clientId);
      const paId = Number(
        db
          .prepare(
            `INSERT INTO pas(client_id, name, date_of_birth, start_date, tax_code, tax_basis, ni_category, pension_status, standard_rate, contracted_hours, holiday_scheme, created_at, updated_at)
             VALUES (?, 'Grace', '1990-01-01', '2026-04-06', '1257L', 'cumulative', 'A', 'eligible', 1350, 3750, 'pro-rata', 't', 't')`,
          )
          .run(clientId).lastInsertRowid,
      );
      // A posted May run written by version 5 (its journal entry is not needed here, so foreign keys are off for this insert).
      db.pragma('foreign_keys=OFF');
      const runId = Number(
        db
          .prepare(
            `INSERT INTO pay_runs(client_id, period_start, period_end, pay_date, frequency, tax_year, tax_period, status, created_at, updated_at)
             VALUES (?, '2026-05-01', '2026-05-31', '2026-05-28', 'monthly', '2026-27', 2, 'draft', 't', 't')`,
          )
          .run(clientId).lastInsertRowid,
      );
      db.prepare(
        `INSERT INTO pay_run_lines(pay_run_id, pa_id, timesheet_ids_json, tax_code, tax_basis, ni_category, gross, taxable_pay_before, tax_paid_before, tax,
           employee_ni, employer_ni, student_loan, postgraduate_loan, employee_pension, employer_pension, net)
         VALUES (?, ?, '[]', '1257L', 'cumulative', 'A', 100000, 0, 0, 0, 2000, 5000, 0, 0, 0, 0, 98000)`,
      ).run(runId, paId);
      db.prepare(`UPDATE pay_runs SET status = 'approved', approvals_json = '[{"by":"Ada"}]', approved_at = 't' WHERE id = ?`).run(runId);
      db.prepare(`UPDATE pay_runs SET status = 'posted', entry_id = 999, posted_at = 't' WHERE id = ?`).run(runId);
      db.pragma('foreign_keys=ON');

      migrate(db, 6);
      expect(readVersion(db)).toBe(6);
      expect(db.prepare('SELECT pension_employer_rate AS e, pension_total_rate AS t FROM employers').get()).toEqual({ e: 300, t: 800 });
      expect(db.prepare('SELECT taxable_pay, holiday_hours, holiday_pay, holiday_ids_json, pension_category, qualifying_earnings FROM pay_run_lines').get()).toEqual({
        taxable_pay: null, holiday_hours: 0, holiday_pay: 0, holiday_ids_json: '[]', pension_category: null, qualifying_earnings: 0,
      });
      expect(db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name = 'holiday_taken'").all()).toEqual([{ name: 'holiday_taken', strict: 1 }]);
      expect(() => db.prepare('UPDATE employers SET pension_total_rate = 10001').run()).toThrow(/CHECK constraint failed/);
      expect(() => db.prepare('UPDATE employers SET pension_employer_rate = 900').run()).toThrow(/employer pension rate is above the total/);
      const add = db.prepare("INSERT INTO holiday_taken(pa_id, date, hours, created_at) VALUES (?, '2026-06-10', ?, 't')");
      expect(() => add.run(paId, 0)).toThrow(/CHECK constraint failed/);
      expect(() => add.run(paId, 2401)).toThrow(/CHECK constraint failed/);
      const hid = Number(add.run(paId, 750).lastInsertRowid);
      expect(() => db.prepare('UPDATE holiday_taken SET date = ? WHERE id = ?').run('2026-06-11', hid)).toThrow(/IMMUTABLE/);
      db.prepare('UPDATE holiday_taken SET pay_run_id = ? WHERE id = ?').run(runId, hid);
      expect(() => db.prepare('DELETE FROM holiday_taken WHERE id = ?').run(hid)).toThrow(/IMMUTABLE/);
      db.prepare('UPDATE holiday_taken SET pay_run_id = NULL WHERE id = ?').run(hid);

      // June's draft takes May's gross (no taxable pay recorded) as taxable pay to date.
      db.prepare(
        `INSERT INTO timesheets(client_id, pa_id, period_start, period_end, status, total_hours, gross_pay, nmw_json, approvals_json, approved_at, created_at, updated_at)
         VALUES (?, ?, '2026-06-01', '2026-06-30', 'approved', 800, 10800, '{}', '[{"by":"Ada"}]', 't', 't', 't')`,
      ).run(clientId, paId);
      const june = draftPayRun(db, { clientId, periodStart: '2026-06-01', periodEnd: '2026-06-30', payDate: '2026-06-26' }, st);
      // Gross: the timesheet's 10800 plus the unpaid 7.5 h of holiday at £13.50 = 10125.
      expect(june.lines[0]).toMatchObject({ taxablePayBefore: 100000, taxPaidBefore: 0, holidayHours: 750, holidayPay: 10125, gross: 20925 });
      expect(verifyLedgerContent(db, 6)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
