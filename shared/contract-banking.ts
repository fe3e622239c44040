/**
 * Contract methods for banking (issue 7): statement import into the ledger with de-duplication,
 * matching bank lines to ledger entries, reconciliation (three-way for pooled accounts) and bulk
 * payment files. Amounts are integer pence, paid in positive. See docs/banking.md, "Ledger".
 */
import { z } from 'zod';
import { Authorisation, Id, MAX_AMOUNT, Override, PenceAmount } from './contract-money';
import { FileOut } from './contract-payroll-outputs';
import { IsoDate } from './dates';
import { Category, ReceiptSource } from './domain';

const Int = z.number().int();
const SignedPence = z.number().int();
const Reason = z.string().trim().min(5, 'Give the reason (at least 5 characters)').max(500);

// ---------- Files and mappings ----------

export const StatementFormat = z.enum(['csv', 'ofx', 'qif']);
export type StatementFormat = z.infer<typeof StatementFormat>;

const ColumnRef = z.union([z.string().trim().min(1, 'Name the column').max(200), z.number().int().min(0).max(500)]);

/** A CSV column mapping (main/banking/types.ts CsvMapping). */
export const CsvMapping = z
  .object({
    date: ColumnRef,
    amount: ColumnRef.optional(),
    paidIn: ColumnRef.optional(),
    paidOut: ColumnRef.optional(),
    description: z.array(ColumnRef).max(10),
    reference: ColumnRef.optional(),
    balance: ColumnRef.optional(),
    id: ColumnRef.optional(),
    dateFormat: z.enum(['dd/mm/yyyy', 'd/m/yy', 'iso', 'd mmm yyyy', 'auto']).optional(),
    headerRow: z.number().int().min(0).max(10_000).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    invertAmount: z.boolean().optional(),
  })
  .strict();
export type CsvMappingInput = z.infer<typeof CsvMapping>;

/** A statement file as sent by the screens and the CLI. 64 MiB of bytes is about 90 MB of base64. */
export const StatementFile = z
  .object({
    bankAccountId: Id,
    fileName: z.string().trim().min(1, 'Name the file').max(255),
    base64: z.string().min(1, 'The file is empty').max(90_000_000, 'The file is larger than 64 MB'),
    format: StatementFormat.optional(),
    /** A built-in preset name (see bank.presets) or a saved preset's name. Ignored with a mapping. */
    preset: z.string().trim().min(1).max(100).optional(),
    mapping: CsvMapping.optional(),
    /** QIF only: day first (UK, default) or month first. */
    dateOrder: z.enum(['dmy', 'mdy']).optional(),
  })
  .strict();

