import type { Migration } from './types';

const LINE_TYPES = "'pa-hours','agency-hours','respite','day-activity','therapy','equipment','transport','community-activity','contingency','other'";
const LINE_UNITS =
  "'hours-per-week','sessions-per-week','days-per-week','nights-per-week','hours-per-month','sessions-per-month','hours-per-year','sessions-per-year','nights-per-year','weeks-per-year','one-off'";
const CATEGORIES = "'pa-wages','employer-ni','pension','agency','respite','activities','equipment','transport','insurance','therapies','fees','other'";
const PLAN_CONTENT_COLUMNS = [
  'client_id',
  'version',
  'based_on_id',
  'title',
  'start_date',
  'end_date',
  'what_matters',
  'what_works',
  'what_does_not_work',
  'outcomes_json',
  'arrangement',
  'money_managed_by',
  'spending_recorded_by',
  'created_at',
];
/** Status changes SQL accepts (code is stricter: plan.end only ends an active plan). */
const TRANSITIONS: ReadonlyArray<[string, string]> = [
  ['draft', 'submitted'],
  ['submitted', 'returned'],
  ['submitted', 'approved'],
  ['approved', 'active'],
  ['approved', 'ended'],
  ['active', 'superseded'],
  ['active', 'ended'],
];

/**
 * 007: support planning (issue 5). Assessments, personal budgets (with their funders' shares),
 * the provider directory, support plan versions with costed lines and a history of transitions,
 * risks, reviews, case notes, complaints and the organisation's planning settings.
 *
 * What SQL enforces here (code enforces it too, with messages naming the field):
 * - enumerations, whole pence not negative, quantities above zero, dates in order;
 * - a plan version moves only along draft → submitted → returned | approved → active →
 *   superseded | ended (and approved → ended); one active version per client; an approved
 *   version carries its approval;
 * - once a version leaves draft its content never changes, its lines cannot be added, changed or
 *   removed, its approval cannot be rewritten, and it cannot be deleted; the transition history
 *   is append-only.
 */
