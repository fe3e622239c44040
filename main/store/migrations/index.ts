import { migration001 } from './001_foundation';
import { migration002 } from './002_client_money';
import { migration003 } from './003_payroll_people';
import { migration004 } from './004_timesheets';
import { migration005 } from './005_pay_runs';
import { migration006 } from './006_payroll_pension_holiday';
import { migration007 } from './007_planning';
import { migration008 } from './008_banking';
import { migration009 } from './009_reports';
import type { Migration } from './types';

/** Numbered migrations, in order. Add a file per schema change; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];

export const LATEST_VERSION = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version;
