/**
 * Contract methods for funders, clients, the client-money journal, receipts, payments, balances,
 * alerts, periods, attachments and the audit trail. Amounts are integer pence everywhere; the
 * renderer and the CLI parse "£1,234.56" with shared/money.ts before calling.
 */
import { z } from 'zod';
import { IsoDate } from './dates';
import {
  AlertKind,
  Arrangement,
  AuthMethod,
  BudgetFor,
  Cadence,
  Category,
  ClientStatus,
  FunderKind,
  FunderRules,
  PayeeKind,
  ReceiptSource,
} from './domain';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs';

/** Largest single amount accepted: £10 million, far above any care budget, well inside 2^53. */
export const MAX_AMOUNT = 1_000_000_000;

export const Id = z.number().int('An id is a whole number').positive('An id is a positive number');
export const PenceAmount = z.number().int('Amounts are whole pence').positive('The amount must be more than £0.00').max(MAX_AMOUNT, 'The amount is larger than £10,000,000');
const SignedPence = z.number().int();
const Name = z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters');
const ShortText = z.string().trim().max(200, 'At most 200 characters');
const LongText = z.string().trim().max(4000, 'At most 4,000 characters');

// ---------- Funders ----------

export const Funder = z.object({
  id: Id,
  name: z.string(),
  kind: FunderKind,
  rules: FunderRules,
  createdAt: z.string(),
});
export type Funder = z.infer<typeof Funder>;

export const FunderCreate = z
  .object({ name: Name, kind: FunderKind.default('council'), rules: FunderRules.partial().strict().optional() })
  .strict();
export const FunderUpdate = z
  .object({ id: Id, name: Name.optional(), kind: FunderKind.optional(), rules: FunderRules.partial().strict().optional() })
  .strict();

// ---------- Clients ----------

export const Contact = z
  .object({
    name: Name,
    relationship: ShortText.default(''),
    phone: ShortText.default(''),
    email: z.union([z.literal(''), z.string().trim().email('Enter a valid email address')]).default(''),
  })
  .strict();
export const Trustee = z.object({ name: Name, family: z.boolean().default(false) }).strict();

const NhsNumber = z
  .string()
  .trim()
  .transform(normaliseNhsNumber)
  .refine((s) => s === '' || isValidNhsNumber(s), 'This is not a valid NHS number: it should be 10 digits and its check digit does not match');

/** The client's fields with no defaults: a patch must never fill in what it was not given. */
const clientFields = {
  name: Name,
  preferredName: ShortText,
  dateOfBirth: IsoDate.nullable(),
  address: LongText,
  contacts: z.array(Contact).max(20),
  councilReference: ShortText,
  nhsNumber: NhsNumber,
  funderIds: z.array(Id).min(1, 'Choose the funder').max(5),
  arrangement: Arrangement,
  budgetFor: BudgetFor,
  accountHolder: ShortText,
  representative: ShortText,
  trustees: z.array(Trustee).max(10),
  startDate: IsoDate,
  notes: LongText,
};

const ClientFieldsBase = z.object({
  ...clientFields,
  preferredName: clientFields.preferredName.default(''),
  dateOfBirth: clientFields.dateOfBirth.default(null),
  address: clientFields.address.default(''),
  contacts: clientFields.contacts.default([]),
  councilReference: clientFields.councilReference.default(''),
  nhsNumber: clientFields.nhsNumber.default(''),
  arrangement: clientFields.arrangement.default('managed-account'),
  budgetFor: clientFields.budgetFor.default('person'),
  accountHolder: clientFields.accountHolder.default(''),
  representative: clientFields.representative.default(''),
  trustees: clientFields.trustees.default([]),
  notes: clientFields.notes.default(''),
});

export const ClientCreate = ClientFieldsBase.extend({
  /** Bank account to hold the client's money; a new dedicated account is opened when absent. */
  bankAccountId: Id.optional(),
}).strict();
export type ClientCreateInput = z.input<typeof ClientCreate>;

export const ClientPatch = z.object(clientFields).partial().strict();
export const ClientUpdate = z.object({ id: Id, patch: ClientPatch }).strict();

