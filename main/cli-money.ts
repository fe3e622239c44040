/**
 * The CLI's client-money commands: funders, clients, schedules, receipts, payments, reversals,
 * balances, alerts, period closes, payees and bank accounts. Registered into COMMANDS by cli.ts.
 *
 * Every flag is checked before the ledger is opened: a missing flag, a malformed amount, date or
 * id, or a value outside a fixed list (category, cadence, …) is a usage error (exit 2) naming the
 * flag, and nothing is opened or written. Rules that need the ledger (does the funder exist, are
 * there funds) are the api's: they fail with their code (exit 1), and a refused write writes nothing.
 * Amounts are typed as 1234.56 or £1,234.56 and are integer pence in every JSON output.
 */
import type { z } from 'zod';
import type { CliContext, Command, Options } from './cli';
import type { OutputOf } from '../shared/contract';
import { ClientCreate, MAX_AMOUNT, ScheduleCreate, type Alert, type Client, type Schedule } from '../shared/contract-money';
import { isIsoDate } from '../shared/dates';
import { ARRANGEMENTS, AUTH_METHODS, CADENCES, CATEGORIES, FUNDER_KINDS, RECEIPT_SOURCES, type Cadence } from '../shared/domain';
import { StewardError } from '../shared/errors';
import { formatPence, MoneyError, parseAmount } from '../shared/money';

// ---------- Flag readers (all throw usage errors, exit 2) ----------

function str(c: CliContext, name: string): string | undefined {
  const v = c.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return c.usage(`--${name} takes a value`);
  if (v.trim() === '') return c.usage(`--${name} cannot be empty`);
  return v;
}

function req(c: CliContext, name: string): string {
  return str(c, name) ?? c.usage(`--${name} is required`);
}

function list(c: CliContext, name: string): string[] {
  const v = c.values[name];
  if (v === undefined) return [];
  const xs = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  for (const x of xs) if (x.trim() === '') c.usage(`--${name} cannot be empty`);
  return xs;
}

function flag(c: CliContext, name: string): boolean {
  return c.values[name] === true;
}

function amount(c: CliContext, name: string, text: string): number {
  let p: number;
  try {
    p = parseAmount(text);
  } catch (e) {
    if (e instanceof MoneyError) return c.usage(`--${name}: ${e.message}`);
    throw e;
  }
  if (p <= 0) return c.usage(`--${name}: the amount must be more than £0.00 (got ${text})`);
  if (p > MAX_AMOUNT) return c.usage(`--${name}: the amount is larger than ${formatPence(MAX_AMOUNT)}`);
  return p;
}

function optAmount(c: CliContext, name: string): number | undefined {
  const t = str(c, name);
  return t === undefined ? undefined : amount(c, name, t);
}

function date(c: CliContext, name: string, text: string): string {
  const t = text.trim();
  if (!isIsoDate(t)) return c.usage(`--${name}: "${text}" is not a date: write a real date as YYYY-MM-DD (for example 2026-04-06)`);
  if (t < '1900-01-01' || t > '2199-12-31') return c.usage(`--${name}: ${t} is out of range (1900-01-01 to 2199-12-31)`);
  return t;
}

function optDate(c: CliContext, name: string): string | undefined {
  const t = str(c, name);
  return t === undefined ? undefined : date(c, name, t);
}

function id(c: CliContext, name: string, text: string): number {
  const t = text.trim();
  if (!/^[1-9]\d{0,14}$/.test(t)) return c.usage(`--${name}: "${text}" is not an id (ids are positive whole numbers, like 12)`);
  return Number(t);
}

function optId(c: CliContext, name: string): number | undefined {
  const t = str(c, name);
  return t === undefined ? undefined : id(c, name, t);
}

