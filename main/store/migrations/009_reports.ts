import type { Migration } from './types';

/**
 * 009: reports (issue 6). Each client's chosen statement layout: easy read (large print, plain
 * words, pictures) or the standard statement. A missing row means the standard statement. Changed
 * only through report.prefs.set (one transaction with an audit row).
 */
export const migration009: Migration = {
  version: 9,
  name: 'reports',
  up(db) {
    db.exec(`
      CREATE TABLE report_prefs (
        client_id   INTEGER PRIMARY KEY REFERENCES clients(id),
        easy_read   INTEGER NOT NULL CHECK (easy_read IN (0,1)),
        updated_at  TEXT NOT NULL,
        actor       TEXT NOT NULL
      ) STRICT;
    `);
  },
};
