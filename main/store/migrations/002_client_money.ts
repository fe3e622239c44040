import { createHash } from 'node:crypto';
import type { Migration } from './types';

/**
 * 002: funders, clients, bank accounts, the per-client chart of accounts, the append-only
 * double-entry journal with its hash chain, receipt and contribution schedules, payees,
 * attachments (evidence kept encrypted in the file), period closes, and a hash chain on the
 * audit log.
 *
 * What SQL enforces here (code enforces it too):
 * - journal lines and entries are never updated or deleted (triggers);
 * - an entry's lines sum to zero and there are at least two of them (checked when the entry row
 *   is inserted, after its lines: the lines' foreign key is deferred);
 * - no line is added to an entry that is already posted;
 * - every line posts to an account of its entry's own client, on the entry's date (one client's
 *   money never pays for another's);
 * - nothing is posted on or before the date the books are closed through;
 * - an entry is reversed at most once, and a reversal cannot itself be reversed.
 */
export const migration002: Migration = {
  version: 2,
  name: 'client money',
  up(db) {
    db.exec(`
      CREATE TABLE funders (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('council','nhs','other')),
        rules_json  TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bank_accounts (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('dedicated','pooled')),
        sort_code       TEXT NOT NULL DEFAULT '',
        account_number  TEXT NOT NULL DEFAULT '',
        created_at      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE clients (
        id               INTEGER PRIMARY KEY,
        name             TEXT NOT NULL,
        preferred_name   TEXT NOT NULL DEFAULT '',
        date_of_birth    TEXT,
        address          TEXT NOT NULL DEFAULT '',
        contacts_json    TEXT NOT NULL DEFAULT '[]',
        council_ref      TEXT NOT NULL DEFAULT '',
        nhs_number       TEXT NOT NULL DEFAULT '',
        arrangement      TEXT NOT NULL CHECK (arrangement IN ('managed-account','isf','user-trust','direct-payment-brokerage')),
        budget_for       TEXT NOT NULL CHECK (budget_for IN ('person','carer','child')),
        account_holder   TEXT NOT NULL DEFAULT '',
        representative   TEXT NOT NULL DEFAULT '',
        trustees_json    TEXT NOT NULL DEFAULT '[]',
        start_date       TEXT NOT NULL,
        status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','ended')),
        end_date         TEXT,
        notes            TEXT NOT NULL DEFAULT '',
        bank_account_id  INTEGER NOT NULL REFERENCES bank_accounts(id),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX clients_name ON clients(name);

      CREATE TABLE client_funders (
        client_id  INTEGER NOT NULL REFERENCES clients(id),
        funder_id  INTEGER NOT NULL REFERENCES funders(id),
        PRIMARY KEY (client_id, funder_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE accounts (
        id               INTEGER PRIMARY KEY,
        client_id        INTEGER NOT NULL REFERENCES clients(id),
        code             TEXT NOT NULL,
        name             TEXT NOT NULL,
        type             TEXT NOT NULL CHECK (type IN ('asset','liability','income','expense','equity')),
        bank_account_id  INTEGER REFERENCES bank_accounts(id),
        UNIQUE (client_id, code),
        CHECK ((code = 'bank') = (bank_account_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX accounts_bank ON accounts(bank_account_id) WHERE bank_account_id IS NOT NULL;
      CREATE INDEX accounts_code ON accounts(code, client_id);
      CREATE TRIGGER accounts_no_update BEFORE UPDATE ON accounts
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an account cannot be changed once opened'); END;
      CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: an account cannot be deleted'); END;

      CREATE TABLE payees (
        id                INTEGER PRIMARY KEY,
        name              TEXT NOT NULL,
        kind              TEXT NOT NULL,
        default_category  TEXT,
        client_id         INTEGER REFERENCES clients(id),
        sort_code         TEXT NOT NULL DEFAULT '',
        account_number    TEXT NOT NULL DEFAULT '',
        created_at        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payees_name ON payees(name COLLATE NOCASE);

      CREATE TABLE schedules (
        id          INTEGER PRIMARY KEY,
        client_id   INTEGER NOT NULL REFERENCES clients(id),
        source      TEXT NOT NULL CHECK (source IN ('council','contribution')),
        funder_id   INTEGER REFERENCES funders(id),
        amount      INTEGER NOT NULL CHECK (amount > 0),
        cadence     TEXT NOT NULL CHECK (cadence IN ('weekly','four-weekly','monthly')),
        first_date  TEXT NOT NULL,
        end_date    TEXT,
        created_at  TEXT NOT NULL,
        CHECK ((source = 'council') = (funder_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX schedules_client ON schedules(client_id);

      CREATE TABLE period_closes (
        id         INTEGER PRIMARY KEY,
        through    TEXT NOT NULL,
        closed_at  TEXT NOT NULL,
        actor      TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER period_closes_no_update BEFORE UPDATE ON period_closes
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a closed period stays closed'); END;
      CREATE TRIGGER period_closes_no_delete BEFORE DELETE ON period_closes
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a closed period stays closed'); END;
      CREATE TRIGGER period_closes_forward BEFORE INSERT ON period_closes
      WHEN NEW.through <= (SELECT MAX(through) FROM period_closes)
      BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: the books are already closed through a later date'); END;

      CREATE TABLE journal_entries (
        id                 INTEGER PRIMARY KEY,
        client_id          INTEGER NOT NULL REFERENCES clients(id),
        date               TEXT NOT NULL,
        kind               TEXT NOT NULL,
        source             TEXT,
        category           TEXT,
        funder_id          INTEGER REFERENCES funders(id),
        payee_id           INTEGER REFERENCES payees(id),
        reference          TEXT NOT NULL DEFAULT '',
        memo               TEXT NOT NULL DEFAULT '',
        reverses_id        INTEGER UNIQUE REFERENCES journal_entries(id),
        -- What the entry did to the client's bank share (the sum of its bank lines): kept on the
        -- entry so receipt and statement lists read one index; checked against the lines below.
        bank_amount        INTEGER NOT NULL,
        reason             TEXT,
        authorisation_json TEXT NOT NULL DEFAULT '[]',
        override_json      TEXT,
        created_at         TEXT NOT NULL,
        actor              TEXT NOT NULL,
        prev_hash          TEXT NOT NULL,
        hash               TEXT NOT NULL,
        CHECK ((reverses_id IS NULL) = (kind <> 'reversal')),
        CHECK (kind <> 'reversal' OR reason IS NOT NULL)
      ) STRICT;
      CREATE INDEX journal_entries_client_date ON journal_entries(client_id, date, id);
      CREATE INDEX journal_entries_receipts ON journal_entries(date, client_id, source, funder_id, bank_amount) WHERE kind = 'receipt';

      -- Lines are stored clustered by entry (no separate rowid): posting appends, and an entry's
      -- lines are read together. The covering index serves balances as at any date.
      CREATE TABLE journal_lines (
        entry_id    INTEGER NOT NULL REFERENCES journal_entries(id) DEFERRABLE INITIALLY DEFERRED,
        seq         INTEGER NOT NULL,
        account_id  INTEGER NOT NULL REFERENCES accounts(id),
        date        TEXT NOT NULL,
        amount      INTEGER NOT NULL CHECK (amount <> 0),
        PRIMARY KEY (entry_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX journal_lines_account_date ON journal_lines(account_id, date, amount);

      CREATE TRIGGER journal_lines_into_open_entry BEFORE INSERT ON journal_lines
      WHEN EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.entry_id)
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: lines cannot be added to a posted entry'); END;

      -- Checked when the entry row goes in, after its lines: it balances, every line posts to an
      -- account of the entry's own client on the entry's date, and its period is open.
      CREATE TRIGGER journal_entries_check BEFORE INSERT ON journal_entries
      BEGIN
        SELECT RAISE(ABORT, 'UNBALANCED: an entry needs at least two lines that sum to zero')
          FROM (SELECT COUNT(*) AS n, TOTAL(amount) AS s FROM journal_lines WHERE entry_id = NEW.id) WHERE n < 2 OR s <> 0;
        SELECT RAISE(ABORT, 'FORBIDDEN: every line of an entry posts to its own client and date')
          WHERE EXISTS (SELECT 1 FROM journal_lines l JOIN accounts a ON a.id = l.account_id
                         WHERE l.entry_id = NEW.id AND (a.client_id <> NEW.client_id OR l.date <> NEW.date));
        SELECT RAISE(ABORT, 'UNBALANCED: the entry''s bank amount is not the sum of its bank lines')
          WHERE NEW.bank_amount <> (SELECT TOTAL(l.amount) FROM journal_lines l JOIN accounts a ON a.id = l.account_id
                                     WHERE l.entry_id = NEW.id AND a.code = 'bank');
        SELECT RAISE(ABORT, 'PERIOD_CLOSED: the books are closed for that date')
          WHERE NEW.date <= (SELECT MAX(through) FROM period_closes);
      END;
      CREATE TRIGGER journal_entries_no_reverse_reversal BEFORE INSERT ON journal_entries
      WHEN NEW.reverses_id IS NOT NULL AND (SELECT kind FROM journal_entries WHERE id = NEW.reverses_id) = 'reversal'
      BEGIN SELECT RAISE(ABORT, 'CONFLICT: a reversal cannot itself be reversed'); END;

      CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a posted entry never changes; reverse it instead'); END;
      CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a posted entry is never deleted; reverse it instead'); END;
      CREATE TRIGGER journal_lines_no_update BEFORE UPDATE ON journal_lines
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a posted entry never changes; reverse it instead'); END;
      CREATE TRIGGER journal_lines_no_delete BEFORE DELETE ON journal_lines
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a posted entry is never deleted; reverse it instead'); END;

      CREATE TABLE attachments (
        id          INTEGER PRIMARY KEY,
        client_id   INTEGER NOT NULL REFERENCES clients(id),
        entry_id    INTEGER REFERENCES journal_entries(id),
        filename    TEXT NOT NULL,
        mime        TEXT NOT NULL CHECK (mime IN ('application/pdf','image/png','image/jpeg')),
        bytes       INTEGER NOT NULL CHECK (bytes > 0 AND bytes <= 10485760),
        sha256      TEXT NOT NULL,
        data        BLOB NOT NULL,
        created_at  TEXT NOT NULL,
        actor       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX attachments_client ON attachments(client_id);
      CREATE INDEX attachments_entry ON attachments(entry_id) WHERE entry_id IS NOT NULL;
      CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: evidence is never changed'); END;
      CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: evidence is never deleted'); END;

      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
    `);
    // Chain the audit rows written before this migration (the migration owns the table for a
    // moment: the no-update trigger is lifted and put back inside the same transaction).
    const rows = db.prepare('SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log ORDER BY id').all() as AuditRowRaw[];
    db.exec('DROP TRIGGER audit_log_no_update');
    const upd = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
    let prev = GENESIS;
    for (const r of rows) {
      const h = auditHash(prev, r);
      upd.run(prev, h, r.id);
      prev = h;
    }
    db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: the audit log is append-only'); END;`);
  },
};

export const GENESIS = '0'.repeat(64);

export interface AuditRowRaw {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** Hash of one audit row chained to the previous one. Kept here so the migration is self-contained. */
export function auditHash(prev: string, r: Omit<AuditRowRaw, 'id'> & { id: number }): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.before_json, r.after_json]))
    .digest('hex');
}
