/**
 * Statement import into the ledger through the api: de-duplication per bank account (same file,
 * overlapping file, two identical same-day payments), the skipped list, all or nothing on bad
 * input (nothing written: row counts unchanged), preview writing nothing, presets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportResult, LinesPage, PresetOut, PreviewResult } from '../../../shared/contract-banking';
import { fixture } from './helpers';
import { b64, bankEnv, closeEnv, csv, importCsv, snapshot, type BankEnv } from './ledger-helpers';

let b: BankEnv | undefined;
afterEach(() => closeEnv(b));

const MARCH = csv([
  ['2026-04-02', 'COUNCIL PAYMENT', '500.00'],
  ['2026-04-03', 'BRIGHT CARE', '-120.00'],
  ['2026-04-03', 'BRIGHT CARE', '-120.00'],
  ['2026-04-04', 'BANK CHARGE', '-5.00'],
]);

describe('bank.import: de-duplication', () => {
  it('imports every line once; two identical payments on one day both get through', async () => {
    b = await bankEnv();
    const r = await importCsv(b, b.pooled.id, MARCH);
    expect(r.errors).toEqual([]);
    expect(r.imported).toBe(4);
    expect(r.skipped).toEqual([]);
    expect(r.importId).toBeGreaterThan(0);
    const page = await b.env.call<LinesPage>('bank.lines', { bankAccountId: b.pooled.id });
    expect(page.total).toBe(4);
    expect(page.rows.filter((l) => l.amount === -12_000)).toHaveLength(2);
    expect(page.rows.every((l) => l.status === 'unmatched')).toBe(true);
  });

  it('re-importing the same statement imports nothing and lists each skipped line with why', async () => {
    b = await bankEnv();
    await importCsv(b, b.pooled.id, MARCH);
    const before = snapshot(b.db);
    const again = await importCsv(b, b.pooled.id, MARCH);
    expect(again.imported).toBe(0);
    expect(again.skipped.map((s) => s.line)).toEqual([2, 3, 4, 5]);
    expect(again.skipped.every((s) => /already imported/.test(s.reason) && typeof s.existingLineId === 'number')).toBe(true);
    expect(snapshot(b.db).bank_lines).toBe(before.bank_lines);
  });

  it('an overlapping statement imports only the new lines', async () => {
    b = await bankEnv();
    await importCsv(b, b.pooled.id, MARCH);
    const overlap = csv([
      ['2026-04-03', 'BRIGHT CARE', '-120.00'],
      ['2026-04-03', 'BRIGHT CARE', '-120.00'],
      ['2026-04-04', 'BANK CHARGE', '-5.00'],
      ['2026-04-05', 'COUNCIL PAYMENT', '500.00'],
    ]);
    const r = await importCsv(b, b.pooled.id, overlap);
    expect(r.imported).toBe(1);
    expect(r.skipped).toHaveLength(3);
    expect((await b.env.call<LinesPage>('bank.lines', { bankAccountId: b.pooled.id })).total).toBe(5);
  });

  it('de-duplication is per bank account: the same file goes into another account', async () => {
    b = await bankEnv();
    await importCsv(b, b.pooled.id, MARCH);
    const r = await importCsv(b, b.catBank, MARCH);
    expect(r.imported).toBe(4);
  });

  it('OFX: the bank transaction id is the key; a second import skips by id', async () => {
    b = await bankEnv();
    const first = await b.env.call<ImportResult>('bank.import', { bankAccountId: b.catBank, fileName: 'x.ofx', base64: b64(fixture('statement-sgml.ofx')) });
    expect(first.format).toBe('ofx');
    expect(first.imported).toBeGreaterThan(0);
    const again = await b.env.call<ImportResult>('bank.import', { bankAccountId: b.catBank, fileName: 'x.ofx', base64: b64(fixture('statement-sgml.ofx')) });
    expect(again.imported).toBe(0);
    expect(again.skipped[0]!.reason).toMatch(/bank transaction id/);
  });

  it('records the import and audits it', async () => {
    b = await bankEnv();
    const r = await importCsv(b, b.pooled.id, MARCH, 'april.csv');
    const imports = await b.env.call<Array<{ id: number; fileName: string; imported: number }>>('bank.imports', { bankAccountId: b.pooled.id });
    expect(imports).toEqual([expect.objectContaining({ id: r.importId, fileName: 'april.csv', imported: 4 })]);
    const audit = await b.env.call<Array<{ action: string; entity: string }>>('audit.list', { entity: 'bank_import' });
    expect(audit[0]).toMatchObject({ action: 'import', entity: 'bank_import' });
  });
});

describe('bank.import: all or nothing', () => {
  it('a bad date names the line and column, and nothing is written', async () => {
    b = await bankEnv();
    const before = snapshot(b.db);
    const bad = csv([
      ['2026-04-02', 'COUNCIL PAYMENT', '500.00'],
      ['31/02/2026', 'BRIGHT CARE', '-120.00'],
    ]);
    const r = await importCsv(b, b.pooled.id, bad);
    expect(r.importId).toBeNull();
    expect(r.imported).toBe(0);
    expect(r.errors[0]).toMatchObject({ line: 3, column: 'Date', code: 'bad_date' });
    expect(snapshot(b.db)).toEqual(before);
  });

  it('a bad amount names the line and column', async () => {
    b = await bankEnv();
    const r = await importCsv(b, b.pooled.id, csv([['2026-04-02', 'X', '12.3.4']]));
    expect(r.errors[0]).toMatchObject({ line: 2, column: 'Amount', code: 'bad_amount' });
  });

  it('a wrong mapping (missing column) is refused clearly, nothing written', async () => {
    b = await bankEnv();
    const before = snapshot(b.db);
    const r = await b.env.call<ImportResult>('bank.import', {
      bankAccountId: b.pooled.id,
      fileName: 's.csv',
      base64: b64(MARCH),
      mapping: { date: 'Date', amount: 'Value', description: ['Description'] },
    });
    expect(r.errors[0]!.code).toBe('header_not_found');
    expect(r.errors[0]!.message).toMatch(/Value/);
    expect(snapshot(b.db)).toEqual(before);
  });

  it('unknown bank account, unknown preset, and bad base64 are refused', async () => {
    b = await bankEnv();
    await expect(importCsv(b, 999, MARCH)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.env.call('bank.import', { bankAccountId: b.pooled.id, fileName: 's.csv', base64: b64(MARCH), preset: 'nosuchbank' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.env.call('bank.import', { bankAccountId: b.pooled.id, fileName: 's.csv', base64: '@@@@' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('bank.preview and presets', () => {
  it('previews rows, totals and duplicates without writing', async () => {
    b = await bankEnv();
    const before = snapshot(b.db);
    const p = await b.env.call<PreviewResult>('bank.preview', { bankAccountId: b.pooled.id, fileName: 's.csv', base64: b64(MARCH), preset: 'generic', limit: 2 });
    expect(p.ok).toBe(true);
    expect(p.total).toBe(4);
    expect(p.lines).toHaveLength(2);
    expect(p.totalIn).toBe(50_000);
    expect(p.totalOut).toBe(24_500);
    expect(p.duplicates).toBe(0);
    expect(p.csvRows[0]!.cells).toEqual(['Date', 'Description', 'Amount', 'Balance']);
    expect(snapshot(b.db)).toEqual(before);
    await importCsv(b, b.pooled.id, MARCH);
    const again = await b.env.call<PreviewResult>('bank.preview', { bankAccountId: b.pooled.id, fileName: 's.csv', base64: b64(MARCH) });
    expect(again.duplicates).toBe(4);
    expect(again.preset).toBe('generic');
  });

  it('preview of a broken file returns the errors and the raw rows for mapping', async () => {
    b = await bankEnv();
    const p = await b.env.call<PreviewResult>('bank.preview', { bankAccountId: b.pooled.id, fileName: 's.csv', base64: b64('When,What,How much\n02/04/2026,x,1.00\n') });
    expect(p.ok).toBe(false);
    expect(p.errors[0]!.code).toBe('no_mapping');
    expect(p.csvRows[0]!.cells).toEqual(['When', 'What', 'How much']);
    // What it sniffed is returned with the errors: the format and encoding, no preset recognised.
    expect(p.format).toBe('csv');
    expect(p.encoding).toBe('utf-8');
    expect(p.preset).toBeNull();
  });

  it('preview of a file that fails on a row still returns the sniffed format, encoding and recognised preset', async () => {
    b = await bankEnv();
    const bad = csv([
      ['2026-04-02', 'COUNCIL PAYMENT', '500.00'],
      ['2026-04-03', 'BRIGHT CARE', 'lots'],
    ]);
    const p = await b.env.call<PreviewResult>('bank.preview', { bankAccountId: b.pooled.id, fileName: 's.csv', base64: b64(bad) });
    expect(p.ok).toBe(false);
    expect(p.errors.length).toBeGreaterThan(0);
    expect(p).toMatchObject({ format: 'csv', encoding: 'utf-8', preset: 'generic', lines: [], total: 0 });
    const win = await b.env.call<PreviewResult>('bank.preview', { bankAccountId: b.pooled.id, fileName: 's.csv', base64: b64(new Uint8Array([...Buffer.from('When,What,How much\n02/04/2026,caf'), 0xe9, ...Buffer.from(',1.00\n')])) });
    expect(win).toMatchObject({ ok: false, format: 'csv', preset: null });
    expect(win.encoding).not.toBeNull();
    expect(win.encoding).not.toBe('utf-8');
    const ofx = await b.env.call<PreviewResult>('bank.preview', { bankAccountId: b.pooled.id, fileName: 's.ofx', base64: b64('OFXHEADER:100\nDATA:OFXSGML\n<OFX><BANKTRANLIST><STMTTRN><TRNAMT>x</STMTTRN></BANKTRANLIST></OFX>\n') });
    expect(ofx).toMatchObject({ ok: false, format: 'ofx', encoding: 'utf-8', preset: null });
  });

  it('a saved preset is listed and usable by name', async () => {
    b = await bankEnv();
    await b.env.call('bank.savePreset', { name: 'Our CU', mapping: { date: 'When', amount: 'How much', description: ['What'] } });
    const presets = await b.env.call<PresetOut[]>('bank.presets');
    expect(presets.find((p) => p.name === 'Our CU')).toMatchObject({ builtIn: false });
    expect(presets.filter((p) => p.builtIn).length).toBeGreaterThanOrEqual(10);
    const r = await b.env.call<ImportResult>('bank.import', { bankAccountId: b.pooled.id, fileName: 's.csv', base64: b64('When,What,How much\n02/04/2026,x,1.00\n'), preset: 'our cu' });
    expect(r.imported).toBe(1);
    await expect(b.env.call('bank.savePreset', { name: 'lloyds', mapping: { date: 'a', amount: 'b', description: ['c'] } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('bank.importMany', () => {
  it('imports several statements as one; one unreadable file means nothing is written', async () => {
    b = await bankEnv();
    const good = (bankAccountId: number) => ({ bankAccountId, fileName: 's.csv', base64: b64(MARCH), preset: 'generic' });
    const before = snapshot(b.db);
    const bad = { bankAccountId: b.catBank, fileName: 'bad.csv', base64: b64(csv([['2026-13-01', 'X', '1.00']])), preset: 'generic' };
    const refused = await b.env.call<{ ok: boolean; results: ImportResult[] }>('bank.importMany', { files: [good(b.pooled.id), bad] });
    expect(refused.ok).toBe(false);
    expect(refused.results.map((r) => [r.importId, r.imported, r.errors.length])).toEqual([
      [null, 0, 0],
      [null, 0, 1],
    ]);
    expect(refused.results[1]!.errors[0]).toMatchObject({ line: 2, column: 'Date' });
    expect(snapshot(b.db)).toEqual(before);
    const done = await b.env.call<{ ok: boolean; results: ImportResult[] }>('bank.importMany', { files: [good(b.pooled.id), good(b.catBank)] });
    expect(done.ok).toBe(true);
    expect(done.results.map((r) => r.imported)).toEqual([4, 4]);
  });
});

