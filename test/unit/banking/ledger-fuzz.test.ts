/**
 * Fuzzing the import path end to end (api → parser → ledger): garbage bytes, mutated real-looking
 * files and generated CSV never crash the import; a refused import writes nothing (row counts of
 * every banking table and the audit log unchanged); an accepted one adds exactly what it reports.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../shared/contract-banking';
import { FIXTURES, fixture } from './helpers';
import { b64, bankEnv, closeEnv, snapshot, type BankEnv } from './ledger-helpers';

let b: BankEnv;
beforeAll(async () => {
  b = await bankEnv();
});
afterAll(() => closeEnv(b));

const PRESETS = [undefined, 'generic', 'lloyds', 'nationwide', 'hsbc'];

async function tryImport(bytes: Uint8Array, preset: string | undefined): Promise<void> {
  const before = snapshot(b.db);
  let r: ImportResult | undefined;
  try {
    r = await b.env.call<ImportResult>('bank.import', { bankAccountId: b.catBank, fileName: 'fuzz.csv', base64: b64(bytes), ...(preset ? { preset } : {}) });
  } catch (e) {
    // Only a clean refusal of the request itself (e.g. an empty file) is acceptable.
    expect((e as { code?: string }).code).toBe('VALIDATION');
    expect(snapshot(b.db)).toEqual(before);
    return;
  }
  const after = snapshot(b.db);
  if (r.errors.length) {
    expect(r.importId).toBeNull();
    expect(r.imported).toBe(0);
    for (const e of r.errors) {
      expect(e.code).not.toBe('internal');
      expect(Number.isInteger(e.line)).toBe(true);
    }
    expect(after).toEqual(before);
  } else {
    expect(after.bank_lines - before.bank_lines).toBe(r.imported);
    expect(after.bank_imports - before.bank_imports).toBe(1);
  }
}

const fixtures = readdirSync(FIXTURES).map((n) => fixture(n));

describe('import fuzz', () => {
  it('garbage bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), fc.constantFrom(...PRESETS), async (bytes, preset) => tryImport(bytes, preset)),
      { numRuns: 60, seed: 7 },
    );
  });

  it('mutated real-looking files (byte changes, cuts, duplicated spans)', async () => {
    const mutation = fc.record({
      file: fc.nat({ max: fixtures.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'delete', 'insert', 'cut')), { minLength: 1, maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(mutation, fc.constantFrom(...PRESETS), async ({ file, edits }, preset) => {
        let bytes = Array.from(fixtures[file]!);
        for (const [pos, val, op] of edits) {
          const i = bytes.length ? pos % bytes.length : 0;
          if (op === 'set') bytes[i] = val;
          else if (op === 'delete') bytes.splice(i, 1);
          else if (op === 'insert') bytes.splice(i, 0, val);
          else bytes = bytes.slice(0, i);
        }
        await tryImport(new Uint8Array(bytes), preset);
      }),
      { numRuns: 120, seed: 11 },
    );
  });

  it('generated CSV with random cells', async () => {
    const cell = fc.oneof(fc.constantFrom('', '01/04/2026', '2026-04-31', '£1,234.56', '(12.00)', '-5', 'abc', '"q"', 'x,y', '1e5', '12.345'), fc.string({ maxLength: 8 }));
    const csvText = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 12 }).map((rows) => ['Date,Description,Amount,Balance', ...rows.map((r) => r.join(','))].join('\n'));
    await fc.assert(
      fc.asyncProperty(csvText, async (text) => tryImport(new TextEncoder().encode(text), 'generic')),
      { numRuns: 120, seed: 13 },
    );
  });
});
