/**
 * Non-secret preferences: recent ledgers, auto-lock minutes, backups to keep, window bounds.
 * In the desktop app they live in electron-store; in browser mode, the CLI and tests, in a JSON file
 * in the data folder. Never a passphrase or key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const Prefs = z.object({
  recent: z.array(z.string()).default([]),
  autoLockMinutes: z.number().int().min(1).max(240).default(10),
  backupKeep: z.number().int().min(1).max(365).default(14),
  backupFolder: z.string().nullable().default(null),
  windowBounds: z
    .object({ x: z.number().int(), y: z.number().int(), width: z.number().int(), height: z.number().int() })
    .nullable()
    .default(null),
});
export type Prefs = z.infer<typeof Prefs>;

export interface PrefsStore {
  get(): Prefs;
  set(patch: Partial<Prefs>): Prefs;
}

export const DEFAULT_PREFS: Prefs = Prefs.parse({});

/** A JSON file; unreadable or invalid content falls back to defaults rather than failing to start. */
export class JsonPrefsStore implements PrefsStore {
  constructor(private readonly file: string) {}
  get(): Prefs {
    try {
      return Prefs.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      return { ...DEFAULT_PREFS };
    }
  }
  set(patch: Partial<Prefs>): Prefs {
    const next = Prefs.parse({ ...this.get(), ...patch });
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2));
    fs.renameSync(tmp, this.file);
    return next;
  }
}

export class MemoryPrefsStore implements PrefsStore {
  private value: Prefs = { ...DEFAULT_PREFS };
  get(): Prefs {
    return this.value;
  }
  set(patch: Partial<Prefs>): Prefs {
    this.value = Prefs.parse({ ...this.value, ...patch });
    return this.value;
  }
}

export function pushRecent(list: readonly string[], file: string, max = 8): string[] {
  return [file, ...list.filter((f) => f !== file)].slice(0, max);
}
