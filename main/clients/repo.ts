/**
 * Funders, clients, bank accounts, payees and receipt schedules: rows in, plain objects out.
 * Every write runs inside the caller's transaction and writes its audit row.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { cached } from '../store/statements';
import type { z } from 'zod';
import { StewardError } from '../../shared/errors';
import { ageOn } from '../../shared/dates';
import { CLIENT_CHART, DEFAULT_FUNDER_RULES, FunderRules, weeklyEquivalent, type Cadence } from '../../shared/domain';
import type { BankAccount, Client, ClientCreate, ClientPatch, Funder, FunderCreate, FunderUpdate, Payee, PayeeCreate, Schedule, ScheduleCreate, BankAccountCreate } from '../../shared/contract-money';
import { audit } from '../api/audit';
import type { Stamp } from '../ledger/journal';

// ---------- Funders ----------

interface FunderRow {
  id: number;
  name: string;
  kind: Funder['kind'];
  rules_json: string;
  created_at: string;
}

function funderOf(r: FunderRow): Funder {
  // Rules are parsed with defaults filled in, so a rule added in a later version has a value.
  const rules = FunderRules.parse({ ...DEFAULT_FUNDER_RULES, ...(JSON.parse(r.rules_json) as object) });
  return { id: r.id, name: r.name, kind: r.kind, rules, createdAt: r.created_at };
}

export function listFunders(db: Database): Funder[] {
  return (cached(db, 'SELECT * FROM funders ORDER BY name COLLATE NOCASE, id').all() as FunderRow[]).map(funderOf);
}

export function getFunder(db: Database, id: number): Funder {
  const r = cached(db, 'SELECT * FROM funders WHERE id = ?').get(id) as FunderRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no funder ${id}. Run "steward funder list" or open Funders to see them.`, { where: 'funderId' });
  return funderOf(r);
}

export function createFunder(db: Database, input: z.output<typeof FunderCreate>, st: Stamp): Funder {
  const dup = cached(db, 'SELECT id FROM funders WHERE name = ? COLLATE NOCASE').get(input.name) as { id: number } | undefined;
  if (dup) throw new StewardError('CONFLICT', `A funder called "${input.name}" already exists (id ${dup.id}).`, { where: 'name' });
  const rules: FunderRules = { ...DEFAULT_FUNDER_RULES, ...(input.rules ?? {}) };
  const info = cached(db, 'INSERT INTO funders(name, kind, rules_json, created_at) VALUES (?, ?, ?, ?)').run(input.name, input.kind, JSON.stringify(rules), st.at);
  const f = getFunder(db, Number(info.lastInsertRowid));
  audit(db, { ...st, action: 'create', entity: 'funder', entityId: f.id, after: f });
  return f;
}

export function updateFunder(db: Database, input: z.output<typeof FunderUpdate>, st: Stamp): Funder {
  const before = getFunder(db, input.id);
  const name = input.name ?? before.name;
  if (input.name !== undefined) {
    const dup = cached(db, 'SELECT id FROM funders WHERE name = ? COLLATE NOCASE AND id <> ?').get(name, input.id) as { id: number } | undefined;
    if (dup) throw new StewardError('CONFLICT', `A funder called "${name}" already exists (id ${dup.id}).`, { where: 'name' });
  }
  const rules: FunderRules = { ...before.rules, ...(input.rules ?? {}) };
  cached(db, 'UPDATE funders SET name = ?, kind = ?, rules_json = ? WHERE id = ?').run(name, input.kind ?? before.kind, JSON.stringify(rules), input.id);
  const after = getFunder(db, input.id);
  audit(db, { ...st, action: 'update', entity: 'funder', entityId: after.id, before, after });
  return after;
}

// ---------- Bank accounts ----------

interface BankRow {
  id: number;
  name: string;
  kind: 'dedicated' | 'pooled';
  sort_code: string;
  account_number: string;
}

function bankAccountsOf(db: Database, rows: BankRow[], asOf: string): BankAccount[] {
  const one = rows.length === 1 ? rows[0]!.id : null;
  const members = cached(db, `SELECT bank_account_id AS b, client_id AS c FROM accounts WHERE bank_account_id IS NOT NULL ${one === null ? '' : 'AND bank_account_id = ?'} ORDER BY client_id`)
    .all(...(one === null ? [] : [one])) as Array<{ b: number; c: number }>;
  const balances = cached(db, 
      `SELECT a.bank_account_id AS b, COALESCE(SUM(l.amount), 0) AS t
         FROM accounts a JOIN journal_lines l ON l.account_id = a.id AND l.date <= ?
        WHERE a.bank_account_id IS NOT NULL ${one === null ? '' : 'AND a.bank_account_id = ?'} GROUP BY a.bank_account_id`,
    )
    .all(...(one === null ? [asOf] : [asOf, one])) as Array<{ b: number; t: number }>;
  const bal = new Map(balances.map((r) => [r.b, r.t]));
  const byBank = new Map<number, number[]>();
  for (const m of members) {
    const l = byBank.get(m.b);
    if (l) l.push(m.c);
    else byBank.set(m.b, [m.c]);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    sortCode: r.sort_code,
    accountNumber: r.account_number,
    clientIds: byBank.get(r.id) ?? [],
    balance: bal.get(r.id) ?? 0,
  }));
}

export function listBankAccounts(db: Database, asOf = '9999-12-31'): BankAccount[] {
  return bankAccountsOf(db, cached(db, 'SELECT * FROM bank_accounts ORDER BY name COLLATE NOCASE, id').all() as BankRow[], asOf);
}

export function getBankAccount(db: Database, id: number, asOf = '9999-12-31'): BankAccount {
  const r = cached(db, 'SELECT * FROM bank_accounts WHERE id = ?').get(id) as BankRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no bank account ${id}.`, { where: 'bankAccountId' });
  return bankAccountsOf(db, [r], asOf)[0]!;
}

export function createBankAccount(db: Database, input: z.output<typeof BankAccountCreate>, st: Stamp): BankAccount {
  const sort = input.sortCode.replace(/-/g, '');
  const sortCode = sort ? `${sort.slice(0, 2)}-${sort.slice(2, 4)}-${sort.slice(4)}` : '';
  const info = cached(db, 'INSERT INTO bank_accounts(name, kind, sort_code, account_number, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(input.name, input.kind, sortCode, input.accountNumber, st.at);
  const b = getBankAccount(db, Number(info.lastInsertRowid));
  audit(db, { ...st, action: 'create', entity: 'bank_account', entityId: b.id, after: b });
  return b;
}

// ---------- Clients ----------

interface ClientRow {
  id: number;
  name: string;
  preferred_name: string;
  date_of_birth: string | null;
  address: string;
  contacts_json: string;
  council_ref: string;
  nhs_number: string;
  arrangement: Client['arrangement'];
  budget_for: Client['budgetFor'];
  account_holder: string;
  representative: string;
  trustees_json: string;
  start_date: string;
  status: Client['status'];
  end_date: string | null;
  notes: string;
  bank_account_id: number;
  created_at: string;
  updated_at: string;
}

function clientOf(db: Database, r: ClientRow): Client {
  const funderIds = (cached(db, 'SELECT funder_id FROM client_funders WHERE client_id = ? ORDER BY funder_id').all(r.id) as Array<{ funder_id: number }>).map(
    (x) => x.funder_id,
  );
  return {
    id: r.id,
    name: r.name,
    preferredName: r.preferred_name,
    dateOfBirth: r.date_of_birth,
    address: r.address,
    contacts: JSON.parse(r.contacts_json) as Client['contacts'],
    councilReference: r.council_ref,
    nhsNumber: r.nhs_number,
    funderIds,
    arrangement: r.arrangement,
    budgetFor: r.budget_for,
    accountHolder: r.account_holder,
    representative: r.representative,
    trustees: JSON.parse(r.trustees_json) as Client['trustees'],
    startDate: r.start_date,
    status: r.status,
    endDate: r.end_date,
    notes: r.notes,
    bankAccountId: r.bank_account_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getClient(db: Database, id: number): Client {
  const r = cached(db, 'SELECT * FROM clients WHERE id = ?').get(id) as ClientRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no client ${id}. Run "steward client list" to see client ids.`, { where: 'clientId' });
  return clientOf(db, r);
}

export interface ClientListRow {
  id: number;
  name: string;
  preferredName: string;
  councilReference: string;
  arrangement: Client['arrangement'];
  status: Client['status'];
  startDate: string;
  funderIds: number[];
}

export function listClientRows(db: Database): ClientListRow[] {
  const funders = new Map<number, number[]>();
  for (const r of cached(db, 'SELECT client_id AS c, funder_id AS f FROM client_funders ORDER BY client_id, funder_id').all() as Array<{ c: number; f: number }>) {
    const list = funders.get(r.c);
    if (list) list.push(r.f);
    else funders.set(r.c, [r.f]);
  }
  const rows = cached(db, 'SELECT id, name, preferred_name, council_ref, arrangement, status, start_date FROM clients ORDER BY name COLLATE NOCASE, id')
    .all() as Array<Pick<ClientRow, 'id' | 'name' | 'preferred_name' | 'council_ref' | 'arrangement' | 'status' | 'start_date'>>;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    preferredName: r.preferred_name,
    councilReference: r.council_ref,
    arrangement: r.arrangement,
    status: r.status,
    startDate: r.start_date,
    funderIds: funders.get(r.id) ?? [],
  }));
}

type ClientFields = Omit<z.output<typeof ClientCreate>, 'bankAccountId'>;

/** Rules about who can hold the budget and how a trust is set up. Throws VALIDATION with the field. */
function checkClientFields(db: Database, c: ClientFields): void {
  for (const f of c.funderIds) getFunder(db, f);
  if (new Set(c.funderIds).size !== c.funderIds.length) throw new StewardError('VALIDATION', 'A funder is listed twice.', { where: 'funderIds' });
  if (c.dateOfBirth && c.dateOfBirth > c.startDate) throw new StewardError('VALIDATION', 'The date of birth is after the start date.', { where: 'dateOfBirth' });
  if (c.budgetFor === 'child') {
    if (!c.accountHolder) throw new StewardError('VALIDATION', "For a disabled child's budget, name the parent or guardian who holds the account.", { where: 'accountHolder' });
  } else if (c.budgetFor === 'person' && c.dateOfBirth && ageOn(c.dateOfBirth, c.startDate) < 16) {
    throw new StewardError('VALIDATION', 'People under 16 cannot hold their own budget: record it as a budget for a disabled child, with the parent or guardian as account holder.', {
      where: 'budgetFor',
    });
  }
  if (c.arrangement === 'user-trust') {
    const names = new Set(c.trustees.map((t) => t.name.toLowerCase()));
    if (c.trustees.length < 2 || names.size < c.trustees.length) {
      throw new StewardError('VALIDATION', 'An Independent User Trust needs at least two trustees with different names (payments need two of them to approve).', { where: 'trustees' });
    }
  }
}

