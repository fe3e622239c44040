/**
 * Which clients a report covers (ClientSelection) and the client list of the Reports screen.
 * Order is by name then id everywhere, so batches and their progress read the same each time.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ClientSelection, ReportClient } from '../../shared/contract-reports';
import { StewardError } from '../../shared/errors';

export interface SelectedClient {
  id: number;
  name: string;
}

interface Row {
  id: number;
  name: string;
  council_ref: string;
  status: string;
  funders: string | null;
  easy_read: number | null;
}

function hasPrefsTable(db: Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'report_prefs'").get() !== undefined;
}

export function listReportClients(db: Database, o: { funderId?: number | undefined; includeEnded?: boolean | undefined }): ReportClient[] {
  const prefs = hasPrefsTable(db);
  const rows = db
    .prepare(
      `SELECT c.id, c.name, c.council_ref, c.status,
              (SELECT group_concat(cf.funder_id) FROM client_funders cf WHERE cf.client_id = c.id) AS funders,
              ${prefs ? '(SELECT p.easy_read FROM report_prefs p WHERE p.client_id = c.id)' : 'NULL'} AS easy_read
         FROM clients c
        WHERE (? = 1 OR c.status <> 'ended')
          AND (? IS NULL OR EXISTS (SELECT 1 FROM client_funders cf WHERE cf.client_id = c.id AND cf.funder_id = ?))
        ORDER BY c.name COLLATE NOCASE, c.id`,
    )
    .all(o.includeEnded ? 1 : 0, o.funderId ?? null, o.funderId ?? null) as Row[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    councilRef: r.council_ref,
    status: r.status,
    funderIds: r.funders ? r.funders.split(',').map(Number).sort((a, b) => a - b) : [],
    easyRead: r.easy_read === 1,
  }));
}

/** The clients of a selection, in name order. Unknown ids and an unknown funder are refused (nothing runs). */
export function selectClients(db: Database, sel: ClientSelection): SelectedClient[] {
  if ('clientIds' in sel) {
    const ids = [...new Set(sel.clientIds)];
    const get = db.prepare('SELECT id, name FROM clients WHERE id = ?');
    const out: SelectedClient[] = [];
    for (const id of ids) {
      const r = get.get(id) as SelectedClient | undefined;
      if (!r) throw new StewardError('NOT_FOUND', `There is no client ${id}.`, { where: 'clients' });
      out.push(r);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }) || a.id - b.id);
  }
  if (sel.funderId !== undefined && db.prepare('SELECT 1 FROM funders WHERE id = ?').get(sel.funderId) === undefined) {
    throw new StewardError('NOT_FOUND', `There is no funder ${sel.funderId}.`, { where: 'funderId' });
  }
  return listReportClients(db, { funderId: sel.funderId, includeEnded: sel.includeEnded }).map((c) => ({ id: c.id, name: c.name }));
}
