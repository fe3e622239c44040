/**
 * The one contract. Every api method is declared here once, with zod schemas for its input and
 * output. Electron IPC, the browser-mode bridge and the CLI all dispatch through this table; main
 * validates every input against it before any handler runs.
 */
import { z } from 'zod';
import { moneyContract } from './contract-money';
import { payrollContract } from './contract-payroll';
import { timesheetsContract } from './contract-timesheets';
import { payrunsContract } from './contract-payruns';
import { payrollOpsContract } from './contract-payroll-ops';
import { payrollOutputsContract } from './contract-payroll-outputs';
import { planningContract } from './contract-planning';
import { planningOutputsContract } from './contract-planning-outputs';
import { bankingContract } from './contract-banking';
import { reportsContract } from './contract-reports';

export const LedgerPath = z
  .string()
  .trim()
  .min(1, 'Choose where the ledger file goes')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'A file path cannot contain a NUL character');

export const Passphrase = z.string().min(1, 'Enter the passphrase').max(1024);

export const LedgerInfo = z.object({
  path: z.string(),
  organisationName: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
});
export type LedgerInfo = z.infer<typeof LedgerInfo>;

export const Settings = z.object({
  autoLockMinutes: z.number().int().min(1).max(240),
  backupKeep: z.number().int().min(1).max(365),
  backupFolder: z.string().nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z
  .object({
    autoLockMinutes: z.number().int().min(1, 'Auto-lock must be at least 1 minute').max(240, 'Auto-lock can be at most 240 minutes'),
    backupKeep: z.number().int().min(1, 'Keep at least 1 backup').max(365, 'Keep at most 365 backups'),
    backupFolder: z.string().min(1).nullable(),
  })
  .partial()
  .strict();

const Empty = z.object({}).strict();

export const BackupResult = z.object({
  path: z.string(),
  bytes: z.number().int(),
  verified: z.literal(true),
  schemaVersion: z.number().int(),
});

export const VerifyResult = z.object({
  ok: z.boolean(),
  schemaVersion: z.number().int(),
  integrity: z.string(),
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const StatusResult = z.object({
  state: z.enum(['locked', 'open']),
  ledger: LedgerInfo.nullable(),
  recent: z.array(z.string()),
  rememberAvailable: z.boolean(),
  remembered: z.array(z.string()),
  settings: Settings,
});
export type StatusResult = z.infer<typeof StatusResult>;

export const DashboardSummary = z.object({
  organisationName: z.string(),
  clientCount: z.number().int(),
  funderCount: z.number().int(),
  firstSteps: z.array(z.object({ id: z.string(), title: z.string(), done: z.boolean() })),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const contract = {
  'app.info': {
    input: Empty,
    output: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'web', 'cli', 'test']),
      platform: z.string(),
      /** Today by the app clock (Europe/London), YYYY-MM-DD: tests fix the clock, so screens ask here rather than the browser. */
      today: z.string(),
    }),
    writes: false,
  },
  'ledger.status': { input: Empty, output: StatusResult, writes: false },
  'ledger.create': {
    input: z.object({ path: LedgerPath, passphrase: Passphrase, organisationName: z.string().trim().min(1, 'Enter the organisation name').max(200) }).strict(),
    output: LedgerInfo,
    writes: true,
  },
  'ledger.unlock': {
    input: z.object({ path: LedgerPath, passphrase: Passphrase, remember: z.boolean().optional() }).strict(),
    output: LedgerInfo,
    writes: false,
  },
  'ledger.unlockRemembered': { input: z.object({ path: LedgerPath }).strict(), output: LedgerInfo, writes: false },
  'ledger.forget': { input: z.object({ path: LedgerPath }).strict(), output: z.object({ forgotten: z.boolean() }), writes: false },
  'ledger.lock': {
    input: z.object({ reason: z.enum(['user', 'idle', 'close']).optional() }).strict(),
    output: z.object({ locked: z.literal(true), backup: z.string().nullable() }),
    writes: false,
  },
  'ledger.changePassphrase': {
    input: z.object({ current: Passphrase, next: Passphrase }).strict(),
    output: z.object({ changed: z.literal(true) }),
    writes: true,
  },
  'ledger.backup': {
    input: z
      .object({ folder: z.string().trim().min(1).max(4096).optional(), file: LedgerPath.optional() })
      .strict()
      .refine((v) => !(v.folder && v.file), 'Give a folder or a file for the backup, not both'),
    output: BackupResult,
    writes: false,
  },
  'ledger.restore': {
    input: z.object({ backupPath: LedgerPath, targetPath: LedgerPath, passphrase: Passphrase }).strict(),
    output: LedgerInfo,
    writes: true,
  },
  'ledger.verify': { input: Empty, output: VerifyResult, writes: false },
  'session.touch': { input: Empty, output: z.object({ lockInMs: z.number().int().nullable() }), writes: false },
  'settings.get': { input: Empty, output: Settings, writes: false },
  'settings.update': { input: SettingsPatch, output: Settings, writes: false },
  'dashboard.summary': { input: Empty, output: DashboardSummary, writes: false },
  ...moneyContract,
  ...payrollContract,
  ...timesheetsContract,
  ...payrunsContract,
  ...payrollOpsContract,
  ...payrollOutputsContract,
  ...planningContract,
  ...planningOutputsContract,
  ...bankingContract,
  ...reportsContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type InputOf<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends Method> = z.output<Contract[M]['input']>;
export type OutputOf<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
