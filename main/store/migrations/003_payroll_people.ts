import type { Migration } from './types';

/**
 * 003: payroll people. A client can be an employer (one row per client) and employs personal
 * assistants (PAs). Money is integer pence (hourly rates), hours are hundredths of an hour.
 *
 * What SQL enforces here (code enforces it too, with messages naming the field):
 * - a PA belongs to a client that is set up as an employer (foreign key to employers);
 * - a PA's leaving date is not before their start date;
 * - enumerations (pay frequency, pension basis, tax basis, pension status, holiday scheme) and
 *   the pay day agree with the pay frequency (a weekday for weekly, fortnightly and four-weekly
 *   pay; a day 1–28 or 'last-working-day' for monthly);
 * - rates are whole pence, not negative (the standard rate above zero); hours not negative.
 */
export const migration003: Migration = {
  version: 3,
  name: 'payroll people',
  up(db) {
    db.exec(`
      CREATE TABLE employers (
        client_id             INTEGER PRIMARY KEY REFERENCES clients(id),
        paye_ref              TEXT,
        accounts_office_ref   TEXT,
        employment_allowance  INTEGER NOT NULL DEFAULT 0 CHECK (employment_allowance IN (0, 1)),
        pension_scheme_name   TEXT NOT NULL DEFAULT '',
        pension_provider      TEXT NOT NULL DEFAULT '',
        pension_basis         TEXT CHECK (pension_basis IN ('relief-at-source','net-pay')),
        pay_frequency         TEXT NOT NULL CHECK (pay_frequency IN ('weekly','fortnightly','four-weekly','monthly')),
        pay_day               TEXT NOT NULL,
        el_insurer            TEXT NOT NULL DEFAULT '',
        el_renewal_date       TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        CHECK (CASE WHEN pay_frequency = 'monthly'
                    THEN pay_day = 'last-working-day' OR (pay_day GLOB '[1-9]' OR pay_day GLOB '1[0-9]' OR pay_day GLOB '2[0-8]')
                    ELSE pay_day IN ('monday','tuesday','wednesday','thursday','friday','saturday','sunday') END)
      ) STRICT;

      CREATE TABLE pas (
        id                    INTEGER PRIMARY KEY,
        client_id             INTEGER NOT NULL REFERENCES employers(client_id),
        name                  TEXT NOT NULL,
        ni_number             TEXT,
        date_of_birth         TEXT NOT NULL,
        address               TEXT NOT NULL DEFAULT '',
        start_date            TEXT NOT NULL,
        leaving_date          TEXT,
        tax_code              TEXT NOT NULL,
        tax_basis             TEXT NOT NULL CHECK (tax_basis IN ('cumulative','week1month1')),
        ni_category           TEXT NOT NULL CHECK (length(ni_category) = 1),
        student_loans_json    TEXT NOT NULL DEFAULT '[]',
        postgraduate_loan     INTEGER NOT NULL DEFAULT 0 CHECK (postgraduate_loan IN (0, 1)),
        pension_status        TEXT NOT NULL CHECK (pension_status IN ('eligible','non-eligible','entitled','opted-out','opted-in')),
        enrolment_date        TEXT,
        re_enrolment_date     TEXT,
        standard_rate         INTEGER NOT NULL CHECK (standard_rate > 0),
        weekend_rate          INTEGER CHECK (weekend_rate >= 0),
        night_rate            INTEGER CHECK (night_rate >= 0),
        sleep_in_rate         INTEGER CHECK (sleep_in_rate >= 0),
        bank_holiday_rate     INTEGER CHECK (bank_holiday_rate >= 0),
        contracted_hours      INTEGER NOT NULL CHECK (contracted_hours BETWEEN 0 AND 16800),
        holiday_scheme        TEXT NOT NULL CHECK (holiday_scheme IN ('pro-rata','accrual')),
        dbs_check_date        TEXT,
        right_to_work_date    TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        CHECK (leaving_date IS NULL OR leaving_date >= start_date)
      ) STRICT;
      CREATE INDEX pas_client ON pas(client_id, name);
      CREATE INDEX pas_ni_number ON pas(ni_number) WHERE ni_number IS NOT NULL;
    `);
  },
};
