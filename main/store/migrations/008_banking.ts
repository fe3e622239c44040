import type { Migration } from './types';

/**
 * 008: banking (issue 7): imported statement lines, their matches to ledger entries,
 * reconciliations that lock matched entries, saved CSV presets and bulk payment batches.
 *
 * What SQL enforces here (code enforces it too):
 * - a bank line's de-duplication key is unique per bank account (re-imports never duplicate);
 * - bank lines and imports are never changed or deleted; matches are ended, never deleted
 *   (an unmatch sets ended_at with a reason, once);
 * - a reconciliation is undone at most once, with a reason, and is otherwise immutable;
 * - an entry locked by an active reconciliation cannot be reversed ('RECONCILED: …');
 * - a payment entry is in at most one sent batch; a sent batch never changes.
 */
export const migration008: Migration = {
  version: 8,
  name: 'banking',
  up(db) {
    db.exec(`
      CREATE TABLE bank_imports (
        id               INTEGER PRIMARY KEY,
        bank_account_id  INTEGER NOT NULL REFERENCES bank_accounts(id),
        file_name        TEXT NOT NULL,
        format           TEXT NOT NULL CHECK (format IN ('csv','ofx','qif')),
        preset           TEXT,
        sha256           TEXT NOT NULL,
        imported         INTEGER NOT NULL CHECK (imported >= 0),
        skipped          INTEGER NOT NULL CHECK (skipped >= 0),
        created_at       TEXT NOT NULL,
        actor            TEXT NOT NULL
      ) STRICT;
      CREATE INDEX bank_imports_account ON bank_imports(bank_account_id, id);
      CREATE TRIGGER bank_imports_no_update BEFORE UPDATE ON bank_imports
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an import record never changes'); END;
      CREATE TRIGGER bank_imports_no_delete BEFORE DELETE ON bank_imports
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an import record is never deleted'); END;

      CREATE TABLE bank_lines (
        id                   INTEGER PRIMARY KEY,
        bank_account_id      INTEGER NOT NULL REFERENCES bank_accounts(id),
        import_id            INTEGER NOT NULL REFERENCES bank_imports(id) DEFERRABLE INITIALLY DEFERRED,
        date                 TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        amount               INTEGER NOT NULL CHECK (amount <> 0),
        description          TEXT NOT NULL,
        reference            TEXT,
        bank_transaction_id  TEXT,
        running_balance      INTEGER,
        source_line          INTEGER NOT NULL,
        fingerprint          TEXT NOT NULL,
        UNIQUE (bank_account_id, fingerprint)
      ) STRICT;
      CREATE INDEX bank_lines_account_date ON bank_lines(bank_account_id, date, id);
      CREATE TRIGGER bank_lines_no_update BEFORE UPDATE ON bank_lines
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an imported bank line never changes'); END;
      CREATE TRIGGER bank_lines_no_delete BEFORE DELETE ON bank_lines
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an imported bank line is never deleted'); END;

      -- One row per (bank line, entry) in a match; a split is several rows with the same match_no.
      CREATE TABLE bank_matches (
        id            INTEGER PRIMARY KEY,
        bank_line_id  INTEGER NOT NULL REFERENCES bank_lines(id),
        entry_id      INTEGER NOT NULL REFERENCES journal_entries(id),
        amount        INTEGER NOT NULL,
        how           TEXT NOT NULL CHECK (how IN ('manual','auto','created')),
        created_at    TEXT NOT NULL,
        actor         TEXT NOT NULL,
        ended_at      TEXT,
        ended_by      TEXT,
        end_reason    TEXT,
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX bank_matches_entry_active ON bank_matches(entry_id) WHERE ended_at IS NULL;
      CREATE INDEX bank_matches_line ON bank_matches(bank_line_id) WHERE ended_at IS NULL;
      CREATE TRIGGER bank_matches_no_delete BEFORE DELETE ON bank_matches
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a match is ended with a reason, never deleted'); END;
      CREATE TRIGGER bank_matches_end_once BEFORE UPDATE ON bank_matches
      WHEN OLD.ended_at IS NOT NULL OR NEW.ended_at IS NULL OR NEW.bank_line_id <> OLD.bank_line_id OR NEW.entry_id <> OLD.entry_id
        OR NEW.amount <> OLD.amount OR NEW.how <> OLD.how OR NEW.created_at <> OLD.created_at OR NEW.actor <> OLD.actor
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a match can only be ended, once'); END;
      CREATE TRIGGER bank_matches_locked BEFORE UPDATE ON bank_matches
      WHEN EXISTS (SELECT 1 FROM reconciliation_locks k JOIN reconciliations r ON r.id = k.reconciliation_id
                    WHERE k.entry_id = OLD.entry_id AND r.undone_at IS NULL)
      BEGIN SELECT RAISE(ABORT, 'CONFLICT: this match is part of an active bank reconciliation; un-reconcile first (with a reason)'); END;

      CREATE TABLE reconciliations (
        id                 INTEGER PRIMARY KEY,
        bank_account_id    INTEGER NOT NULL REFERENCES bank_accounts(id),
        date               TEXT NOT NULL,
        statement_balance  INTEGER NOT NULL,
        ledger_balance     INTEGER NOT NULL,
        note               TEXT NOT NULL DEFAULT '',
        check_json         TEXT NOT NULL,
        created_at         TEXT NOT NULL,
        actor              TEXT NOT NULL,
        undone_at          TEXT,
        undone_by          TEXT,
        undone_reason      TEXT,
        CHECK ((undone_at IS NULL) = (undone_reason IS NULL))
      ) STRICT;
      CREATE INDEX reconciliations_account ON reconciliations(bank_account_id, date);
      CREATE TRIGGER reconciliations_no_delete BEFORE DELETE ON reconciliations
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a reconciliation is undone with a reason, never deleted'); END;
      CREATE TRIGGER reconciliations_undo_once BEFORE UPDATE ON reconciliations
      WHEN OLD.undone_at IS NOT NULL OR NEW.undone_at IS NULL OR length(trim(NEW.undone_reason)) < 5
        OR NEW.bank_account_id <> OLD.bank_account_id OR NEW.date <> OLD.date OR NEW.statement_balance <> OLD.statement_balance
        OR NEW.ledger_balance <> OLD.ledger_balance OR NEW.check_json <> OLD.check_json OR NEW.created_at <> OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a reconciliation can only be undone, once, with a reason'); END;

      CREATE TABLE reconciliation_locks (
        reconciliation_id  INTEGER NOT NULL REFERENCES reconciliations(id),
        entry_id           INTEGER NOT NULL REFERENCES journal_entries(id),
        bank_line_id       INTEGER NOT NULL REFERENCES bank_lines(id),
        PRIMARY KEY (reconciliation_id, entry_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX reconciliation_locks_entry ON reconciliation_locks(entry_id);
      CREATE TRIGGER reconciliation_locks_no_update BEFORE UPDATE ON reconciliation_locks
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a lock never changes; undo the reconciliation'); END;
      CREATE TRIGGER reconciliation_locks_no_delete BEFORE DELETE ON reconciliation_locks
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a lock is never deleted; undo the reconciliation'); END;

      -- Reversing an entry locked by an active reconciliation is refused in SQL too.
      CREATE TRIGGER journal_entries_reconciled BEFORE INSERT ON journal_entries
      WHEN NEW.reverses_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM reconciliation_locks k JOIN reconciliations r ON r.id = k.reconciliation_id
         WHERE k.entry_id = NEW.reverses_id AND r.undone_at IS NULL)
      BEGIN SELECT RAISE(ABORT, 'RECONCILED: the entry is locked by a bank reconciliation; un-reconcile it first (with a reason)'); END;

      CREATE TABLE bank_presets (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
        label         TEXT NOT NULL,
        mapping_json  TEXT NOT NULL CHECK (json_valid(mapping_json)),
        created_at    TEXT NOT NULL,
        actor         TEXT NOT NULL
      ) STRICT;

      CREATE TABLE payment_batches (
        id               INTEGER PRIMARY KEY,
        bank_account_id  INTEGER NOT NULL REFERENCES bank_accounts(id),
        status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','sent')),
        created_at       TEXT NOT NULL,
        actor            TEXT NOT NULL,
        sent_at          TEXT,
        sent_by          TEXT,
        CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      ) STRICT;
      CREATE TRIGGER payment_batches_no_delete BEFORE DELETE ON payment_batches
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a payment batch is never deleted'); END;
      CREATE TRIGGER payment_batches_sent_final BEFORE UPDATE ON payment_batches
      WHEN OLD.status = 'sent' OR NEW.bank_account_id <> OLD.bank_account_id OR NEW.created_at <> OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a sent payment batch never changes'); END;

      CREATE TABLE payment_batch_items (
        batch_id        INTEGER NOT NULL REFERENCES payment_batches(id),
        entry_id        INTEGER NOT NULL REFERENCES journal_entries(id),
        seq             INTEGER NOT NULL,
        sort_code       TEXT NOT NULL CHECK (sort_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
        account_number  TEXT NOT NULL CHECK (account_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
        name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 18),
        amount          INTEGER NOT NULL CHECK (amount > 0),
        reference       TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 18),
        PRIMARY KEY (batch_id, entry_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX payment_batch_items_entry ON payment_batch_items(entry_id);
      CREATE TRIGGER payment_batch_items_no_update BEFORE UPDATE ON payment_batch_items
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a batch row never changes'); END;
      CREATE TRIGGER payment_batch_items_no_delete BEFORE DELETE ON payment_batch_items
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a batch row is never deleted'); END;
      CREATE TRIGGER payment_batch_items_once BEFORE INSERT ON payment_batch_items
      WHEN EXISTS (SELECT 1 FROM payment_batch_items i JOIN payment_batches b ON b.id = i.batch_id
                    WHERE i.entry_id = NEW.entry_id AND b.status = 'sent')
      BEGIN SELECT RAISE(ABORT, 'CONFLICT: this payment is already in a sent batch'); END;
      CREATE TRIGGER payment_batch_items_sent BEFORE INSERT ON payment_batch_items
      WHEN (SELECT status FROM payment_batches WHERE id = NEW.batch_id) = 'sent'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a sent payment batch never changes'); END;
      -- Marking a batch sent: none of its payments may already be in another sent batch.
      CREATE TRIGGER payment_batches_send_once BEFORE UPDATE OF status ON payment_batches
      WHEN NEW.status = 'sent' AND EXISTS (
        SELECT 1 FROM payment_batch_items i JOIN payment_batch_items j ON j.entry_id = i.entry_id AND j.batch_id <> i.batch_id
          JOIN payment_batches b ON b.id = j.batch_id
         WHERE i.batch_id = NEW.id AND b.status = 'sent')
      BEGIN SELECT RAISE(ABORT, 'CONFLICT: a payment in this batch is already in a sent batch'); END;
    `);
  },
};