export const Client = z.object({
  id: Id,
  name: z.string(),
  preferredName: z.string(),
  dateOfBirth: z.string().nullable(),
  address: z.string(),
  contacts: z.array(z.object({ name: z.string(), relationship: z.string(), phone: z.string(), email: z.string() })),
  councilReference: z.string(),
  nhsNumber: z.string(),
  funderIds: z.array(Id),
  arrangement: Arrangement,
  budgetFor: BudgetFor,
  accountHolder: z.string(),
  representative: z.string(),
  trustees: z.array(z.object({ name: z.string(), family: z.boolean() })),
  startDate: z.string(),
  status: ClientStatus,
  endDate: z.string().nullable(),
  notes: z.string(),
  bankAccountId: Id,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Client = z.infer<typeof Client>;

export const ClientSummary = z.object({
  id: Id,
  name: z.string(),
  preferredName: z.string(),
  councilReference: z.string(),
  funderIds: z.array(Id),
  funderNames: z.array(z.string()),
  arrangement: Arrangement,
  status: ClientStatus,
  balance: SignedPence,
  weeksHeld: z.number().nullable(),
  alertKinds: z.array(AlertKind),
});
export type ClientSummary = z.infer<typeof ClientSummary>;

// ---------- Bank accounts, schedules, payees ----------

export const BankAccount = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['dedicated', 'pooled']),
  sortCode: z.string(),
  accountNumber: z.string(),
  clientIds: z.array(Id),
  balance: SignedPence,
});
export type BankAccount = z.infer<typeof BankAccount>;

export const BankAccountCreate = z
  .object({
    name: Name,
    kind: z.enum(['dedicated', 'pooled']),
    sortCode: z.union([z.literal(''), z.string().trim().regex(/^\d{2}-?\d{2}-?\d{2}$/, 'A sort code is 6 digits, like 12-34-56')]).default(''),
    accountNumber: z.union([z.literal(''), z.string().trim().regex(/^\d{8}$/, 'An account number is 8 digits')]).default(''),
  })
  .strict();

export const Schedule = z.object({
  id: Id,
  clientId: Id,
  source: z.enum(['council', 'contribution']),
  funderId: Id.nullable(),
  amount: PenceAmount,
  cadence: Cadence,
  firstDate: z.string(),
  endDate: z.string().nullable(),
  weeklyEquivalent: SignedPence,
});
export type Schedule = z.infer<typeof Schedule>;

export const ScheduleCreate = z
  .object({
    clientId: Id,
    source: z.enum(['council', 'contribution']),
    funderId: Id.optional(),
    amount: PenceAmount,
    cadence: Cadence,
    firstDate: IsoDate,
    endDate: IsoDate.optional(),
  })
  .strict()
  .refine((v) => !v.endDate || v.endDate >= v.firstDate, { message: 'The end date is before the first date', path: ['endDate'] });

export const Payee = z.object({
  id: Id,
  name: z.string(),
  kind: PayeeKind,
  defaultCategory: Category.nullable(),
  clientId: Id.nullable(),
  sortCode: z.string(),
  accountNumber: z.string(),
});
export type Payee = z.infer<typeof Payee>;

export const PayeeCreate = z
  .object({
    name: Name,
    kind: PayeeKind.default('other'),
    defaultCategory: Category.optional(),
    clientId: Id.optional(),
    sortCode: BankAccountCreate.shape.sortCode,
    accountNumber: BankAccountCreate.shape.accountNumber,
  })
  .strict();

// ---------- Journal ----------

export const Authorisation = z
  .object({
    by: Name,
    method: AuthMethod.default('written'),
    at: IsoDate.optional(),
    note: ShortText.default(''),
  })
  .strict();
export type Authorisation = z.infer<typeof Authorisation>;

export const Override = z.object({ by: Name, reason: z.string().trim().min(5, 'Give the reason for the override (at least 5 characters)').max(500) }).strict();

export const EntryLine = z.object({
  accountId: Id,
  accountCode: z.string(),
  clientId: Id,
  amount: SignedPence,
});