export const migration007: Migration = {
  version: 7,
  name: 'planning',
  up(db) {
    const contentChanged = PLAN_CONTENT_COLUMNS.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');
    const allowed = TRANSITIONS.map(([a, b]) => `(OLD.status = '${a}' AND NEW.status = '${b}')`).join(' OR ');
    db.exec(`
      CREATE TABLE planning_settings (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        under_warn_bps  INTEGER NOT NULL CHECK (under_warn_bps BETWEEN 0 AND 10000)
      ) STRICT;

      CREATE TABLE assessments (
        id                  INTEGER PRIMARY KEY,
        client_id           INTEGER NOT NULL REFERENCES clients(id),
        date                TEXT NOT NULL,
        assessor            TEXT NOT NULL CHECK (assessor <> ''),
        eligible_needs_json TEXT NOT NULL DEFAULT '[]',
        carers_assessment   INTEGER NOT NULL CHECK (carers_assessment IN (0, 1)),
        notes               TEXT NOT NULL DEFAULT '',
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX assessments_client ON assessments(client_id, date);

      CREATE TABLE personal_budgets (
        id                   INTEGER PRIMARY KEY,
        client_id            INTEGER NOT NULL REFERENCES clients(id),
        effective_from       TEXT NOT NULL,
        effective_to         TEXT,
        annual_amount        INTEGER NOT NULL CHECK (annual_amount > 0),
        weekly_amount        INTEGER NOT NULL CHECK (weekly_amount >= 0),
        client_contribution  INTEGER NOT NULL CHECK (client_contribution >= 0),
        urgent_interim       INTEGER NOT NULL CHECK (urgent_interim IN (0, 1)),
        notes                TEXT NOT NULL DEFAULT '',
        created_at           TEXT NOT NULL,
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
      ) STRICT;
      CREATE INDEX personal_budgets_client ON personal_budgets(client_id, effective_from);

      CREATE TABLE personal_budget_funders (
        budget_id      INTEGER NOT NULL REFERENCES personal_budgets(id),
        funder_id      INTEGER NOT NULL REFERENCES funders(id),
        annual_amount  INTEGER NOT NULL CHECK (annual_amount >= 0),
        PRIMARY KEY (budget_id, funder_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE providers (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL CHECK (name <> ''),
        type           TEXT NOT NULL CHECK (type IN ('agency','pa','day-service','activity','supplier','therapist','other')),
        area           TEXT NOT NULL DEFAULT '',
        contact_name   TEXT NOT NULL DEFAULT '',
        phone          TEXT NOT NULL DEFAULT '',
        email          TEXT NOT NULL DEFAULT '',
        address        TEXT NOT NULL DEFAULT '',
        rates_json     TEXT NOT NULL DEFAULT '[]',
        cqc_id         TEXT NOT NULL DEFAULT '',
        cqc_rating     TEXT CHECK (cqc_rating IN ('outstanding','good','requires-improvement','inadequate','not-yet-rated')),
        accreditation  TEXT NOT NULL DEFAULT '',
        notes          TEXT NOT NULL DEFAULT '',
        active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX providers_name ON providers(name);

      CREATE TABLE plan_versions (
        id                    INTEGER PRIMARY KEY,
        client_id             INTEGER NOT NULL REFERENCES clients(id),
        version               INTEGER NOT NULL CHECK (version >= 1),
        based_on_id           INTEGER REFERENCES plan_versions(id),
        status                TEXT NOT NULL CHECK (status IN ('draft','submitted','returned','approved','active','superseded','ended')),
        title                 TEXT NOT NULL DEFAULT '',
        start_date            TEXT NOT NULL,
        end_date              TEXT,
        what_matters          TEXT NOT NULL DEFAULT '',
        what_works            TEXT NOT NULL DEFAULT '',
        what_does_not_work    TEXT NOT NULL DEFAULT '',
        outcomes_json         TEXT NOT NULL DEFAULT '[]',
        arrangement           TEXT NOT NULL CHECK (arrangement IN ('direct-payment','managed-account','isf','user-trust','council-arranged','mixed')),
        money_managed_by      TEXT NOT NULL DEFAULT '',
        spending_recorded_by  TEXT NOT NULL DEFAULT '',
        return_reasons_json   TEXT NOT NULL DEFAULT '[]',
        approval_json         TEXT,
        activated_on          TEXT,
        ended_on              TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        UNIQUE (client_id, version),
        CHECK (end_date IS NULL OR end_date >= start_date),
        CHECK (status NOT IN ('approved','active','superseded') OR approval_json IS NOT NULL),
        CHECK (status <> 'returned' OR return_reasons_json <> '[]'),
        CHECK (status NOT IN ('active','superseded') OR activated_on IS NOT NULL),
        CHECK (status <> 'ended' OR ended_on IS NOT NULL)
      ) STRICT;
      CREATE UNIQUE INDEX plan_versions_one_active ON plan_versions(client_id) WHERE status = 'active';

      CREATE TABLE plan_lines (
        id                 INTEGER PRIMARY KEY,
        plan_id            INTEGER NOT NULL REFERENCES plan_versions(id),
        lineage            INTEGER NOT NULL,
        position           INTEGER NOT NULL CHECK (position >= 0),
        type               TEXT NOT NULL CHECK (type IN (${LINE_TYPES})),
        description        TEXT NOT NULL DEFAULT '',
        provider_id        INTEGER REFERENCES providers(id),
        pa_id              INTEGER REFERENCES pas(id),
        quantity           INTEGER NOT NULL CHECK (quantity > 0 AND quantity <= 1000000),
        unit               TEXT NOT NULL CHECK (unit IN (${LINE_UNITS})),
        rate               INTEGER NOT NULL CHECK (rate BETWEEN 0 AND 10000000),
        gross_hourly_rate  INTEGER CHECK (gross_hourly_rate BETWEEN 0 AND 100000),
        on_cost_hourly     INTEGER CHECK (on_cost_hourly BETWEEN 0 AND 100000),
        on_cost_tax_year   TEXT,
        start_date         TEXT,
        end_date           TEXT,
        holiday_weeks      INTEGER NOT NULL DEFAULT 0 CHECK (holiday_weeks BETWEEN 0 AND 5100),
        category           TEXT NOT NULL CHECK (category IN (${CATEGORIES})),
        notes              TEXT NOT NULL DEFAULT '',
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
        CHECK (type NOT IN ('agency-hours','respite','day-activity','therapy') OR provider_id IS NOT NULL),
        CHECK (pa_id IS NULL OR type = 'pa-hours')
      ) STRICT;
      CREATE INDEX plan_lines_plan ON plan_lines(plan_id, position);

      CREATE TABLE plan_transitions (
        id           INTEGER PRIMARY KEY,
        plan_id      INTEGER NOT NULL REFERENCES plan_versions(id),
        from_status  TEXT,
        to_status    TEXT NOT NULL,
        at           TEXT NOT NULL,
        by_name      TEXT NOT NULL CHECK (by_name <> ''),
        note         TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX plan_transitions_plan ON plan_transitions(plan_id, id);

      CREATE TRIGGER plan_versions_frozen BEFORE UPDATE ON plan_versions
      WHEN OLD.status <> 'draft' AND (${contentChanged})
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a submitted support plan version never changes; make a new version'); END;
      CREATE TRIGGER plan_versions_transition BEFORE UPDATE OF status ON plan_versions
      WHEN NEW.status IS NOT OLD.status AND NOT (${allowed})
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: this support plan status change is not allowed'); END;
      CREATE TRIGGER plan_versions_approval_fixed BEFORE UPDATE ON plan_versions
      WHEN (OLD.approval_json IS NOT NULL AND NEW.approval_json IS NOT OLD.approval_json)
        OR (OLD.return_reasons_json <> '[]' AND NEW.return_reasons_json IS NOT OLD.return_reasons_json)
        OR (OLD.activated_on IS NOT NULL AND NEW.activated_on IS NOT OLD.activated_on)
        OR (OLD.ended_on IS NOT NULL AND NEW.ended_on IS NOT OLD.ended_on)
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a support plan decision is never rewritten'); END;
      CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
      WHEN OLD.status <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a submitted support plan version cannot be deleted'); END;

      CREATE TRIGGER plan_lines_fixed_no_insert BEFORE INSERT ON plan_lines
      WHEN (SELECT status FROM plan_versions WHERE id = NEW.plan_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: the lines of a submitted support plan cannot be changed'); END;
      CREATE TRIGGER plan_lines_fixed_no_update BEFORE UPDATE ON plan_lines
      WHEN (SELECT status FROM plan_versions WHERE id = OLD.plan_id) <> 'draft'
        OR (SELECT status FROM plan_versions WHERE id = NEW.plan_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: the lines of a submitted support plan cannot be changed'); END;
      CREATE TRIGGER plan_lines_fixed_no_delete BEFORE DELETE ON plan_lines
      WHEN (SELECT status FROM plan_versions WHERE id = OLD.plan_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: the lines of a submitted support plan cannot be changed'); END;

      CREATE TRIGGER plan_transitions_no_update BEFORE UPDATE ON plan_transitions
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: support plan history is append-only'); END;
      CREATE TRIGGER plan_transitions_no_delete BEFORE DELETE ON plan_transitions
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: support plan history is append-only'); END;

      CREATE TABLE risks (
        id                INTEGER PRIMARY KEY,
        client_id         INTEGER NOT NULL REFERENCES clients(id),
        description       TEXT NOT NULL CHECK (description <> ''),
        likelihood        INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
        impact            INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
        mitigation        TEXT NOT NULL DEFAULT '',
        contingency_plan  TEXT NOT NULL DEFAULT '',
        informed_choice   TEXT NOT NULL DEFAULT '',
        agreed_by         TEXT NOT NULL DEFAULT '',
        review_date       TEXT,
        status            TEXT NOT NULL CHECK (status IN ('open','closed')),
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX risks_client ON risks(client_id);

      CREATE TABLE reviews (
        id          INTEGER PRIMARY KEY,
        client_id   INTEGER NOT NULL REFERENCES clients(id),
        plan_id     INTEGER REFERENCES plan_versions(id),
        status      TEXT NOT NULL CHECK (status IN ('scheduled','done')),
        due_date    TEXT,
        date        TEXT,
        by_name     TEXT NOT NULL DEFAULT '',
        outcome     TEXT CHECK (outcome IN ('continue','change-plan','end')),
        notes       TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        CHECK (status <> 'done' OR (date IS NOT NULL AND outcome IS NOT NULL AND by_name <> '')),
        CHECK (status <> 'scheduled' OR due_date IS NOT NULL)
      ) STRICT;
      CREATE INDEX reviews_client ON reviews(client_id);
      CREATE TRIGGER reviews_done_fixed BEFORE UPDATE ON reviews
      WHEN OLD.status = 'done'
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a recorded review is not edited; record another'); END;

      CREATE TABLE case_notes (
        id          INTEGER PRIMARY KEY,
        client_id   INTEGER NOT NULL REFERENCES clients(id),
        date        TEXT NOT NULL,
        author      TEXT NOT NULL,
        text        TEXT NOT NULL CHECK (text <> ''),
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX case_notes_client ON case_notes(client_id, date);
      CREATE TRIGGER case_notes_no_update BEFORE UPDATE ON case_notes
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a case note is not edited; add another'); END;
      CREATE TRIGGER case_notes_no_delete BEFORE DELETE ON case_notes
      BEGIN SELECT RAISE(ABORT, 'IMMUTABLE: a case note cannot be deleted'); END;

      CREATE TABLE complaints (
        id             INTEGER PRIMARY KEY,
        client_id      INTEGER NOT NULL REFERENCES clients(id),
        date           TEXT NOT NULL,
        about          TEXT NOT NULL CHECK (about IN ('agency','pa','other')),
        provider_id    INTEGER REFERENCES providers(id),
        pa_id          INTEGER REFERENCES pas(id),
        what_happened  TEXT NOT NULL CHECK (what_happened <> ''),
        action_taken   TEXT NOT NULL DEFAULT '',
        outcome        TEXT NOT NULL DEFAULT '',
        status         TEXT NOT NULL CHECK (status IN ('open','resolved','closed')),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX complaints_client ON complaints(client_id, date);
    `);
  },
};