export function createClient(db: Database, input: z.output<typeof ClientCreate>, st: Stamp): Client {
  const { bankAccountId, ...fields } = input;
  checkClientFields(db, fields);
  let bankId = bankAccountId;
  if (bankId !== undefined) {
    const b = cached(db, 'SELECT name, kind, (SELECT COUNT(*) FROM accounts WHERE bank_account_id = bank_accounts.id) AS members FROM bank_accounts WHERE id = ?').get(bankId) as
      | { name: string; kind: string; members: number }
      | undefined;
    if (!b) throw new StewardError('NOT_FOUND', `There is no bank account ${bankId}.`, { where: 'bankAccountId' });
    if (b.kind === 'dedicated' && b.members > 0) {
      throw new StewardError('CONFLICT', `Bank account "${b.name}" is dedicated to another client. Choose a pooled account or open a new one.`, { where: 'bankAccountId' });
    }
  } else {
    bankId = createBankAccount(db, { name: `${fields.name} client account`, kind: 'dedicated', sortCode: '', accountNumber: '' }, st).id;
  }
  const info = cached(db, 
      `INSERT INTO clients(name, preferred_name, date_of_birth, address, contacts_json, council_ref, nhs_number, arrangement, budget_for,
         account_holder, representative, trustees_json, start_date, status, end_date, notes, bank_account_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', NULL, ?, ?, ?, ?)`,
    )
    .run(
      fields.name,
      fields.preferredName,
      fields.dateOfBirth,
      fields.address,
      JSON.stringify(fields.contacts),
      fields.councilReference,
      fields.nhsNumber,
      fields.arrangement,
      fields.budgetFor,
      fields.accountHolder,
      fields.representative,
      JSON.stringify(fields.trustees),
      fields.startDate,
      fields.notes,
      bankId,
      st.at,
      st.at,
    );
  const id = Number(info.lastInsertRowid);
  const link = cached(db, 'INSERT INTO client_funders(client_id, funder_id) VALUES (?, ?)');
  for (const f of fields.funderIds) link.run(id, f);
  const acct = cached(db, 'INSERT INTO accounts(client_id, code, name, type, bank_account_id) VALUES (?, ?, ?, ?, ?)');
  for (const a of CLIENT_CHART) acct.run(id, a.code, a.name, a.type, a.code === 'bank' ? bankId : null);
  const c = getClient(db, id);
  audit(db, { ...st, action: 'create', entity: 'client', entityId: id, after: c });
  return c;
}

