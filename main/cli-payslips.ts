/** The CLI's payroll output commands (payslips, …). Registered into COMMANDS by cli.ts. */
import type { Command } from './cli';

export const PAYSLIP_COMMANDS: Record<string, Command> = {};
