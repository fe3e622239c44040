import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ParseFail, ParseOk, ParseResult } from '../../../main/banking';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'banking');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function expectOk(r: ParseResult): ParseOk {
  if (!r.ok) throw new Error(`expected ok, got errors: ${JSON.stringify(r.errors, null, 1)}`);
  return r;
}

export function expectFail(r: ParseResult): ParseFail {
  if (r.ok) throw new Error(`expected errors, got ${r.lines.length} lines`);
  expect(r).not.toHaveProperty('lines');
  return r;
}