export function updateClient(db: Database, id: number, patch: z.output<typeof ClientPatch>, st: Stamp): Client {
  const before = getClient(db, id);
  const { funderIds, ...rest } = patch;
  const merged: ClientFields = {
    name: rest.name ?? before.name,
    preferredName: rest.preferredName ?? before.preferredName,
    dateOfBirth: rest.dateOfBirth !== undefined ? rest.dateOfBirth : before.dateOfBirth,
    address: rest.address ?? before.address,
    contacts: (rest.contacts ?? before.contacts) as ClientFields['contacts'],
    councilReference: rest.councilReference ?? before.councilReference,
    nhsNumber: rest.nhsNumber ?? before.nhsNumber,
    funderIds: funderIds ?? before.funderIds,
    arrangement: rest.arrangement ?? before.arrangement,
    budgetFor: rest.budgetFor ?? before.budgetFor,
    accountHolder: rest.accountHolder ?? before.accountHolder,
    representative: rest.representative ?? before.representative,
    trustees: (rest.trustees ?? before.trustees) as ClientFields['trustees'],
    startDate: rest.startDate ?? before.startDate,
    notes: rest.notes ?? before.notes,
  };
  checkClientFields(db, merged);
  cached(db, 
    `UPDATE clients SET name = ?, preferred_name = ?, date_of_birth = ?, address = ?, contacts_json = ?, council_ref = ?, nhs_number = ?,
       arrangement = ?, budget_for = ?, account_holder = ?, representative = ?, trustees_json = ?, start_date = ?, notes = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    merged.name,
    merged.preferredName,
    merged.dateOfBirth,
    merged.address,
    JSON.stringify(merged.contacts),
    merged.councilReference,
    merged.nhsNumber,
    merged.arrangement,
    merged.budgetFor,
    merged.accountHolder,
    merged.representative,
    JSON.stringify(merged.trustees),
    merged.startDate,
    merged.notes,
    st.at,
    id,
  );
  if (funderIds) {
    cached(db, 'DELETE FROM client_funders WHERE client_id = ?').run(id);
    const link = cached(db, 'INSERT INTO client_funders(client_id, funder_id) VALUES (?, ?)');
    for (const f of funderIds) link.run(id, f);
  }
  const after = getClient(db, id);
  audit(db, { ...st, action: 'update', entity: 'client', entityId: id, before, after });
  return after;
}

export function setClientStatus(db: Database, id: number, status: Client['status'], endDate: string | null, reason: string, st: Stamp): Client {
  const before = getClient(db, id);
  cached(db, 'UPDATE clients SET status = ?, end_date = ?, updated_at = ? WHERE id = ?').run(status, endDate, st.at, id);
  const after = getClient(db, id);
  audit(db, { ...st, action: status === 'ended' ? 'end' : 'status', entity: 'client', entityId: id, before, after: { ...after, reason } });
  return after;
}

/** The client's accounts by code. Accounts never change once opened. */
export function accountIds(db: Database, clientId: number): Record<string, number> {
  const rows = cached(db, 'SELECT id, code FROM accounts WHERE client_id = ?').all(clientId) as Array<{ id: number; code: string }>;
  if (rows.length === 0) throw new StewardError('NOT_FOUND', `There is no client ${clientId}.`, { where: 'clientId' });
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

// ---------- Payees ----------

interface PayeeRow {
  id: number;
  name: string;
  kind: Payee['kind'];
  default_category: Payee['defaultCategory'];
  client_id: number | null;
  sort_code: string;
  account_number: string;
}

function payeeOf(r: PayeeRow): Payee {
  return { id: r.id, name: r.name, kind: r.kind, defaultCategory: r.default_category, clientId: r.client_id, sortCode: r.sort_code, accountNumber: r.account_number };
}

/** Payees usable for a client: the shared directory plus the client's own (their PAs). */
export function listPayees(db: Database, clientId?: number): Payee[] {
  const rows = (
    clientId === undefined
      ? cached(db, 'SELECT * FROM payees ORDER BY name COLLATE NOCASE, id').all()
      : cached(db, 'SELECT * FROM payees WHERE client_id IS NULL OR client_id = ? ORDER BY name COLLATE NOCASE, id').all(clientId)
  ) as PayeeRow[];
  return rows.map(payeeOf);
}

export function getPayee(db: Database, id: number): Payee {
  const r = cached(db, 'SELECT * FROM payees WHERE id = ?').get(id) as PayeeRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no payee ${id}.`, { where: 'payeeId' });
  return payeeOf(r);
}

