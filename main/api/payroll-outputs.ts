/** Handlers for payroll outputs (contract-payroll-outputs.ts). All are reads. */
import type { Method } from '../../shared/contract';
import type { payrollOutputsContract } from '../../shared/contract-payroll-outputs';
import type { HandlerMap } from './types';

export const payrollOutputsHandlers: HandlerMap<keyof typeof payrollOutputsContract & Method> = {};
