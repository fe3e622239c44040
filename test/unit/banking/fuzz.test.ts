/**
 * Fuzzing: garbage and mutated real-looking files never make the parser throw, and the result is
 * always whole: either every line (ok) or errors and no lines. Generated valid statements read back
 * exactly, and spoiling any one row of them refuses the whole file, naming that row.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement, penceToText, type ParseOptions, type ParseResult } from '../../../main/banking';
import { FIXTURES, fixture, utf8 } from './helpers';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkWellFormed(r: ParseResult): void {
  if (r.ok) {
    expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['ok', 'lines', 'skipped', 'format', 'encoding']));
    for (const l of r.lines) {
      const m = ISO.exec(l.date);
      expect(m).not.toBeNull();
      const d = new Date(`${l.date}T00:00:00Z`);
      expect(d.toISOString().slice(0, 10)).toBe(l.date);
      expect(Number.isSafeInteger(l.amount)).toBe(true);
      expect(l.runningBalance === null || Number.isSafeInteger(l.runningBalance)).toBe(true);
      expect(Number.isInteger(l.sourceLine) && l.sourceLine >= 1).toBe(true);
      expect(typeof l.description).toBe('string');
    }
  } else {
    expect(r).not.toHaveProperty('lines');
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) {
      expect(e.code).not.toBe('internal');
      expect(Number.isInteger(e.line) && e.line >= 0).toBe(true);
      expect(typeof e.message).toBe('string');
    }
  }
}

const OPTIONS: ParseOptions[] = [
  {},
  { format: 'csv' },
  { format: 'ofx' },
  { format: 'qif' },
  { format: 'qif', dateOrder: 'mdy' },
  { preset: 'nationwide' },
  { preset: 'hsbc' },
  { mapping: { date: 0, description: [1], paidIn: 2, paidOut: 3, balance: 4, headerRow: 0, dateFormat: 'auto' } },
];

const parseSafely = (bytes: Uint8Array, opts: ParseOptions): ParseResult => {
  let r: ParseResult | undefined;
  expect(() => {
    r = parseStatement(bytes, opts);
  }).not.toThrow();
  return r as ParseResult;
};

describe('fuzz: garbage never crashes and never gives a partial result', () => {
  it('random bytes, with every format and option', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom(...OPTIONS), (bytes, opts) => {
        checkWellFormed(parseSafely(bytes, opts));
      }),
      { numRuns: 1500, seed: 42 },
    );
  });

  it('random text built from the pieces statements are made of', () => {
    const piece = fc.constantFrom(
      '0', '1', '9', '31', '/', '-', '.', ',', '"', '""', '\n', '\r\n', '\r', '£', '(', ')', ' ', 'CR', 'DR',
      'Date', 'Amount', 'Description', 'Balance', 'Paid in', 'Paid out', 'Closing balance', '2026', 'Mar',
      '<OFX>', '</OFX>', '<STMTTRN>', '</STMTTRN>', '<TRNAMT>', '<DTPOSTED>', '20260231', '<FITID>', '!Type:Bank', '^', 'D', 'T', 'P', '\ufeff', '\u0000', 'é',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), fc.constantFrom(...OPTIONS), (parts, opts) => {
        checkWellFormed(parseSafely(utf8(parts.join('')), opts));
      }),
      { numRuns: 1500, seed: 43 },
    );
  });

  it('mutated real-looking files (every fixture: bytes flipped, cut, inserted, repeated)', () => {
    const files = readdirSync(FIXTURES).map((f) => ({ name: f, bytes: fixture(f) }));
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom<ParseOptions>({}, { dateOrder: 'mdy' }), (file, muts, opts) => {
        let b = Array.from(file.bytes);
        for (const m of muts) {
          const at = b.length === 0 ? 0 : m.at % b.length;
          if (m.kind === 'flip') b[at] = m.value;
          else if (m.kind === 'cut') b.splice(at, m.len);
          else if (m.kind === 'insert') b.splice(at, 0, ...m.bytes);
          else if (m.kind === 'truncate') b = b.slice(0, at);
          else b.splice(at, 0, ...b.slice(at, at + m.len));
        }
        const o = file.name.startsWith('hsbc') ? { ...opts, preset: 'hsbc' } : opts;
        checkWellFormed(parseSafely(new Uint8Array(b), o));
      }),
      { numRuns: 3000, seed: 44 },
    );
  });
});

describe('a damaged file never loses a transaction silently', () => {
  it('one small change to any fixture: either refused, or every transaction is still there', () => {
    const files = readdirSync(FIXTURES).map((f) => {
      const opts: ParseOptions = f.startsWith('hsbc') ? { preset: 'hsbc' } : f.includes('-us.') ? { dateOrder: 'mdy' } : {};
      const base = parseStatement(fixture(f), opts);
      if (!base.ok) throw new Error(f);
      return { name: f, bytes: fixture(f), opts, count: base.lines.length };
    });
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.nat(), fc.nat({ max: 2 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 5 }), (file, pos, kind, value, len) => {
        const b = Array.from(file.bytes);
        const at = pos % b.length;
        if (kind === 0) b[at] = value;
        else if (kind === 1) b.splice(at, len);
        else b.splice(at, 0, value);
        const r = parseSafely(new Uint8Array(b), file.opts);
        checkWellFormed(r);
        if (r.ok) expect(r.lines.length, `${file.name} ${kind} at ${at}`).toBe(file.count);
      }),
      { numRuns: 5000, seed: 47 },
    );
  });
});

describe('all or nothing on generated statements', () => {
  const row = fc.record({
    date: fc.date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true }),
    pence: fc.integer({ min: -10_000_000, max: 10_000_000 }),
    desc: fc.string({ maxLength: 30 }),
    style: fc.nat({ max: 2 }),
  });
  const fmtDate = (d: Date, style: number): string => {
    const iso = d.toISOString().slice(0, 10);
    const [y, m, day] = iso.split('-') as [string, string, string];
    return style === 0 ? `${day}/${m}/${y}` : style === 1 ? iso : `${Number(day)} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1]} ${y}`;
  };
  const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const mapping = { date: 'Date', description: ['Description'], amount: 'Amount', balance: 'Balance' };

  it('a generated CSV reads back exactly; spoiling one row refuses the file and names that row', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat({ max: 3 }), (rows, pick, how) => {
        let bal = 0;
        const body = rows.map((r) => {
          bal += r.pence;
          return [fmtDate(r.date, r.style), q(r.desc), q(`£${penceToText(r.pence)}`), penceToText(bal)].join(',');
        });
        const text = ['Some bank, preamble', '', 'Date,Description,Amount,Balance', ...body, ',Closing balance,,' + penceToText(bal)].join('\r\n');
        const ok = parseStatement(utf8(text), { mapping });
        if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
        expect(ok.lines.map((l) => [l.date, l.amount, l.description.trim()])).toEqual(rows.map((r) => [r.date.toISOString().slice(0, 10), r.pence, r.desc.replace(/\s+/g, ' ').trim()]));
        expect(ok.lines.at(-1)?.runningBalance).toBe(bal);

        const i = pick % body.length;
        const cells = body[i]?.split(',') ?? [];
        const spoilt = [...body];
        let column: string;
        if (how === 0) {
          cells[0] = '31/02/2026';
          column = 'Date';
        } else if (how === 1) {
          cells[0] = '2026-13-01';
          column = 'Date';
        } else if (how === 2) {
          cells[cells.length - 2] = '12.3.4';
          column = 'Amount';
        } else {
          cells[cells.length - 1] = 'n/a';
          column = 'Balance';
        }
        spoilt[i] = cells.join(',');
        const bad = parseStatement(utf8(['Some bank, preamble', '', 'Date,Description,Amount,Balance', ...spoilt].join('\r\n')), { mapping });
        expect(bad.ok).toBe(false);
        if (bad.ok) return;
        expect(bad).not.toHaveProperty('lines');
        // the description may hold line breaks, so find the row's file line by counting
        const line = 4 + body.slice(0, i).reduce((n, r) => n + (r.match(/\r\n|\n|\r/g)?.length ?? 0) + 1, 0);
        expect(bad.errors.map((e) => [e.line, e.column])).toContainEqual([line, column]);
      }),
      { numRuns: 400, seed: 45 },
    );
  });

  it('a generated OFX reads back exactly; a spoilt TRNAMT refuses the file', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.nat(), fc.boolean(), (rows, pick, xml) => {
        const trn = (r: (typeof rows)[number], i: number, amt: string): string => {
          const d = r.date.toISOString().slice(0, 10).replace(/-/g, '');
          const name = r.desc.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
          return xml
            ? `<STMTTRN><TRNTYPE>OTHER</TRNTYPE><DTPOSTED>${d}120000</DTPOSTED><TRNAMT>${amt}</TRNAMT><FITID>F${i}</FITID><NAME>${name}</NAME></STMTTRN>`
            : `<STMTTRN>\n<TRNTYPE>OTHER\n<DTPOSTED>${d}\n<TRNAMT>${amt}\n<FITID>F${i}\n<NAME>${name}\n</STMTTRN>`;
        };
        const doc = (amts: string[]): Uint8Array =>
          utf8(`${xml ? '<?xml version="1.0"?><?OFX OFXHEADER="200"?>' : 'OFXHEADER:100\nDATA:OFXSGML\n'}\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>\n${rows.map((r, i) => trn(r, i, amts[i] as string)).join('\n')}\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`);
        const amts = rows.map((r) => penceToText(r.pence));
        const ok = parseStatement(doc(amts));
        if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
        expect(ok.lines.map((l) => [l.date, l.amount, l.bankTransactionId])).toEqual(rows.map((r, i) => [r.date.toISOString().slice(0, 10), r.pence, `F${i}`]));
        const spoilt = [...amts];
        spoilt[pick % rows.length] = '1.2.3';
        const bad = parseStatement(doc(spoilt));
        expect(bad.ok).toBe(false);
        expect(bad.ok ? [] : bad.errors.map((e) => e.column)).toEqual(['TRNAMT']);
      }),
      { numRuns: 300, seed: 46 },
    );
  });
});