export const Entry = z.object({
  id: Id,
  clientId: Id,
  date: z.string(),
  kind: z.string(),
  source: z.string().nullable(),
  category: z.string().nullable(),
  reference: z.string(),
  memo: z.string(),
  payeeId: Id.nullable(),
  payeeName: z.string().nullable(),
  amount: SignedPence,
  reversesId: Id.nullable(),
  reversedById: Id.nullable(),
  reason: z.string().nullable(),
  authorisations: z.array(z.object({ by: z.string(), method: z.string(), at: z.string(), note: z.string() })),
  override: z.object({ by: z.string(), reason: z.string() }).nullable(),
  createdAt: z.string(),
  actor: z.string(),
  hash: z.string(),
  lines: z.array(EntryLine),
});
export type Entry = z.infer<typeof Entry>;

export const ReceiptFlag = z.object({ kind: AlertKind, message: z.string() });

export const ReceiptAdd = z
  .object({
    clientId: Id,
    date: IsoDate,
    amount: PenceAmount,
    source: ReceiptSource,
    funderId: Id.optional(),
    reference: ShortText.default(''),
    memo: ShortText.default(''),
  })
  .strict();

export const ReceiptResult = z.object({
  entry: Entry,
  match: z.object({ scheduleId: Id, dueDate: z.string(), expected: SignedPence }).nullable(),
  flags: z.array(ReceiptFlag),
});

export const PaymentAdd = z
  .object({
    clientId: Id,
    date: IsoDate,
    amount: PenceAmount,
    payeeId: Id.optional(),
    payeeName: Name.optional(),
    category: Category,
    reference: ShortText.default(''),
    memo: ShortText.default(''),
    authorisations: z.array(Authorisation).min(1, 'Record who authorised the payment').max(5),
    override: Override.optional(),
  })
  .strict()
  .refine((v) => (v.payeeId === undefined) !== (v.payeeName === undefined), { message: 'Choose a payee from the directory or type a new payee name', path: ['payeeId'] });

export const PaymentResult = z.object({ entry: Entry, payeeCreated: z.boolean(), balanceAfter: SignedPence });

export const Reverse = z
  .object({
    entryId: Id,
    reason: z.string().trim().min(5, 'Give the reason for the reversal (at least 5 characters)').max(500),
    date: IsoDate.optional(),
    override: Override.optional(),
  })
  .strict();

export const TransactionRow = z.object({
  entryId: Id,
  date: z.string(),
  kind: z.string(),
  source: z.string().nullable(),
  category: z.string().nullable(),
  reference: z.string(),
  memo: z.string(),
  payeeName: z.string().nullable(),
  amount: SignedPence,
  runningBalance: SignedPence,
  reversesId: Id.nullable(),
  reversedById: Id.nullable(),
  attachmentCount: z.number().int(),
});
export type TransactionRow = z.infer<typeof TransactionRow>;

export const TransactionsPage = z
  .object({ clientId: Id, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) })
  .strict();

// ---------- Balances and alerts ----------

export const Figure = z.object({ label: z.string(), pence: SignedPence.nullable(), text: z.string().nullable() });
export type Figure = z.infer<typeof Figure>;

export const Alert = z.object({
  clientId: Id,
  clientName: z.string(),
  kind: AlertKind,
  severity: z.enum(['info', 'warning', 'danger']),
  message: z.string(),
  rule: z.string(),
  figures: z.array(Figure),
});
export type Alert = z.infer<typeof Alert>;

export const ClientBalance = z.object({
  id: Id,
  clientId: Id,
  name: z.string(),
  balance: SignedPence,
  weeklyFunding: SignedPence,
  weeksHeld: z.number().nullable(),
});
export type ClientBalance = z.infer<typeof ClientBalance>;

export const BalanceResult = z.object({ asOf: z.string(), clients: z.array(ClientBalance), total: SignedPence });

export const ClientDetail = z.object({
  client: Client,
  funders: z.array(Funder),
  bankAccount: BankAccount,
  asOf: z.string(),
  balance: SignedPence,
  weeklyFunding: SignedPence,
  weeksHeld: z.number().nullable(),
  alerts: z.array(Alert),
  accounts: z.array(z.object({ id: Id, code: z.string(), name: z.string(), type: z.string(), balance: SignedPence })),
  schedules: z.array(Schedule),
  expected: z.array(
    z.object({
      scheduleId: Id,
      source: z.string(),
      dueDate: z.string(),
      expected: SignedPence,
      receivedEntryId: Id.nullable(),
      receivedDate: z.string().nullable(),
      received: SignedPence.nullable(),
      status: z.enum(['received', 'late', 'short', 'missing', 'upcoming']),
    }),
  ),
  contributions: z.object({ assessedToDate: SignedPence, receivedToDate: SignedPence, arrears: SignedPence }),
  payees: z.array(Payee),
  attachments: z.array(z.lazy(() => AttachmentMeta)),
});
export type ClientDetail = z.infer<typeof ClientDetail>;