function choice<T extends string>(c: CliContext, name: string, allowed: readonly T[]): T | undefined {
  const t = str(c, name);
  if (t === undefined) return undefined;
  const v = t.trim();
  if (!(allowed as readonly string[]).includes(v)) return c.usage(`--${name}: "${t}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

function wholeNumber(c: CliContext, name: string): number | undefined {
  const t = str(c, name);
  if (t === undefined) return undefined;
  if (!/^\d{1,6}$/.test(t.trim())) return c.usage(`--${name}: "${t}" is not a whole number`);
  return Number(t.trim());
}

/** Both flags of an override, or neither. */
function override(c: CliContext): { by: string; reason: string } | undefined {
  const by = str(c, 'override-by');
  const reason = str(c, 'override-reason');
  if ((by === undefined) !== (reason === undefined)) c.usage('--override-by and --override-reason go together: give both, or neither');
  return by !== undefined && reason !== undefined ? { by, reason } : undefined;
}

/** A zod failure before any write, reported like the api reports it (VALIDATION, exit 1). */
function checkSchema<S extends z.ZodType>(schema: S, value: unknown, label: string): void {
  const r = schema.safeParse(value);
  if (r.success) return;
  const first = r.error.issues[0];
  const where = first ? first.path.map(String).join('.') : '';
  throw new StewardError('VALIDATION', `${label}${where ? ` ${where}` : ''}: ${first?.message ?? 'not valid'}. Nothing was written.`, where ? { where } : {});
}

// ---------- Output helpers ----------

const money = (p: number): string => formatPence(p);

/** A plain text table: left-aligned text, right-aligned figures (cells starting with £, - or a digit). */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => /^(-?£|-?\d|—$)/.test(r[i] ?? '')));
  const fmt = (r: string[]) =>
    r
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n') + '\n';
}

const weeks = (w: number | null): string => (w === null ? '—' : w.toFixed(1));

function scheduleLine(s: Schedule): string {
  const who = s.source === 'council' ? `funding from funder ${s.funderId ?? '?'}` : 'contribution';
  return `schedule ${s.id}: ${who} ${money(s.amount)} ${s.cadence} from ${s.firstDate}${s.endDate ? ` to ${s.endDate}` : ''} (weekly ${money(s.weeklyEquivalent)})`;
}

function clientLine(cl: Client): string {
  return `Client ${cl.id}: ${cl.name} (${cl.arrangement}), start ${cl.startDate}, funders ${cl.funderIds.join(', ')}, bank account ${cl.bankAccountId}`;
}

function alertLine(a: Alert): string {
  return `${a.severity.toUpperCase()} ${a.kind}: ${a.clientName} (client ${a.clientId}): ${a.message}`;
}

const common = (extra: Options): Options => ({ ledger: { type: 'string' }, ...extra });

// ---------- Commands ----------

export const MONEY_COMMANDS: Record<string, Command> = {
  'funder add': {
    summary: 'Add a funder (council, NHS or other) with its rules',
    usage:
      'steward funder add --ledger FILE --name NAME [--kind council|nhs|other] [--cadence weekly|four-weekly|monthly] [--surplus-weeks N] [--contingency-weeks N] [--paid-gross] [--json]',
    options: common({
      name: { type: 'string' },
      kind: { type: 'string' },
      cadence: { type: 'string' },
      'surplus-weeks': { type: 'string' },
      'contingency-weeks': { type: 'string' },
      'paid-gross': { type: 'boolean' },
    }),
    async run(c) {
      const name = req(c, 'name');
      const kind = choice(c, 'kind', FUNDER_KINDS);
      const cadence = choice(c, 'cadence', CADENCES);
      const surplus = wholeNumber(c, 'surplus-weeks');
      const contingency = wholeNumber(c, 'contingency-weeks');
      const rules: { cadence?: Cadence; surplusThresholdWeeks?: number; contingencyWeeks?: number; paidNetOfContribution?: boolean } = {};
      if (cadence !== undefined) rules.cadence = cadence;
      if (surplus !== undefined) rules.surplusThresholdWeeks = surplus;
      if (contingency !== undefined) rules.contingencyWeeks = contingency;
      if (flag(c, 'paid-gross')) rules.paidNetOfContribution = false;
      await c.openLedger();
      const f = await c.call('funder.create', { name, ...(kind ? { kind } : {}), rules });
      c.print(
        f,
        () =>
          `Funder ${f.id}: ${f.name} (${f.kind}), pays ${f.rules.cadence}${f.rules.paidNetOfContribution ? ' net of contribution' : ' gross'}; ` +
          `surplus above ${f.rules.surplusThresholdWeeks} weeks, ${f.rules.contingencyWeeks} weeks' contingency.\n`,
      );
    },
  },

  'funder list': {
    summary: 'List the funders',
    usage: 'steward funder list --ledger FILE [--json]',
    options: common({}),
    async run(c) {
      await c.openLedger();
      const funders = await c.call('funder.list', {});
      c.print(funders, () => (funders.length ? table(['Id', 'Name', 'Kind', 'Cadence', 'Surplus weeks'], funders.map((f) => [String(f.id), f.name, f.kind, f.rules.cadence, String(f.rules.surplusThresholdWeeks)])) : 'No funders yet.\n'));
    },
  },

  'client add': {
    summary: 'Add a client, with their funding and contribution schedules (all or nothing)',
    usage:
      'steward client add --ledger FILE --name NAME --funder ID [--funder ID2] [--start-date YYYY-MM-DD] [--dob DATE] [--council-ref REF] [--nhs-number N] ' +
      '[--arrangement managed-account|isf|user-trust|direct-payment-brokerage] [--trustee NAME ...] [--bank-account ID] ' +
      '[--funding AMOUNT --cadence C --first-date DATE] [--contribution AMOUNT --contribution-cadence C --contribution-first-date DATE] [--json]',
    options: common({
      name: { type: 'string' },
      funder: { type: 'string', multiple: true },
      'start-date': { type: 'string' },
      dob: { type: 'string' },
      'council-ref': { type: 'string' },
      'nhs-number': { type: 'string' },
      arrangement: { type: 'string' },
      trustee: { type: 'string', multiple: true },
      'bank-account': { type: 'string' },
      funding: { type: 'string' },
      cadence: { type: 'string' },
      'first-date': { type: 'string' },
      contribution: { type: 'string' },
      'contribution-cadence': { type: 'string' },
      'contribution-first-date': { type: 'string' },
    }),
    async run(c) {
      // 1. Every flag, before the ledger is opened.
      const name = req(c, 'name');
      const funderIds = list(c, 'funder').map((f) => id(c, 'funder', f));
      if (funderIds.length === 0) c.usage('--funder is required (the funder id; run steward funder list)');
      const startDate = optDate(c, 'start-date') ?? c.today();
      const dob = optDate(c, 'dob');
      const councilRef = str(c, 'council-ref');
      const nhs = str(c, 'nhs-number');
      const arrangement = choice(c, 'arrangement', ARRANGEMENTS);
      const trustees = list(c, 'trustee');
      const bankAccountId = optId(c, 'bank-account');
      const schedulePart = (amountFlag: string, cadenceFlag: string, firstFlag: string) => {
        const a = optAmount(c, amountFlag);
        const cad = choice(c, cadenceFlag, CADENCES);
        const first = optDate(c, firstFlag);
        if (a === undefined) {
          if (cad !== undefined || first !== undefined) c.usage(`--${cadenceFlag} and --${firstFlag} go with --${amountFlag}`);
          return undefined;
        }
        return {
          amount: a,
          cadence: cad ?? c.usage(`--${amountFlag} needs --${cadenceFlag} (${CADENCES.join(', ')})`),
          firstDate: first ?? c.usage(`--${amountFlag} needs --${firstFlag} (the first date it is due, YYYY-MM-DD)`),
        };
      };
      const funding = schedulePart('funding', 'cadence', 'first-date');
      const contribution = schedulePart('contribution', 'contribution-cadence', 'contribution-first-date');

      const input = {
        name,
        funderIds,
        startDate,
        ...(dob !== undefined ? { dateOfBirth: dob } : {}),
        ...(councilRef !== undefined ? { councilReference: councilRef } : {}),
        ...(nhs !== undefined ? { nhsNumber: nhs } : {}),
        ...(arrangement !== undefined ? { arrangement } : {}),
        ...(trustees.length ? { trustees: trustees.map((t) => ({ name: t })) } : {}),
        ...(bankAccountId !== undefined ? { bankAccountId } : {}),
      };
      // The funding is paid by the first --funder.
      const schedules = [
        ...(funding ? [{ source: 'council' as const, funderId: funderIds[0]!, ...funding }] : []),
        ...(contribution ? [{ source: 'contribution' as const, ...contribution }] : []),
      ];
      // 2. The api's own schemas, still before any write (VALIDATION, exit 1).
      checkSchema(ClientCreate, input, 'client');
      for (const s of schedules) checkSchema(ScheduleCreate, { clientId: 1, ...s }, s.source === 'council' ? 'funding' : 'contribution');

      // 3. What needs the ledger, read-only: the funders and the bank account exist.
      await c.openLedger();
      const known = new Set((await c.call('funder.list', {})).map((f) => f.id));
      for (const f of funderIds) if (!known.has(f)) throw new StewardError('NOT_FOUND', `There is no funder ${f}. Run "steward funder list" to see them. Nothing was written.`, { where: 'funderId' });
      if (bankAccountId !== undefined && !(await c.call('bankAccount.list', {})).some((b) => b.id === bankAccountId)) {
        throw new StewardError('NOT_FOUND', `There is no bank account ${bankAccountId}. Nothing was written.`, { where: 'bankAccountId' });
      }

      // 4. The writes, as one: the client and its schedules land together or not at all.
      const out = await c.atomically(async () => {
        const client = await c.call('client.create', input);
        const made: Schedule[] = [];
        for (const s of schedules) made.push(await c.call('schedule.create', { clientId: client.id, ...s }));
        return { ...client, schedules: made };
      });
      c.print(out, () => [clientLine(out), ...out.schedules.map((s) => `  ${scheduleLine(s)}`)].join('\n') + '\n');
    },
  },

  'client list': {
    summary: "List clients with today's balance",
    usage: 'steward client list --ledger FILE [--json]',
    options: common({}),
    async run(c) {
      await c.openLedger();
      const cs = await c.call('client.list', {});
      c.print(cs, () =>
        cs.length
          ? table(
              ['Id', 'Name', 'Funders', 'Arrangement', 'Status', 'Balance', 'Weeks held', 'Alerts'],
              cs.map((x) => [String(x.id), x.name, x.funderNames.join(', '), x.arrangement, x.status, money(x.balance), weeks(x.weeksHeld), x.alertKinds.join(', ')]),
            )
          : 'No clients yet.\n',
      );
    },
  },

  'client show': {
    summary: "Show one client: balance, schedules, what is due, alerts",
    usage: 'steward client show --ledger FILE --client ID [--as-of DATE] [--json]',
    options: common({ client: { type: 'string' }, 'as-of': { type: 'string' } }),
    async run(c) {
      const clientId = id(c, 'client', req(c, 'client'));
      const asOf = optDate(c, 'as-of');
      await c.openLedger();
      const d = await c.call('client.get', { id: clientId, ...(asOf ? { asOf } : {}) });
      c.print(d, () => {
        const lines = [
          clientLine(d.client),
          `Status: ${d.client.status}${d.client.endDate ? ` (ended ${d.client.endDate})` : ''}`,
          `Funders: ${d.funders.map((f) => `${f.name} (${f.id})`).join(', ')}`,
          `Balance on ${d.asOf}: ${money(d.balance)}; weekly funding ${money(d.weeklyFunding)}; weeks held ${weeks(d.weeksHeld)}`,
          `Contributions: assessed ${money(d.contributions.assessedToDate)}, received ${money(d.contributions.receivedToDate)}, arrears ${money(d.contributions.arrears)}`,
          ...d.schedules.map((s) => `  ${scheduleLine(s)}`),
          ...d.expected.map((e) => `  due ${e.dueDate} ${e.source} ${money(e.expected)}: ${e.status}${e.receivedEntryId !== null ? ` (entry ${e.receivedEntryId}, ${money(e.received ?? 0)} on ${e.receivedDate ?? '?'})` : ''}`),
          ...(d.alerts.length ? d.alerts.map((a) => `  ${alertLine(a)}`) : ['  No alerts.']),
        ];
        return lines.join('\n') + '\n';
      });
    },
  },

  'schedule add': {
    summary: 'Add an expected funding or contribution schedule to a client',
    usage:
      'steward schedule add --ledger FILE --client ID --source council|contribution --amount A --cadence weekly|four-weekly|monthly --first-date DATE [--funder ID] [--end-date DATE] [--json]',
    options: common({
      client: { type: 'string' },
      source: { type: 'string' },
      amount: { type: 'string' },
      cadence: { type: 'string' },
      'first-date': { type: 'string' },
      funder: { type: 'string' },
      'end-date': { type: 'string' },
    }),
    async run(c) {
      const clientId = id(c, 'client', req(c, 'client'));
      const source = choice(c, 'source', ['council', 'contribution'] as const) ?? c.usage('--source is required (council or contribution)');
      const amt = amount(c, 'amount', req(c, 'amount'));
      const cadence = choice(c, 'cadence', CADENCES) ?? c.usage(`--cadence is required (${CADENCES.join(', ')})`);
      const firstDate = date(c, 'first-date', req(c, 'first-date'));
      const funderId = optId(c, 'funder');
      const endDate = optDate(c, 'end-date');
      await c.openLedger();
      const s = await c.call('schedule.create', {
        clientId,
        source,
        amount: amt,
        cadence,
        firstDate,
        ...(funderId !== undefined ? { funderId } : {}),
        ...(endDate !== undefined ? { endDate } : {}),
      });
      c.print(s, () => `Added ${scheduleLine(s)} for client ${s.clientId}\n`);
    },
  },

  'receipt add': {
    summary: 'Record money received for a client (council, contribution or other)',
    usage: 'steward receipt add --ledger FILE --client ID --date YYYY-MM-DD --amount A --source council|contribution|other [--funder ID] [--reference R] [--memo M] [--json]',
    options: common({
      client: { type: 'string' },
      date: { type: 'string' },
      amount: { type: 'string' },
      source: { type: 'string' },
      funder: { type: 'string' },
      reference: { type: 'string' },
      memo: { type: 'string' },
    }),
    async run(c) {
      const clientId = id(c, 'client', req(c, 'client'));
      const day = date(c, 'date', req(c, 'date'));
      const amt = amount(c, 'amount', req(c, 'amount'));
      const source = choice(c, 'source', RECEIPT_SOURCES) ?? c.usage(`--source is required (${RECEIPT_SOURCES.join(', ')})`);
      const funderId = optId(c, 'funder');
      const reference = str(c, 'reference');
      const memo = str(c, 'memo');
      await c.openLedger();
      const r = await c.call('receipt.add', {
        clientId,
        date: day,
        amount: amt,
        source,
        ...(funderId !== undefined ? { funderId } : {}),
        ...(reference !== undefined ? { reference } : {}),
        ...(memo !== undefined ? { memo } : {}),
      });
      c.print(r, () => {
        const lines = [`Recorded receipt: entry ${r.entry.id}, ${money(r.entry.amount)} (${source}) for client ${r.entry.clientId} on ${r.entry.date}.`];
        if (r.match) lines.push(`Matched the payment due ${r.match.dueDate} on schedule ${r.match.scheduleId} (expected ${money(r.match.expected)}).`);
        for (const f of r.flags) lines.push(`FLAG ${f.kind}: ${f.message}`);
        return lines.join('\n') + '\n';
      });
    },
  },

  'payment add': {
    summary: "Pay from a client's money (checked against their funds and authorisation)",
    usage:
      'steward payment add --ledger FILE --client ID --date DATE --amount A --payee NAME_OR_ID --category SLUG --authorised-by NAME [--authorised-by NAME2] ' +
      '[--authorised-how written|email|phone|in-person] [--reference R] [--memo M] [--override-by NAME --override-reason TEXT] [--json]',
    options: common({
      client: { type: 'string' },
      date: { type: 'string' },
      amount: { type: 'string' },
      payee: { type: 'string' },
      category: { type: 'string' },
      'authorised-by': { type: 'string', multiple: true },
      'authorised-how': { type: 'string' },
      reference: { type: 'string' },
      memo: { type: 'string' },
      'override-by': { type: 'string' },
      'override-reason': { type: 'string' },
    }),
    async run(c) {
      const clientId = id(c, 'client', req(c, 'client'));
      const day = date(c, 'date', req(c, 'date'));
      const amt = amount(c, 'amount', req(c, 'amount'));
      const payee = req(c, 'payee').trim();
      const category = choice(c, 'category', CATEGORIES) ?? c.usage(`--category is required (${CATEGORIES.join(', ')})`);
      const by = list(c, 'authorised-by');
      if (by.length === 0) c.usage('--authorised-by is required (who authorised the payment; repeat it for a second trustee)');
      const method = choice(c, 'authorised-how', AUTH_METHODS) ?? 'written';
      const reference = str(c, 'reference');
      const memo = str(c, 'memo');
      const ov = override(c);
      const payeeRef = /^\d+$/.test(payee) ? { payeeId: id(c, 'payee', payee) } : { payeeName: payee };
      await c.openLedger();
      const r = await c.call('payment.add', {
        clientId,
        date: day,
        amount: amt,
        ...payeeRef,
        category,
        authorisations: by.map((b) => ({ by: b, method })),
        ...(reference !== undefined ? { reference } : {}),
        ...(memo !== undefined ? { memo } : {}),
        ...(ov ? { override: ov } : {}),
      });
      c.print(r, () => {
        const lines = [
          `Recorded payment: entry ${r.entry.id}, ${money(-r.entry.amount)} to ${r.entry.payeeName ?? `payee ${r.entry.payeeId ?? '?'}`} (${category}) for client ${r.entry.clientId} on ${r.entry.date}.`,
          `Authorised by ${r.entry.authorisations.map((a) => `${a.by} (${a.method})`).join(' and ')}.`,
        ];
        if (r.entry.override) lines.push(`OVERRIDE by ${r.entry.override.by}: ${r.entry.override.reason}`);
        if (r.payeeCreated) lines.push(`New payee added to the directory: ${r.entry.payeeName ?? ''} (id ${r.entry.payeeId ?? '?'}).`);
        lines.push(`Balance after: ${money(r.balanceAfter)}.`);
        return lines.join('\n') + '\n';
      });
    },
  },

  reverse: {
    summary: 'Reverse a posted entry (the original stays; a reversing entry is added)',
    usage: 'steward reverse --ledger FILE --entry ID --reason TEXT [--date DATE] [--override-by NAME --override-reason TEXT] [--json]',
    options: common({
      entry: { type: 'string' },
      reason: { type: 'string' },
      date: { type: 'string' },
      'override-by': { type: 'string' },
      'override-reason': { type: 'string' },
    }),
    async run(c) {
      const entryId = id(c, 'entry', req(c, 'entry'));
      const reason = req(c, 'reason');
      const day = optDate(c, 'date');
      const ov = override(c);
      await c.openLedger();
      const e = await c.call('entry.reverse', { entryId, reason, ...(day !== undefined ? { date: day } : {}), ...(ov ? { override: ov } : {}) });
      c.print(e, () => `Reversed entry ${entryId}: reversal entry ${e.id} for client ${e.clientId} on ${e.date} (bank ${e.amount < 0 ? '' : '+'}${money(e.amount)}). Reason: ${e.reason ?? reason}\n`);
    },
  },

  balance: {
    summary: 'Balances as at a date, per client, with weeks of funding held',
    usage: 'steward balance --ledger FILE --as-of DATE [--client ID] [--json]',
    options: common({ 'as-of': { type: 'string' }, client: { type: 'string' } }),
    async run(c) {
      const asOf = date(c, 'as-of', req(c, 'as-of'));
      const clientId = optId(c, 'client');
      await c.openLedger();
      const r: OutputOf<'balance.asOf'> = await c.call('balance.asOf', { asOf, ...(clientId !== undefined ? { clientId } : {}) });
      // With --client, that client's fields are also at the top level (.balance as well as .clients[0].balance).
      const one = clientId !== undefined ? r.clients.find((x) => x.clientId === clientId) : undefined;
      const value = one ? { ...r, ...one } : r;
      c.print(value, () => {
        const rows = r.clients.map((x) => [String(x.clientId), x.name, money(x.balance), money(x.weeklyFunding), weeks(x.weeksHeld)]);
        return `Balances as at ${r.asOf}\n${table(['Id', 'Client', 'Balance', 'Weekly funding', 'Weeks held'], rows)}Total: ${money(r.total)}\n`;
      });
    },
  },

  alerts: {
    summary: 'Alerts as at a date: surpluses, low balances, missing or late receipts, arrears',
    usage: 'steward alerts --ledger FILE --as-of DATE [--json]',
    options: common({ 'as-of': { type: 'string' } }),
    async run(c) {
      const asOf = date(c, 'as-of', req(c, 'as-of'));
      await c.openLedger();
      const r = await c.call('alerts.scan', { asOf });
      c.print(r, () => (r.alerts.length ? r.alerts.map((a) => `${alertLine(a)}\n`).join('') : `No alerts as at ${r.asOf}.\n`));
    },
  },

  'period close': {
    summary: 'Close the books through a date (nothing can be posted on or before it)',
    usage: 'steward period close --ledger FILE --through DATE [--json]',
    options: common({ through: { type: 'string' } }),
    async run(c) {
      const through = date(c, 'through', req(c, 'through'));
      await c.openLedger();
      const r = await c.call('period.close', { through });
      c.print(r, () => `The books are closed through ${r.closedThrough}.\n`);
    },
  },

  'payee list': {
    summary: 'List payees (all, or those a client may pay)',
    usage: 'steward payee list --ledger FILE [--client ID] [--json]',
    options: common({ client: { type: 'string' } }),
    async run(c) {
      const clientId = optId(c, 'client');
      await c.openLedger();
      const ps = await c.call('payee.list', clientId !== undefined ? { clientId } : {});
      c.print(ps, () =>
        ps.length
          ? table(
              ['Id', 'Name', 'Kind', 'Category', 'Client'],
              ps.map((p) => [String(p.id), p.name, p.kind, p.defaultCategory ?? '', p.clientId === null ? 'any' : String(p.clientId)]),
            )
          : 'No payees yet.\n',
      );
    },
  },

  'bank-account add': {
    summary: 'Add a bank account (pooled for several clients, or dedicated to one)',
    usage: 'steward bank-account add --ledger FILE --name NAME --pooled|--dedicated [--sort-code 12-34-56] [--account-number 12345678] [--json]',
    options: common({
      name: { type: 'string' },
      pooled: { type: 'boolean' },
      dedicated: { type: 'boolean' },
      'sort-code': { type: 'string' },
      'account-number': { type: 'string' },
    }),
    async run(c) {
      const name = req(c, 'name');
      const pooled = flag(c, 'pooled');
      const dedicated = flag(c, 'dedicated');
      if (pooled === dedicated) c.usage('give exactly one of --pooled or --dedicated');
      const sortCode = str(c, 'sort-code');
      const accountNumber = str(c, 'account-number');
      await c.openLedger();
      const b = await c.call('bankAccount.create', {
        name,
        kind: pooled ? 'pooled' : 'dedicated',
        ...(sortCode !== undefined ? { sortCode } : {}),
        ...(accountNumber !== undefined ? { accountNumber } : {}),
      });
      c.print(b, () => `Bank account ${b.id}: ${b.name} (${b.kind})${b.sortCode ? ` ${b.sortCode} ${b.accountNumber}` : ''}\n`);
    },
  },
};
