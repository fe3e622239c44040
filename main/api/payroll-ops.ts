/** Handlers for payroll operations (contract-payroll-ops.ts). Every write is one transaction. */
import type { Method } from '../../shared/contract';
import type { payrollOpsContract } from '../../shared/contract-payroll-ops';
import type { HandlerMap } from './types';

export const payrollOpsHandlers: HandlerMap<keyof typeof payrollOpsContract & Method> = {};