export const AttachmentMeta = z.object({
  id: Id,
  clientId: Id,
  entryId: Id.nullable(),
  filename: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

export const AttachmentAdd = z
  .object({
    clientId: Id,
    entryId: Id.optional(),
    filename: z.string().trim().min(1).max(255).refine((s) => !/[\\/\0]/.test(s), 'A file name cannot contain slashes'),
    dataBase64: z.string().min(1, 'The file is empty').max(15_000_000, 'The file is larger than 10 MB'),
  })
  .strict();

export const AuditRow = z.object({
  id: Id,
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

const Empty = z.object({}).strict();
const ById = z.object({ id: Id }).strict();

export const moneyContract = {
  'funder.list': { input: Empty, output: z.array(Funder), writes: false },
  'funder.create': { input: FunderCreate, output: Funder, writes: true },
  'funder.update': { input: FunderUpdate, output: Funder, writes: true },

  'client.list': { input: z.object({ asOf: IsoDate.optional() }).strict(), output: z.array(ClientSummary), writes: false },
  'client.get': { input: z.object({ id: Id, asOf: IsoDate.optional() }).strict(), output: ClientDetail, writes: false },
  'client.create': { input: ClientCreate, output: Client, writes: true },
  'client.update': { input: ClientUpdate, output: Client, writes: true },
  'client.setStatus': {
    input: z.object({ id: Id, status: z.enum(['active', 'suspended']), reason: z.string().trim().min(5, 'Give the reason (at least 5 characters)').max(500) }).strict(),
    output: Client,
    writes: true,
  },
  'client.end': {
    input: z.object({ id: Id, date: IsoDate, reason: z.string().trim().min(5, 'Give the reason (at least 5 characters)').max(500), authorisedBy: Name }).strict(),
    output: z.object({ client: Client, refundToClient: SignedPence, refundToFunder: SignedPence, entries: z.array(Entry) }),
    writes: true,
  },

  'bankAccount.list': { input: Empty, output: z.array(BankAccount), writes: false },
  'bankAccount.create': { input: BankAccountCreate, output: BankAccount, writes: true },

  'schedule.create': { input: ScheduleCreate, output: Schedule, writes: true },
  'schedule.end': { input: z.object({ id: Id, endDate: IsoDate }).strict(), output: Schedule, writes: true },

  'payee.list': { input: z.object({ clientId: Id.optional() }).strict(), output: z.array(Payee), writes: false },
  'payee.create': { input: PayeeCreate, output: Payee, writes: true },

  'receipt.add': { input: ReceiptAdd, output: ReceiptResult, writes: true },
  'payment.add': { input: PaymentAdd, output: PaymentResult, writes: true },
  'entry.reverse': { input: Reverse, output: Entry, writes: true },
  'entry.get': { input: ById, output: Entry, writes: false },
  'transactions.page': {
    input: TransactionsPage,
    output: z.object({ clientId: Id, total: z.number().int(), offset: z.number().int(), rows: z.array(TransactionRow) }),
    writes: false,
  },

  'balance.asOf': { input: z.object({ asOf: IsoDate, clientId: Id.optional() }).strict(), output: BalanceResult, writes: false },
  'alerts.scan': { input: z.object({ asOf: IsoDate.optional() }).strict(), output: z.object({ asOf: z.string(), alerts: z.array(Alert) }), writes: false },

  'period.status': { input: Empty, output: z.object({ closedThrough: z.string().nullable() }), writes: false },
  'period.close': { input: z.object({ through: IsoDate }).strict(), output: z.object({ closedThrough: z.string() }), writes: true },

  'attachment.add': { input: AttachmentAdd, output: AttachmentMeta, writes: true },
  'attachment.get': { input: ById, output: z.object({ meta: AttachmentMeta, dataBase64: z.string() }), writes: false },

  'audit.list': {
    input: z.object({ entity: z.string().max(50).optional(), entityId: z.string().max(50).optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.array(AuditRow),
    writes: false,
  },
} as const;