export const ParseErrorOut = z.object({
  /** 1-based line of the decoded file; 0 when the problem is with the options. */
  line: Int,
  /** CSV header text, OFX tag or QIF field code, or null. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ParseErrorOut = z.infer<typeof ParseErrorOut>;

export const SkipNoteOut = z.object({ line: Int, reason: z.string(), text: z.string() });

/** One parsed statement line (not yet stored). */
export const ParsedLine = z.object({
  date: z.string(),
  amount: SignedPence,
  description: z.string(),
  reference: z.string().nullable(),
  bankTransactionId: z.string().nullable(),
  runningBalance: SignedPence.nullable(),
  sourceLine: Int,
  /** True when this line is already in the ledger for this bank account (it would be skipped). */
  duplicate: z.boolean(),
});
export type ParsedLine = z.infer<typeof ParsedLine>;

export const PreviewInput = StatementFile.extend({ limit: z.number().int().min(1).max(1000).default(50) }).strict();

export const PreviewResult = z.object({
  ok: z.boolean(),
  format: StatementFormat.nullable(),
  encoding: z.string().nullable(),
  /** The preset used (given or recognised from the header), if any. */
  preset: z.string().nullable(),
  /** CSV only: the first raw rows as cells, for the column-mapping step (also when parsing failed). */
  csvRows: z.array(z.object({ line: Int, cells: z.array(z.string()) })),
  /** The first `limit` parsed lines. */
  lines: z.array(ParsedLine),
  total: Int,
  duplicates: Int,
  totalIn: SignedPence,
  totalOut: SignedPence,
  firstDate: z.string().nullable(),
  lastDate: z.string().nullable(),
  skipped: z.array(SkipNoteOut),
  errors: z.array(ParseErrorOut),
});
export type PreviewResult = z.infer<typeof PreviewResult>;

export const PresetOut = z.object({
  name: z.string(),
  label: z.string(),
  builtIn: z.boolean(),
  verified: z.boolean(),
  note: z.string(),
  mapping: CsvMapping,
});
export type PresetOut = z.infer<typeof PresetOut>;

export const SavePresetInput = z
  .object({
    name: z.string().trim().min(1, 'Name the preset').max(60, 'At most 60 characters').regex(/^[\p{L}\p{N} _.-]+$/u, 'Letters, digits, spaces, _ . - only'),
    label: z.string().trim().max(100).optional(),
    mapping: CsvMapping,
  })
  .strict();

export const SkippedLine = z.object({
  /** Line of the file. */
  line: Int,
  reason: z.string(),
  /** The stored bank line it duplicates, when the reason is a duplicate. */
  existingLineId: Id.optional(),
});

/**
 * The import summary. A file that cannot be read is not thrown as an error: `errors` lists every
 * problem (line, column) and nothing is imported (`importId` null, `imported` 0). Requests that are
 * wrong in themselves (unknown bank account or preset, bad base64) are refused with a StewardError.
 */
export const ImportResult = z.object({
  importId: Id.nullable(),
  imported: Int,
  skipped: z.array(SkippedLine),
  errors: z.array(ParseErrorOut),
  autoMatched: Int,
  format: StatementFormat.nullable(),
  preset: z.string().nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportRow = z.object({
  id: Id,
  bankAccountId: Id,
  fileName: z.string(),
  format: z.string(),
  preset: z.string().nullable(),
  sha256: z.string(),
  imported: Int,
  skipped: Int,
  createdAt: z.string(),
  actor: z.string(),
});
export type ImportRow = z.infer<typeof ImportRow>;

// ---------- Bank lines and matching ----------

export const BankLineStatus = z.enum(['unmatched', 'matched']);

export const BankLineRow = z.object({
  id: Id,
  bankAccountId: Id,
  importId: Id,
  date: z.string(),
  amount: SignedPence,
  description: z.string(),
  reference: z.string().nullable(),
  bankTransactionId: z.string().nullable(),
  runningBalance: SignedPence.nullable(),
  sourceLine: Int,
  status: BankLineStatus,
  /** Ledger entries matched to this line (several for a pooled split). */
  entryIds: z.array(Id),
  /** Clients of the matched entries. */
  clientIds: z.array(Id),
  /** The active reconciliation covering this line's match, if any. */
  reconciliationId: Id.nullable(),
});
export type BankLineRow = z.infer<typeof BankLineRow>;

export const LinesInput = z
  .object({
    bankAccountId: Id,
    status: z.enum(['unmatched', 'matched', 'all']).default('all'),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();

export const LinesPage = z.object({ total: Int, offset: Int, rows: z.array(BankLineRow) });
export type LinesPage = z.infer<typeof LinesPage>;

export const Suggestion = z.object({
  entryId: Id,
  clientId: Id,
  clientName: z.string(),
  date: z.string(),
  kind: z.string(),
  /** The entry's effect on the bank account (paid in positive), to compare with the line. */
  amount: SignedPence,
  reference: z.string(),
  memo: z.string(),
  payeeName: z.string().nullable(),
  daysApart: Int,
  /** 0–100: higher is a better match. */
  score: Int,
  /** Why, for a person: "amount equal", "2 days apart", "reference matches"... */
  reasons: z.array(z.string()),
  amountEqual: z.boolean(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const MatchInput = z
  .object({ bankLineId: Id, entryIds: z.array(Id).min(1, 'Choose at least one ledger entry').max(200) })
  .strict()
  .refine((v) => new Set(v.entryIds).size === v.entryIds.length, { message: 'An entry is listed twice', path: ['entryIds'] });

export const CreateEntryInput = z
  .object({
    bankLineId: Id,
    clientId: Id,
    kind: z.enum(['receipt', 'payment']),
    /** Payments: the spending category (default 'other'). */
    category: Category.optional(),
    /** Payments: a payee from the directory, or a new payee's name (default: the line's description). */
    payeeId: Id.optional(),
    payee: z.string().trim().min(1).max(200).optional(),
    /** Receipts: where the money came from (default 'other'). */
    source: ReceiptSource.optional(),
    funderId: Id.optional(),
    memo: z.string().trim().max(200).optional(),
    /** Payments: who authorised it (required for payments). */
    authorisations: z.array(Authorisation).max(5).optional(),
    override: Override.optional(),
  })
  .strict();

/** A new part of a split: a receipt or payment for one client, made from the line (its date, reference and description). */
export const SplitNewPart = z
  .object({
    clientId: Id,
    kind: z.enum(['receipt', 'payment']),
    /** Positive pence: this part's share of the line. */
    amount: PenceAmount,
    /** Payments: the spending category (default 'other'). */
    category: Category.optional(),
    /** Payments: a payee from the directory, or a new payee's name (default: the line's description). */
    payeeId: Id.optional(),
    payee: z.string().trim().min(1).max(200).optional(),
    /** Receipts: where the money came from (default 'other'). */
    source: ReceiptSource.optional(),
    funderId: Id.optional(),
    /** Default: the line's reference. */
    reference: z.string().trim().max(200).optional(),
    /** Default: the line's description. */
    memo: z.string().trim().max(200).optional(),
    /** Payments: who authorised it (required for payments). */
    authorisations: z.array(Authorisation).max(5).optional(),
    override: Override.optional(),
  })
  .strict();

/** A part of a split: an existing unmatched ledger entry, or a new receipt/payment. */
export const SplitPart = z.union([z.object({ entryId: Id }).strict(), SplitNewPart]);
export type SplitPartInput = z.input<typeof SplitPart>;

/**
 * Split one bank line (typically a pooled account's) across existing entries and new parts, as one
 * transaction: the new entries are created and the line matched to all of them, to the penny, or
 * nothing is written.
 */
export const SplitInput = z
  .object({ bankLineId: Id, parts: z.array(SplitPart).min(1, 'Add at least one part').max(200) })
  .strict()
  .refine(
    (v) => {
      const ids = v.parts.flatMap((p) => ('entryId' in p ? [p.entryId] : []));
      return new Set(ids).size === ids.length;
    },
    { message: 'An entry is listed twice', path: ['parts'] },
  );

export const CreateEntryResult = z.object({ entryId: Id, line: BankLineRow });
export type CreateEntryResult = z.infer<typeof CreateEntryResult>;

export const AutoMatchResult = z.object({
  matched: Int,
  /** Lines with more than one equally good candidate: left for a person. */
  ambiguous: Int,
  pairs: z.array(z.object({ bankLineId: Id, entryId: Id })),
});
export type AutoMatchResult = z.infer<typeof AutoMatchResult>;

// ---------- Reconciliation ----------

export const ReconcileInput = z
  .object({
    bankAccountId: Id,
    date: IsoDate,
    statementBalance: z.number().int('Amounts are whole pence').min(-MAX_AMOUNT * 100).max(MAX_AMOUNT * 100),
  })
  .strict();

export const ReconcileConfirmInput = ReconcileInput.extend({ note: z.string().trim().max(500).default('') }).strict();

export const UnclearedItem = z.object({
  /** 'entry': in the ledger, not yet on a matched bank line; 'bankLine': on the statement, not in the ledger. */
  type: z.enum(['entry', 'bankLine']),
  id: Id,
  date: z.string(),
  amount: SignedPence,
  description: z.string(),
  clientId: Id.nullable(),
});
export type UnclearedItem = z.infer<typeof UnclearedItem>;

export const PerClientCheck = z.object({
  clientId: Id,
  clientName: z.string(),
  /** The client's `bank` ledger account lines for this bank account, up to the date. */
  bankShare: SignedPence,
  /** The client's own ledger: sum of all the client's balance-sheet money accounts for this bank account (equals bankShare when the ledger is sound). */
  clientLedger: SignedPence,
  difference: SignedPence,
});
export type PerClientCheck = z.infer<typeof PerClientCheck>;

export const Difference = z.object({ code: z.string(), message: z.string(), amount: SignedPence, clientId: Id.nullable() });
export type Difference = z.infer<typeof Difference>;

export const ReconcileResult = z.object({
  bankAccountId: Id,
  date: z.string(),
  ledgerBalance: SignedPence,
  statementBalance: SignedPence,
  /** Last running balance on the statement lines up to the date, if the statement gives one. */
  statementRunningBalance: SignedPence.nullable(),
  unclearedItems: z.array(UnclearedItem),
  /** Ledger entries not yet on the statement (add to the statement balance). */
  unclearedEntriesTotal: SignedPence,
  /** Statement lines not yet in the ledger (take from the statement balance). */
  unmatchedLinesTotal: SignedPence,
  /** statementBalance + unclearedEntriesTotal − unmatchedLinesTotal: should equal the ledger balance. */
  adjustedStatementBalance: SignedPence,
  /** ledgerBalance − adjustedStatementBalance. */
  difference: SignedPence,
  pooled: z
    .object({
      clientsTotal: SignedPence,
      pooledLedger: SignedPence,
      perClient: z.array(PerClientCheck),
    })
    .nullable(),
  differences: z.array(Difference),
  /** Not differences, but worth a look: a client overdrawn within a pooled account. */
  warnings: z.array(z.string()),
  matchedEntryCount: Int,
  ok: z.boolean(),
});
export type ReconcileResult = z.infer<typeof ReconcileResult>;

export const Reconciliation = z.object({
  id: Id,
  bankAccountId: Id,
  date: z.string(),
  statementBalance: SignedPence,
  ledgerBalance: SignedPence,
  note: z.string(),
  lockedEntryCount: Int,
  status: z.enum(['active', 'undone']),
  createdAt: z.string(),
  actor: z.string(),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
  undoneReason: z.string().nullable(),
});
export type Reconciliation = z.infer<typeof Reconciliation>;

// ---------- Bulk payment batches ----------

export const BatchRow = z.object({
  entryId: Id,
  clientId: Id,
  clientName: z.string(),
  date: z.string(),
  payeeName: z.string(),
  /** 6 digits, no dashes. */
  sortCode: z.string(),
  /** 8 digits. */
  accountNumber: z.string(),
  /** Payee name as it goes in the file (BACS: at most 18 characters, upper case, allowed characters only). */
  name: z.string(),
  /** Positive pence. */
  amount: Int,
  /** At most 18 characters, allowed characters only. */
  reference: z.string(),
  /** Why the row cannot go in a file (empty when it can). */
  problems: z.array(z.string()),
});
export type BatchRow = z.infer<typeof BatchRow>;

export const PaymentBatch = z.object({
  id: Id,
  bankAccountId: Id,
  status: z.enum(['draft', 'sent']),
  total: Int,
  count: Int,
  createdAt: z.string(),
  actor: z.string(),
  sentAt: z.string().nullable(),
  sentBy: z.string().nullable(),
  rows: z.array(BatchRow),
});
export type PaymentBatch = z.infer<typeof PaymentBatch>;

export const bankingContract = {
  'bank.preview': { input: PreviewInput, output: PreviewResult, writes: false },
  'bank.presets': { input: z.object({}).strict(), output: z.array(PresetOut), writes: false },
  'bank.savePreset': { input: SavePresetInput, output: PresetOut, writes: true },
  'bank.import': { input: StatementFile, output: ImportResult, writes: true },
  /** Several statements as one: all are parsed first; if any cannot be read, nothing is written. */
  'bank.importMany': {
    input: z.object({ files: z.array(StatementFile).min(1, 'Choose at least one statement').max(2000) }).strict(),
    output: z.object({ ok: z.boolean(), results: z.array(ImportResult) }),
    writes: true,
  },
  'bank.imports': { input: z.object({ bankAccountId: Id }).strict(), output: z.array(ImportRow), writes: false },
  'bank.lines': { input: LinesInput, output: LinesPage, writes: false },
  'bank.suggestions': {
    input: z.object({ bankLineId: Id, limit: z.number().int().min(1).max(100).default(10) }).strict(),
    output: z.array(Suggestion),
    writes: false,
  },
  'bank.match': { input: MatchInput, output: BankLineRow, writes: true },
  'bank.unmatch': { input: z.object({ bankLineId: Id, reason: Reason }).strict(), output: BankLineRow, writes: true },
  'bank.createEntry': { input: CreateEntryInput, output: CreateEntryResult, writes: true },
  /** One transaction: create the new parts and match the line to all parts (existing and new), or write nothing. */
  'bank.split': { input: SplitInput, output: BankLineRow, writes: true },
  'bank.autoMatch': { input: z.object({ bankAccountId: Id }).strict(), output: AutoMatchResult, writes: true },
  'bank.reconcile': { input: ReconcileInput, output: ReconcileResult, writes: false },
  'bank.reconcileConfirm': { input: ReconcileConfirmInput, output: z.object({ reconciliation: Reconciliation, check: ReconcileResult }), writes: true },
  'bank.unreconcile': { input: z.object({ reconciliationId: Id, reason: Reason }).strict(), output: Reconciliation, writes: true },
  'bank.reconciliations': { input: z.object({ bankAccountId: Id }).strict(), output: z.array(Reconciliation), writes: false },
  /** Authorised payments from this bank account not in a sent batch, each checked for the file. */
  'bank.paymentBatch.candidates': { input: z.object({ bankAccountId: Id }).strict(), output: z.array(BatchRow), writes: false },
  'bank.paymentBatch.create': {
    input: z.object({ bankAccountId: Id, paymentEntryIds: z.array(Id).min(1, 'Choose at least one payment').max(5000) }).strict(),
    output: PaymentBatch,
    writes: true,
  },
  'bank.paymentBatch.get': { input: z.object({ batchId: Id }).strict(), output: PaymentBatch, writes: false },
  'bank.paymentBatch.list': { input: z.object({ bankAccountId: Id }).strict(), output: z.array(PaymentBatch), writes: false },
  'bank.paymentBatch.file': { input: z.object({ batchId: Id }).strict(), output: FileOut, writes: false },
  'bank.paymentBatch.markSent': { input: z.object({ batchId: Id }).strict(), output: PaymentBatch, writes: true },
} as const;
