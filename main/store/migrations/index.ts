import { migration001 } from './001_foundation';
import type { Migration } from './types';

/** Numbered migrations, in order. Add a file per schema change; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [migration001];

export const LATEST_VERSION = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version;
