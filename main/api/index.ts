/**
 * The api: one function per contract method, and the one dispatcher that every front door
 * (Electron IPC, the browser-mode bridge, the CLI) calls. It validates the method name and the
 * input against the contract before anything runs, and turns every failure into
 * {ok:false, error:{code, message}}.
 */
import type { z } from 'zod';
import { contract, isMethod, type Method } from '../../shared/contract';
import { StewardError, type Result } from '../../shared/errors';
import type { ApiContext } from './context';
import { ledgerHandlers, touch } from './ledger';
import { moneyHandlers } from './money';
import { payrollHandlers } from './payroll';
import { timesheetHandlers } from './timesheets';
import { payrunHandlers } from './payruns';
import { payrollOpsHandlers } from './payroll-ops';
import { payrollOutputsHandlers } from './payroll-outputs';
import { planningHandlers } from './planning';
import { planningOutputsHandlers } from './planning-outputs';
import { bankingHandlers } from './banking';
import { reportsHandlers } from './reports';
import type { HandlerMap } from './types';

export const handlers: HandlerMap<Method> = {
  ...ledgerHandlers,
  ...moneyHandlers,
  ...payrollHandlers,
  ...timesheetHandlers,
  ...payrunHandlers,
  ...payrollOpsHandlers,
  ...payrollOutputsHandlers,
  ...planningHandlers,
  ...planningOutputsHandlers,
  ...bankingHandlers,
  ...reportsHandlers,
};

/** Methods that do not count as user activity for the idle timer. */
const PASSIVE = new Set<Method>(['ledger.status', 'app.info', 'ledger.lock']);

function zodMessage(err: z.ZodError): { message: string; where?: string } {
  const first = err.issues[0];
  if (!first) return { message: 'The input is not valid.' };
  const where = first.path.map(String).join('.');
  return where ? { message: `${where}: ${first.message}`, where } : { message: first.message };
}

export async function dispatch(ctx: ApiContext, method: string, rawInput: unknown): Promise<Result<unknown>> {
  if (typeof method !== 'string' || !isMethod(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no api method called "${String(method)}".` } };
  }
  const spec = contract[method];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const m = zodMessage(parsed.error);
    return { ok: false, error: { code: 'VALIDATION', ...m } };
  }
  try {
    const handler = handlers[method] as (c: ApiContext, i: unknown) => unknown;
    const value = await handler(ctx, parsed.data);
    if (!PASSIVE.has(method)) touch(ctx);
    const out = spec.output.safeParse(value);
    if (!out.success) {
      return { ok: false, error: { code: 'INTERNAL', message: `Steward produced an invalid answer for ${method}: ${zodMessage(out.error).message}` } };
    }
    return { ok: true, value: out.data };
  } catch (e) {
    if (e instanceof StewardError) return { ok: false, error: e.toBody() };
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { code: 'INTERNAL', message: `Unexpected error in ${method}: ${message}` } };
  }
}

/** Call and unwrap: for the CLI and tests. Throws StewardError on {ok:false}. */
export async function call(ctx: ApiContext, method: Method, input: unknown): Promise<unknown> {
  const r = await dispatch(ctx, method, input);
  if (!r.ok) throw new StewardError(r.error.code, r.error.message, r.error.where === undefined ? {} : { where: r.error.where });
  return r.value;
}
