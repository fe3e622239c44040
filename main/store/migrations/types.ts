import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface Migration {
  /** Equal to the file's number; PRAGMA user_version is set to it when it has run. */
  version: number;
  name: string;
  up(db: Database): void;
}