export function findPayeeByName(db: Database, name: string, clientId: number): Payee | null {
  const r = cached(db, 'SELECT * FROM payees WHERE name = ? COLLATE NOCASE AND (client_id IS NULL OR client_id = ?) ORDER BY client_id IS NULL, id LIMIT 1')
    .get(name.trim(), clientId) as PayeeRow | undefined;
  return r ? payeeOf(r) : null;
}

export function createPayee(db: Database, input: z.output<typeof PayeeCreate>, st: Stamp): Payee {
  if (input.clientId !== undefined) getClient(db, input.clientId);
  const sort = input.sortCode.replace(/-/g, '');
  const info = cached(db, 'INSERT INTO payees(name, kind, default_category, client_id, sort_code, account_number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(input.name, input.kind, input.defaultCategory ?? null, input.clientId ?? null, sort ? `${sort.slice(0, 2)}-${sort.slice(2, 4)}-${sort.slice(4)}` : '', input.accountNumber, st.at);
  const p = getPayee(db, Number(info.lastInsertRowid));
  audit(db, { ...st, action: 'create', entity: 'payee', entityId: p.id, after: p });
  return p;
}

// ---------- Schedules ----------

interface ScheduleRow {
  id: number;
  client_id: number;
  source: 'council' | 'contribution';
  funder_id: number | null;
  amount: number;
  cadence: Cadence;
  first_date: string;
  end_date: string | null;
}

function scheduleOf(r: ScheduleRow): Schedule {
  return {
    id: r.id,
    clientId: r.client_id,
    source: r.source,
    funderId: r.funder_id,
    amount: r.amount,
    cadence: r.cadence,
    firstDate: r.first_date,
    endDate: r.end_date,
    weeklyEquivalent: weeklyEquivalent(r.amount, r.cadence),
  };
}

export function listSchedules(db: Database, clientId?: number): Schedule[] {
  const rows = (
    clientId === undefined ? cached(db, 'SELECT * FROM schedules ORDER BY client_id, id').all() : cached(db, 'SELECT * FROM schedules WHERE client_id = ? ORDER BY id').all(clientId)
  ) as ScheduleRow[];
  return rows.map(scheduleOf);
}

export function getSchedule(db: Database, id: number): Schedule {
  const r = cached(db, 'SELECT * FROM schedules WHERE id = ?').get(id) as ScheduleRow | undefined;
  if (!r) throw new StewardError('NOT_FOUND', `There is no schedule ${id}.`, { where: 'id' });
  return scheduleOf(r);
}

export function createSchedule(db: Database, input: z.output<typeof ScheduleCreate>, st: Stamp): Schedule {
  const client = getClient(db, input.clientId);
  let funderId: number | null = null;
  if (input.source === 'council') {
    funderId = input.funderId ?? (client.funderIds.length === 1 ? client.funderIds[0]! : null);
    if (funderId === null) throw new StewardError('VALIDATION', 'This client has more than one funder: say which one pays this schedule.', { where: 'funderId' });
    if (!client.funderIds.includes(funderId)) throw new StewardError('VALIDATION', `Funder ${funderId} does not fund ${client.name}.`, { where: 'funderId' });
  } else if (input.funderId !== undefined) {
    throw new StewardError('VALIDATION', 'A contribution schedule is paid by the client, not a funder.', { where: 'funderId' });
  }
  const info = cached(db, 'INSERT INTO schedules(client_id, source, funder_id, amount, cadence, first_date, end_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(input.clientId, input.source, funderId, input.amount, input.cadence, input.firstDate, input.endDate ?? null, st.at);
  const s = getSchedule(db, Number(info.lastInsertRowid));
  audit(db, { ...st, action: 'create', entity: 'schedule', entityId: s.id, after: s });
  return s;
}

/** End a schedule. `beforeStart` (ending a client) lets a schedule that never began expect nothing. */
export function endSchedule(db: Database, id: number, endDate: string, st: Stamp, opts: { beforeStart?: boolean } = {}): Schedule {
  const before = getSchedule(db, id);
  if (endDate < before.firstDate && !opts.beforeStart) throw new StewardError('VALIDATION', `The end date is before the schedule's first date (${before.firstDate}).`, { where: 'endDate' });
  cached(db, 'UPDATE schedules SET end_date = ? WHERE id = ?').run(endDate, id);
  const after = getSchedule(db, id);
  audit(db, { ...st, action: 'update', entity: 'schedule', entityId: id, before, after });
  return after;
}
