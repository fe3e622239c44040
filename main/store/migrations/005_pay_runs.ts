import type { Migration } from './types';

/**
 * 005: pay runs. One pay run is one employer's payroll for one pay period: a line per PA with the
 * engine's figures (all integer pence). A run is drafted, approved, posted (one journal entry) and
 * may be reversed (through the journal's reversal); it is never edited once approved.
 *
 * What SQL enforces here (code enforces it too, with messages naming the field):
 * - a run belongs to an employer; its period ends on or after it starts; status is draft,
 *   approved, posted or reversed; an approved (or later) run carries approvals; a posted run
 *   names its journal entry and a reversed run its reversal entry;
 * - every amount on a line is whole pence; gross, NI, loans and pension are not negative (tax may
 *   be: a cumulative refund); one line per PA per run;
 * - lines of a run that is no longer a draft cannot be added, changed or removed; a posted run can
 *   change only to reversed, and a reversed run not at all; runs past draft cannot be deleted.
 */
export const migration005: Migration = {
  version: 5,
  name: 'pay_runs',
  up(db) {
    db.exec(`
      CREATE TABLE pay_runs (
        id                 INTEGER PRIMARY KEY,
        client_id          INTEGER NOT NULL REFERENCES employers(client_id),
        period_start       TEXT NOT NULL,
        period_end         TEXT NOT NULL,
        pay_date           TEXT NOT NULL,
        frequency          TEXT NOT NULL CHECK (frequency IN ('weekly','fortnightly','four-weekly','monthly')),
        tax_year           TEXT NOT NULL,
        tax_period         INTEGER NOT NULL CHECK (tax_period >= 1 AND tax_period <= 56),
        status             TEXT NOT NULL CHECK (status IN ('draft','approved','posted','reversed')),
        notes              TEXT NOT NULL DEFAULT '',
        approvals_json     TEXT NOT NULL DEFAULT '[]',
        approved_at        TEXT,
        entry_id           INTEGER REFERENCES journal_entries(id),
        posted_at          TEXT,
        reversal_entry_id  INTEGER REFERENCES journal_entries(id),
        reversed_reason    TEXT,
        reversed_at        TEXT,
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        CHECK (period_end >= period_start),
        CHECK (status = 'draft' OR (approvals_json <> '[]' AND approved_at IS NOT NULL)),
        CHECK (status NOT IN ('posted','reversed') OR (entry_id IS NOT NULL AND posted_at IS NOT NULL)),
        CHECK (status <> 'reversed' OR (reversal_entry_id IS NOT NULL AND reversed_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX pay_runs_client ON pay_runs(client_id, period_start);

      CREATE TABLE pay_run_lines (
        id                   INTEGER PRIMARY KEY,
        pay_run_id           INTEGER NOT NULL REFERENCES pay_runs(id),
        pa_id                INTEGER NOT NULL REFERENCES pas(id),
        timesheet_ids_json   TEXT NOT NULL,
        tax_code             TEXT NOT NULL,
        tax_basis            TEXT NOT NULL CHECK (tax_basis IN ('cumulative','week1month1')),
        ni_category          TEXT NOT NULL,
        gross                INTEGER NOT NULL CHECK (gross >= 0),
        taxable_pay_before   INTEGER NOT NULL CHECK (taxable_pay_before >= 0),
        tax_paid_before      INTEGER NOT NULL,
        tax                  INTEGER NOT NULL,
        employee_ni          INTEGER NOT NULL CHECK (employee_ni >= 0),
        employer_ni          INTEGER NOT NULL CHECK (employer_ni >= 0),
        student_loan         INTEGER NOT NULL CHECK (student_loan >= 0),
        postgraduate_loan    INTEGER NOT NULL CHECK (postgraduate_loan >= 0),
        employee_pension     INTEGER NOT NULL CHECK (employee_pension >= 0),
        employer_pension     INTEGER NOT NULL CHECK (employer_pension >= 0),
        net                  INTEGER NOT NULL,
        CHECK (net = gross - tax - employee_ni - student_loan - postgraduate_loan - employee_pension),
        UNIQUE (pay_run_id, pa_id)
      ) STRICT;
      CREATE INDEX pay_run_lines_pa ON pay_run_lines(pa_id);

      CREATE TRIGGER pay_run_lines_fixed_no_insert BEFORE INSERT ON pay_run_lines
      WHEN (SELECT status FROM pay_runs WHERE id = NEW.pay_run_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: the lines of an approved pay run cannot be changed'); END;
      CREATE TRIGGER pay_run_lines_fixed_no_update BEFORE UPDATE ON pay_run_lines
      WHEN (SELECT status FROM pay_runs WHERE id = OLD.pay_run_id) <> 'draft'
        OR (SELECT status FROM pay_runs WHERE id = NEW.pay_run_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: the lines of an approved pay run cannot be changed'); END;
      CREATE TRIGGER pay_run_lines_fixed_no_delete BEFORE DELETE ON pay_run_lines
      WHEN (SELECT status FROM pay_runs WHERE id = OLD.pay_run_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: the lines of an approved pay run cannot be changed'); END;
      CREATE TRIGGER pay_runs_posted_no_update BEFORE UPDATE ON pay_runs
      WHEN OLD.status = 'reversed' OR (OLD.status = 'posted' AND (
        NEW.status <> 'reversed' OR NEW.entry_id IS NOT OLD.entry_id OR NEW.client_id IS NOT OLD.client_id
        OR NEW.period_start IS NOT OLD.period_start OR NEW.period_end IS NOT OLD.period_end OR NEW.pay_date IS NOT OLD.pay_date))
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a posted pay run is never edited; reverse it instead'); END;
      CREATE TRIGGER pay_runs_fixed_no_delete BEFORE DELETE ON pay_runs
      WHEN OLD.status <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an approved or posted pay run cannot be deleted'); END;
    `);
  },
};
