import type { Migration } from './types';

/**
 * 004: timesheets. One timesheet is one PA's hours for one pay period; its lines are dated hours
 * (hundredths of an hour) at a rate type, each carrying the hourly rate used (pence) and its pay
 * (pence, hours/100 × rate rounded half up). The minimum-wage check's figures are kept with the
 * timesheet as JSON.
 *
 * What SQL enforces here (code enforces it too, with messages naming the field):
 * - a timesheet belongs to an employer and a PA; one timesheet per PA per period start;
 * - the period ends on or after it starts; status is draft, blocked or approved, and an approved
 *   timesheet carries at least one approval;
 * - hours are whole hundredths above zero and at most 24 hours on a line; rates and pay are whole
 *   pence, not negative;
 * - an approved timesheet is immutable: its lines cannot be added, changed or removed, and the row
 *   cannot be changed except to reopen it (status only), nor deleted.
 */
export const migration004: Migration = {
  version: 4,
  name: 'timesheets',
  up(db) {
    db.exec(`
      CREATE TABLE timesheets (
        id                INTEGER PRIMARY KEY,
        client_id         INTEGER NOT NULL REFERENCES employers(client_id),
        pa_id             INTEGER NOT NULL REFERENCES pas(id),
        period_start      TEXT NOT NULL,
        period_end        TEXT NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('draft','blocked','approved')),
        total_hours       INTEGER NOT NULL CHECK (total_hours >= 0),
        gross_pay         INTEGER NOT NULL CHECK (gross_pay >= 0),
        nmw_json          TEXT NOT NULL,
        nmw_note_json     TEXT,
        approvals_json    TEXT NOT NULL DEFAULT '[]',
        approved_at       TEXT,
        reopened_json     TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        CHECK (period_end >= period_start),
        CHECK (status <> 'approved' OR (approvals_json <> '[]' AND approved_at IS NOT NULL)),
        UNIQUE (pa_id, period_start)
      ) STRICT;
      CREATE INDEX timesheets_client ON timesheets(client_id, period_start);

      CREATE TABLE timesheet_lines (
        id                INTEGER PRIMARY KEY,
        timesheet_id      INTEGER NOT NULL REFERENCES timesheets(id),
        line_no           INTEGER NOT NULL CHECK (line_no >= 0),
        date              TEXT NOT NULL,
        rate_type         TEXT NOT NULL CHECK (rate_type IN ('standard','weekend','night','sleep-in','bank-holiday')),
        hours             INTEGER NOT NULL CHECK (hours > 0 AND hours <= 2400),
        rate              INTEGER NOT NULL CHECK (rate >= 0),
        pay               INTEGER NOT NULL CHECK (pay >= 0),
        UNIQUE (timesheet_id, line_no)
      ) STRICT;

      CREATE TRIGGER timesheet_lines_approved_no_insert BEFORE INSERT ON timesheet_lines
      WHEN (SELECT status FROM timesheets WHERE id = NEW.timesheet_id) = 'approved'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an approved timesheet cannot be changed; reopen it with a reason first'); END;
      CREATE TRIGGER timesheet_lines_approved_no_update BEFORE UPDATE ON timesheet_lines
      WHEN (SELECT status FROM timesheets WHERE id = OLD.timesheet_id) = 'approved'
        OR (SELECT status FROM timesheets WHERE id = NEW.timesheet_id) = 'approved'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an approved timesheet cannot be changed; reopen it with a reason first'); END;
      CREATE TRIGGER timesheet_lines_approved_no_delete BEFORE DELETE ON timesheet_lines
      WHEN (SELECT status FROM timesheets WHERE id = OLD.timesheet_id) = 'approved'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an approved timesheet cannot be changed; reopen it with a reason first'); END;
      CREATE TRIGGER timesheets_approved_no_update BEFORE UPDATE ON timesheets
      WHEN OLD.status = 'approved' AND (
        NEW.status = 'approved' OR NEW.client_id IS NOT OLD.client_id OR NEW.pa_id IS NOT OLD.pa_id
        OR NEW.period_start IS NOT OLD.period_start OR NEW.period_end IS NOT OLD.period_end
        OR NEW.total_hours IS NOT OLD.total_hours OR NEW.gross_pay IS NOT OLD.gross_pay)
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an approved timesheet cannot be changed; reopen it with a reason first'); END;
      CREATE TRIGGER timesheets_approved_no_delete BEFORE DELETE ON timesheets
      WHEN OLD.status = 'approved'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an approved timesheet cannot be deleted'); END;
    `);
  },
};
