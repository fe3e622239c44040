import type { Migration } from './types';

/**
 * 006: pension contribution rates, holiday taken, and the pension and holiday figures of a pay-run
 * line.
 *
 * - employers gain the scheme's contribution rates in basis points of qualifying earnings:
 *   pension_employer_rate (default 300 = 3%) and pension_total_rate (default 800 = 8%), the
 *   statutory minimum for automatic enrolment (Pensions Act 2008 s.20, as phased in by the
 *   Occupational and Personal Pension Schemes (Automatic Enrolment) Regulations 2010 reg. 32H;
 *   gov.uk "Workplace pensions: what you, your employer and the government pay").
 * - holiday_taken: hours of holiday a PA took on a day (hundredths of an hour). pay_run_id is set
 *   when a posted pay run paid the hours and cleared again if that run is reversed. An entry is
 *   never edited; it can be removed only while it is unpaid.
 * - pay_run_lines gain taxable_pay (null on lines written before this version: read as gross),
 *   holiday_hours, holiday_pay, the holiday entries paid (holiday_ids_json), the PA's automatic
 *   enrolment category and their qualifying earnings. The CHECK on net stays as it was.
 *
 * What SQL enforces here (code enforces it too, with messages naming the field):
 * - rates are whole basis points 0..10000, the employer's not above the total;
 * - holiday hours are whole hundredths above 0 and at most 24 hours; an entry's PA, date, hours,
 *   note and creation time never change; a paid entry cannot be deleted;
 * - the new line amounts are whole and not negative.
 */
export const migration006: Migration = {
  version: 6,
  name: 'payroll pension and holiday',
  up(db) {
    db.exec(`
      ALTER TABLE employers ADD COLUMN pension_employer_rate INTEGER NOT NULL DEFAULT 300 CHECK (pension_employer_rate BETWEEN 0 AND 10000);
      ALTER TABLE employers ADD COLUMN pension_total_rate INTEGER NOT NULL DEFAULT 800 CHECK (pension_total_rate BETWEEN 0 AND 10000);
      CREATE TRIGGER employers_pension_rates_insert BEFORE INSERT ON employers
      WHEN NEW.pension_employer_rate > NEW.pension_total_rate
      BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: the employer pension rate is above the total rate'); END;
      CREATE TRIGGER employers_pension_rates_update BEFORE UPDATE ON employers
      WHEN NEW.pension_employer_rate > NEW.pension_total_rate
      BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: the employer pension rate is above the total rate'); END;

      CREATE TABLE holiday_taken (
        id           INTEGER PRIMARY KEY,
        pa_id        INTEGER NOT NULL REFERENCES pas(id),
        date         TEXT NOT NULL,
        hours        INTEGER NOT NULL CHECK (hours > 0 AND hours <= 2400),
        note         TEXT NOT NULL DEFAULT '',
        pay_run_id   INTEGER REFERENCES pay_runs(id),
        created_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX holiday_taken_pa ON holiday_taken(pa_id, date);
      CREATE TRIGGER holiday_taken_no_update BEFORE UPDATE ON holiday_taken
      WHEN NEW.pa_id IS NOT OLD.pa_id OR NEW.date IS NOT OLD.date OR NEW.hours IS NOT OLD.hours
        OR NEW.note IS NOT OLD.note OR NEW.created_at IS NOT OLD.created_at OR NEW.id IS NOT OLD.id
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a holiday entry is never edited; remove it (while unpaid) and record it again'); END;
      CREATE TRIGGER holiday_taken_paid_no_delete BEFORE DELETE ON holiday_taken
      WHEN OLD.pay_run_id IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: holiday paid in a posted pay run cannot be removed'); END;

      ALTER TABLE pay_run_lines ADD COLUMN taxable_pay INTEGER CHECK (taxable_pay >= 0);
      ALTER TABLE pay_run_lines ADD COLUMN holiday_hours INTEGER NOT NULL DEFAULT 0 CHECK (holiday_hours >= 0);
      ALTER TABLE pay_run_lines ADD COLUMN holiday_pay INTEGER NOT NULL DEFAULT 0 CHECK (holiday_pay >= 0);
      ALTER TABLE pay_run_lines ADD COLUMN holiday_ids_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE pay_run_lines ADD COLUMN pension_category TEXT CHECK (pension_category IN ('eligible-jobholder','non-eligible-jobholder','entitled-worker','outside-scope'));
      ALTER TABLE pay_run_lines ADD COLUMN qualifying_earnings INTEGER NOT NULL DEFAULT 0 CHECK (qualifying_earnings >= 0);

      -- Employment Allowance set against this run's employer NI when it was posted (pence): the
      -- journal records employer NI net of it. Fixed once posted.
      ALTER TABLE pay_runs ADD COLUMN employment_allowance INTEGER NOT NULL DEFAULT 0 CHECK (employment_allowance >= 0);
      CREATE TRIGGER pay_runs_allowance_fixed BEFORE UPDATE ON pay_runs
      WHEN OLD.status IN ('posted','reversed') AND NEW.employment_allowance IS NOT OLD.employment_allowance
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a posted pay run is never edited; reverse it instead'); END;
    `);
  },
};
