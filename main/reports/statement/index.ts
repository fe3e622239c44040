/**
 * Client statements (issue 6, points 1–3): the figures (data.ts), the standard and easy-read PDFs
 * (pdf.ts), batches into a folder, period suggestions and each client's layout preference.
 * Everything here reads the ledger except setStatementPrefs (the api handler wraps it in one
 * transaction; it writes its own audit row).
 */
import { MONTH_NAMES } from '../../../shared/dates';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ClientSelection, StatementVariant, SuggestedPeriod, PeriodBasis } from '../../../shared/contract-reports';
import { addDays, isIsoDate } from '../../../shared/dates';
import { StewardError, isStewardError } from '../../../shared/errors';
import type { StatementData } from '../../../shared/reports-statement';
import { audit } from '../../api/audit';
import { getClient } from '../../clients/repo';
import { slug, type OutputMeta } from '../../payroll/outputs/common';
import type { Stamp } from '../../ledger/journal';
import { selectClients } from '../clients';
import { ensureWritableDir, writeFileAtomic } from '../files';
import { longDate } from '../pdf-layout';
import { MIME, type MadeFile, type RunHooks, type RunResult } from '../types';
import { buildStatementData } from './data';
import { easyReadStatementPdf, standardStatementPdf } from './pdf';

export { buildStatementData } from './data';

export interface StatementRequest {
  clientId: number;
  from: string;
  to: string;
  variant: StatementVariant;
}

/** `statement-<client-slug>-<id>-<from>-to-<to>.pdf`; easy read: `statement-easy-read-…`. */
export function statementFileName(clientName: string, clientId: number, from: string, to: string, easyRead: boolean): string {
  return `statement-${easyRead ? 'easy-read-' : ''}${slug(clientName)}-${clientId}-${from}-to-${to}.pdf`;
}

function easyReadFor(db: Database, clientId: number, variant: StatementVariant): boolean {
  if (variant === 'easy-read') return true;
  if (variant === 'standard') return false;
  return getStatementPrefs(db, clientId).easyRead;
}

/** Render already-built figures (the benchmark and tests time this part on its own). */
export function renderStatement(data: StatementData, meta: OutputMeta, easyRead: boolean): MadeFile {
  const bytes = easyRead ? easyReadStatementPdf(data, meta) : standardStatementPdf(data, meta);
  return { fileName: statementFileName(data.client.name, data.clientId, data.period.from, data.period.to, easyRead), mime: MIME.pdf, data: bytes };
}

export function makeStatement(db: Database, meta: OutputMeta, req: StatementRequest): MadeFile {
  const data = buildStatementData(db, req.clientId, req.from, req.to, meta.generatedOn);
  return renderStatement(data, meta, easyReadFor(db, req.clientId, req.variant));
}

/**
 * Every selected client's statement into `dir`, one file each (written under a temporary name and
 * renamed when complete). A client that fails (no activity, any error other than a file-system one)
 * is listed in `failures` and the batch goes on; a file-system error (folder gone, disk full) stops
 * the batch and is rethrown: files already finished stay, nothing half-written keeps a final name.
 */
export async function writeStatements(
  db: Database,
  meta: OutputMeta,
  req: { clients: ClientSelection; from: string; to: string; variant: StatementVariant },
  dir: string,
  hooks: RunHooks,
): Promise<RunResult> {
  if (req.to < req.from) throw new StewardError('VALIDATION', 'The period ends before it starts: choose an end date on or after the start date.', { where: 'to' });
  const clients = selectClients(db, req.clients);
  const out = ensureWritableDir(dir);
  const result: RunResult = { files: [], failures: [], cancelled: false };
  const total = clients.length;
  let done = 0;
  for (const c of clients) {
    if (hooks.isCancelled?.()) {
      result.cancelled = true;
      break;
    }
    let made: MadeFile | null = null;
    try {
      made = makeStatement(db, meta, { clientId: c.id, from: req.from, to: req.to, variant: req.variant });
    } catch (err) {
      if (isStewardError(err) && err.code === 'IO_ERROR') throw err;
      result.failures.push({
        clientId: c.id,
        clientName: c.name,
        code: isStewardError(err) ? err.code : 'INTERNAL',
        message: err instanceof Error ? err.message : String(err),
      });
    }
    if (made) {
      const file = path.join(out, made.fileName);
      const bytes = writeFileAtomic(file, made.data); // IO_ERROR propagates: the batch stops
      const written = { path: file, fileName: made.fileName, bytes, clientId: c.id };
      result.files.push(written);
      hooks.onFile?.(written);
    }
    done += 1;
    hooks.onProgress?.(done, total);
    if (hooks.breathe) await hooks.breathe();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Periods.

function dayNo(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** "1–28 June 2026", "29 June–26 July 2026", "28 December 2026–24 January 2027". */
export function rangeLabel(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  if (fy !== ty) return `${longDate(from)}–${longDate(to)}`;
  if (fm !== tm) return `${fd} ${MONTH_NAMES[fm - 1]}–${td} ${MONTH_NAMES[tm - 1]} ${ty}`;
  return `${fd}–${td} ${MONTH_NAMES[tm - 1]} ${ty}`;
}

function taxYearStartOf(iso: string): string {
  const y = Number(iso.slice(0, 4));
  return iso >= `${y}-04-06` ? `${y}-04-06` : `${y - 1}-04-06`;
}

/** The anchor of four-weekly periods: the client's (or funder's clients') earliest four-weekly council schedule, else the tax year start. */
function fourWeeklyAnchor(db: Database, o: { clientId?: number | undefined; funderId?: number | undefined; around: string }): string {
  if (o.clientId !== undefined) {
    getClient(db, o.clientId);
    const r = db.prepare("SELECT MIN(first_date) AS d FROM schedules WHERE client_id = ? AND source = 'council' AND cadence = 'four-weekly'").get(o.clientId) as { d: string | null };
    if (r.d) return r.d;
  } else if (o.funderId !== undefined) {
    if (db.prepare('SELECT 1 FROM funders WHERE id = ?').get(o.funderId) === undefined) throw new StewardError('NOT_FOUND', `There is no funder ${o.funderId}.`, { where: 'funderId' });
    const r = db
      .prepare(
        `SELECT MIN(s.first_date) AS d FROM schedules s JOIN client_funders cf ON cf.client_id = s.client_id
          WHERE cf.funder_id = ? AND s.source = 'council' AND s.cadence = 'four-weekly'`,
      )
      .get(o.funderId) as { d: string | null };
    if (r.d) return r.d;
  }
  return taxYearStartOf(o.around);
}

/**
 * Periods to choose from: the one containing `around` and the `count - 1` before it, latest first.
 * Four-weekly periods are aligned to the council schedule (see fourWeeklyAnchor); months are
 * calendar months; quarters run April–June, July–September, October–December, January–March; tax
 * years run 6 April to 5 April.
 */
export function suggestPeriods(db: Database, o: { basis: PeriodBasis; clientId?: number | undefined; funderId?: number | undefined; around: string; count: number }): SuggestedPeriod[] {
  if (!isIsoDate(o.around)) throw new StewardError('VALIDATION', `"${o.around}" is not a date: write it as YYYY-MM-DD.`, { where: 'around' });
  const count = Math.max(1, Math.min(60, Math.trunc(o.count)));
  const out: SuggestedPeriod[] = [];
  if (o.basis === 'four-weekly') {
    const anchor = fourWeeklyAnchor(db, o);
    const k = Math.floor((dayNo(o.around) - dayNo(anchor)) / 28);
    for (let i = 0; i < count; i += 1) {
      const from = addDays(anchor, 28 * (k - i));
      const to = addDays(from, 27);
      out.push({ from, to, label: `4 weeks ${rangeLabel(from, to)}` });
    }
    return out;
  }
  const y = Number(o.around.slice(0, 4));
  const m = Number(o.around.slice(5, 7));
  const monthStart = (yy: number, mm: number): string => {
    const yr = yy + Math.floor((mm - 1) / 12);
    const mo = ((((mm - 1) % 12) + 12) % 12) + 1;
    return `${yr}-${String(mo).padStart(2, '0')}-01`;
  };
  if (o.basis === 'monthly') {
    for (let i = 0; i < count; i += 1) {
      const from = monthStart(y, m - i);
      const to = addDays(monthStart(y, m - i + 1), -1);
      out.push({ from, to, label: `${MONTH_NAMES[Number(from.slice(5, 7)) - 1]} ${from.slice(0, 4)}` });
    }
    return out;
  }
  if (o.basis === 'quarterly') {
    // Quarter starts: April, July, October, January.
    const qStartMonth = m >= 4 ? 4 + 3 * Math.floor((m - 4) / 3) : 1;
    for (let i = 0; i < count; i += 1) {
      const from = monthStart(y, qStartMonth - 3 * i);
      const to = addDays(monthStart(y, qStartMonth - 3 * i + 3), -1);
      const a = MONTH_NAMES[Number(from.slice(5, 7)) - 1]!;
      const b = MONTH_NAMES[Number(to.slice(5, 7)) - 1]!;
      out.push({ from, to, label: `Quarter ${a}–${b} ${to.slice(0, 4)}` });
    }
    return out;
  }
  const start = Number(taxYearStartOf(o.around).slice(0, 4));
  for (let i = 0; i < count; i += 1) {
    const s = start - i;
    out.push({ from: `${s}-04-06`, to: `${s + 1}-04-05`, label: `Tax year ${s}-${String((s + 1) % 100).padStart(2, '0')} (6 April ${s} to 5 April ${s + 1})` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Each client's statement layout.

export function getStatementPrefs(db: Database, clientId: number): { clientId: number; easyRead: boolean } {
  getClient(db, clientId); // NOT_FOUND for an unknown client
  const r = db.prepare('SELECT easy_read FROM report_prefs WHERE client_id = ?').get(clientId) as { easy_read: number } | undefined;
  return { clientId, easyRead: r?.easy_read === 1 };
}

/** Set the layout (inside the caller's transaction) with an audit row. */
export function setStatementPrefs(db: Database, clientId: number, easyRead: boolean, stamp: Stamp): { clientId: number; easyRead: boolean } {
  const before = getStatementPrefs(db, clientId);
  db.prepare(
    `INSERT INTO report_prefs (client_id, easy_read, updated_at, actor) VALUES (?, ?, ?, ?)
     ON CONFLICT(client_id) DO UPDATE SET easy_read = excluded.easy_read, updated_at = excluded.updated_at, actor = excluded.actor`,
  ).run(clientId, easyRead ? 1 : 0, stamp.at, stamp.actor);
  const after = { clientId, easyRead };
  audit(db, { at: stamp.at, actor: stamp.actor, action: 'set-statement-layout', entity: 'client', entityId: clientId, before, after });
  return after;
}

