import { describe, expect, it } from 'vitest';
import { parseStatement, presetMapping, previewCsv, PRESETS, PRESET_NAMES, sniffFormat, type CsvMapping } from '../../../main/banking';
import { expectFail, expectOk, fixture, utf8 } from './helpers';

const simple: CsvMapping = { date: 'Date', description: ['Description'], amount: 'Amount', balance: 'Balance' };

describe('CSV statements with presets', () => {
  it('each bank preset reads its fixture, and the preset is recognised from the header', () => {
    const cases: [string, string, number, number][] = [
      // file, preset, lines, total pence
      ['barclays.csv', 'barclays', 4, -4520 + 125000 - 1200 - 123456],
      ['lloyds.csv', 'lloyds', 3, -2340 + 100000 - 3115],
      ['natwest.csv', 'natwest', 3, -12000 + 250000 - 550],
      ['santander.csv', 'santander', 2, -3115 + 100000],
      ['nationwide-1252.csv', 'nationwide', 3, -1240 + 100000 - 320],
      ['monzo.csv', 'monzo', 2, -899 + 125000],
      ['starling.csv', 'starling', 2, -64000 + 100000],
    ];
    for (const [file, preset, n, total] of cases) {
      for (const opts of [{ preset }, {}]) {
        const r = expectOk(parseStatement(fixture(file), opts));
        expect(r.format, file).toBe('csv');
        expect(r.preset, file).toBe(preset);
        expect(r.lines.length, file).toBe(n);
        expect(r.lines.reduce((a, l) => a + l.amount, 0), file).toBe(total);
      }
    }
  });

  it('HSBC (no header row) needs its preset named; Halifax shares the Lloyds layout', () => {
    expectFail(parseStatement(fixture('hsbc.csv')));
    const r = expectOk(parseStatement(fixture('hsbc.csv'), { preset: 'hsbc' }));
    expect(r.lines.map((l) => [l.date, l.amount, l.description])).toEqual([
      ['2026-03-02', -123456, 'CARE AGENCY EXAMPLE LTD'],
      ['2026-03-03', 250000, 'EXAMPLE COUNCIL DP'],
      ['2026-03-04', -899, 'GREENGROCER'],
    ]);
    expect(expectOk(parseStatement(fixture('lloyds.csv'), { preset: 'halifax' })).lines).toHaveLength(3);
  });

  it('Nationwide: Windows-1252 £, preamble lines noted, paid-out/paid-in columns, "12 Mar 2026" dates', () => {
    const r = expectOk(parseStatement(fixture('nationwide-1252.csv')));
    expect(r.encoding).toBe('windows-1252');
    expect(r.lines[0]).toEqual({ date: '2026-03-02', amount: -1240, description: 'Payment to PAGE AND SPINE BOOKS', reference: null, bankTransactionId: null, runningBalance: 98760, sourceLine: 6 });
    expect(r.lines[1]?.amount).toBe(100000);
    expect(r.lines[2]?.description).toBe('Direct debit CAFÉ “EXAMPLE”');
    expect(r.skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'preamble before the header row'],
      [2, 'preamble before the header row'],
      [3, 'preamble before the header row'],
    ]);
  });

  it('Monzo keeps the bank id; Starling keeps the reference', () => {
    const m = expectOk(parseStatement(fixture('monzo.csv')));
    expect(m.lines[0]).toMatchObject({ bankTransactionId: 'tx_0000EXAMPLE0001', description: 'Greengrocer', amount: -899 });
    const s = expectOk(parseStatement(fixture('starling.csv')));
    expect(s.lines[0]).toMatchObject({ reference: 'INV 0042', runningBalance: 36000 });
  });

  it('UTF-8 BOM, preamble, quoted fields over two lines, every date and amount form, trailing summary lines skipped with a note', () => {
    const r = expectOk(parseStatement(fixture('generic-bom.csv')));
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.lines.map((l) => [l.sourceLine, l.date, l.amount, l.description, l.runningBalance])).toEqual([
      [5, '2026-03-02', -25000, 'PA WAGES, WEEK 1', 75000],
      [6, '2026-03-12', 100000, 'Quoted "name" here', 175000],
      [7, '2026-03-13', -1250, 'Two-line description', 173750],
      [9, '2026-03-14', 500, 'Refund', 174250],
    ]);
    expect(r.skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'preamble before the header row'],
      [2, 'preamble before the header row'],
      [10, 'a summary line, not a transaction'],
      [11, 'a summary line, not a transaction'],
    ]);
  });

  it('presets are data, selectable by name, each marked verified or not', () => {
    expect(PRESET_NAMES).toEqual(expect.arrayContaining(['barclays', 'hsbc', 'lloyds', 'natwest', 'santander', 'nationwide', 'monzo', 'starling']));
    for (const name of PRESET_NAMES) expect(typeof PRESETS[name].verified).toBe('boolean');
    const m = presetMapping('lloyds');
    m.description.push('Sort Code');
    expect(PRESETS.lloyds.mapping.description).toEqual(['Transaction Description']); // a copy, not the preset
    expectFail(parseStatement(utf8('Date,Amount\n'), { preset: 'no-such-bank' }));
  });
});

describe('CSV column mapping', () => {
  it('by name (any case, spaces trimmed) or by zero-based index, joined description columns, id and reference', () => {
    const text = 'junk line\n  DATE ,Payee,Memo,Amt,Ref,Txn\n01/02/2026,Acme,March,-1.50,R1,T1\n';
    const r = expectOk(parseStatement(utf8(text), { mapping: { date: 'date', description: ['Payee', 2], amount: 3, reference: 'ref', id: 'TXN' } }));
    expect(r.lines).toEqual([{ date: '2026-02-01', amount: -150, description: 'Acme March', reference: 'R1', bankTransactionId: 'T1', runningBalance: null, sourceLine: 3 }]);
    expect(r.skipped).toEqual([{ line: 1, reason: 'preamble before the header row', text: 'junk line' }]);
  });

  it('an explicit header row and an explicit date format', () => {
    const text = 'Date,Description,Amount\nDate,Description,Amount\n1/2/26,x,1\n';
    const r = expectOk(parseStatement(utf8(text), { mapping: { ...simple, balance: undefined, headerRow: 2, dateFormat: 'd/m/yy' } }));
    expect(r.lines.map((l) => l.date)).toEqual(['2026-02-01']);
    expect(r.skipped[0]?.line).toBe(1);
  });

  it('paid-in and paid-out columns: sign from the column, both on one row is an error', () => {
    const mapping: CsvMapping = { date: 'Date', description: ['Desc'], paidIn: 'In', paidOut: 'Out' };
    const ok = expectOk(parseStatement(utf8('Date,Desc,In,Out\n01/01/2026,a,10.00,\n02/01/2026,b,,£5.00\n03/01/2026,c,0.00,2.00\n'), { mapping }));
    expect(ok.lines.map((l) => l.amount)).toEqual([1000, -500, -200]);
    const bad = expectFail(parseStatement(utf8('Date,Desc,In,Out\n01/01/2026,a,10.00,\n02/01/2026,b,1.00,2.00\n'), { mapping }));
    expect(bad.errors).toEqual([{ line: 3, column: 'In / Out', code: 'both_amounts', message: expect.stringContaining('both') }]);
    const none = expectFail(parseStatement(utf8('Date,Desc,In,Out\n02/01/2026,b,,\n'), { mapping }));
    expect(none.errors[0]).toMatchObject({ line: 2, column: 'In', code: 'missing_amount' });
  });

  it('invertAmount for exports where positive means spent', () => {
    const r = expectOk(parseStatement(utf8('Date,Description,Amount\n01/01/2026,shop,12.00\n'), { mapping: { date: 'Date', description: ['Description'], amount: 'Amount', invertAmount: true } }));
    expect(r.lines[0]?.amount).toBe(-1200);
  });

  it('a wrong mapping is a clear error, before any row is read', () => {
    const text = utf8('Date,Description,Amount\n01/01/2026,x,1\n');
    expect(expectFail(parseStatement(text, { mapping: { date: 'Date', description: ['Description'] } })).errors[0]).toMatchObject({ code: 'bad_mapping', line: 0 });
    expect(expectFail(parseStatement(text, { mapping: { date: 'Date', description: ['Description'], amount: 'Amount', paidIn: 'In' } })).errors[0]?.code).toBe('bad_mapping');
    expect(expectFail(parseStatement(text, { mapping: { date: 'Date', description: ['Description'], amount: 'Value' } })).errors[0]).toMatchObject({ code: 'header_not_found', line: 1 });
    expect(expectFail(parseStatement(text, { mapping: { date: 'Date', description: ['Description'], amount: 'Value', headerRow: 1 } })).errors[0]).toEqual({ line: 1, column: 'Value', code: 'missing_column', message: 'the header row has no column "Value"' });
    expect(expectFail(parseStatement(text, { mapping: { date: 'Date', description: ['Description'], amount: 7 } })).errors[0]).toMatchObject({ code: 'missing_column', column: 'column 8' });
    expect(expectFail(parseStatement(text)).errors[0]?.code).toBe('no_mapping');
  });
});

describe('CSV errors name the line and column, and nothing is returned', () => {
  const file = (rows: string[]): Uint8Array => utf8(['Date,Description,Amount,Balance', ...rows].join('\r\n') + '\r\n');
  const good = '01/03/2026,ok,1.00,1.00';

  it('an impossible date', () => {
    const r = expectFail(parseStatement(file([good, good, '31/02/2026,bad,1.00,2.00', good]), { mapping: simple }));
    expect(r.errors).toEqual([{ line: 4, column: 'Date', code: 'bad_date', message: expect.stringContaining('day 31 does not exist') }]);
  });

  it('an amount that is not an amount, a balance that is not one, a missing amount', () => {
    const r = expectFail(parseStatement(file([good, '02/03/2026,x,12.3.4,1.00', '03/03/2026,y,1.00,abc', '04/03/2026,z,,1.00']), { mapping: simple }));
    expect(r.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'Amount', 'bad_amount'],
      [4, 'Balance', 'bad_balance'],
      [5, 'Amount', 'missing_amount'],
    ]);
  });

  it('a row with an amount but a garbled or missing date is an error, not a skipped line', () => {
    const r = expectFail(parseStatement(file([good, 'x1/03/2026,y,1.00,1.00', ',z,2.00,3.00']), { mapping: simple }));
    expect(r.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'Date', 'bad_date'],
      [4, 'Date', 'missing_date'],
    ]);
  });

  it('an unclosed quote names its line', () => {
    const r = expectFail(parseStatement(file([good, '02/03/2026,"never closed,1.00,1.00', good]), { mapping: simple }));
    expect(r.errors).toEqual([{ line: 3, column: null, code: 'bad_csv', message: expect.stringContaining('never closed') }]);
  });

  it('errors stop at a limit but the file is refused either way', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `3${i % 10}/02/2026,x,1.00,1.00`);
    const r = expectFail(parseStatement(file(rows), { mapping: simple }));
    expect(r.errors.length).toBeLessThanOrEqual(51);
    expect(r.errors.at(-1)?.code).toBe('too_many_errors');
  });
});

describe('helpers for the mapping step', () => {
  it('previewCsv shows the first rows as cells; sniffFormat tells the formats apart', () => {
    const p = previewCsv(fixture('nationwide-1252.csv'), 6);
    expect(p.encoding).toBe('windows-1252');
    expect(p.rows[1]).toEqual({ line: 2, cells: ['Account Balance:', '£1,252.70'] });
    expect(p.rows[5]?.cells[0]).toBe('02 Mar 2026');
    expect(sniffFormat('!Type:Bank\n')).toBe('qif');
    expect(sniffFormat('OFXHEADER:100\n')).toBe('ofx');
    expect(sniffFormat('<?xml version="1.0"?>\n<?OFX OFXHEADER="200"?>')).toBe('ofx');
    expect(sniffFormat('Date,Amount\n')).toBe('csv');
  });

  it('a headerless mapping skips a header line it meets, with a note', () => {
    const r = expectOk(parseStatement(utf8('Date,Description,Amount\n01/01/2026,x,1.00\n'), { preset: 'hsbc' }));
    expect(r.lines).toHaveLength(1);
    expect(r.skipped).toEqual([{ line: 1, reason: 'a repeated header row', text: 'Date,Description,Amount' }]);
  });

  it('rows run together (a lost line break) or cut short are errors, not lost rows', () => {
    const mapping: CsvMapping = { date: 'Date', description: ['Description'], amount: 'Amount', balance: 'Balance' };
    const merged = expectFail(parseStatement(utf8('Date,Description,Amount,Balance\n01/01/2026,a,1.00,1.00,02/01/2026,b,2.00,3.00\n'), { mapping }));
    expect(merged.errors[0]).toMatchObject({ line: 2, code: 'bad_csv' });
    const short = expectFail(parseStatement(utf8('Date,Description,Amount,Balance\n01/01/2026,a,1.00\n'), { mapping }));
    expect(short.errors[0]).toMatchObject({ line: 2, code: 'bad_csv' });
    // trailing empty cells are fine
    expect(expectOk(parseStatement(utf8('Date,Description,Amount,Balance\n01/01/2026,a,1.00,1.00,,\n'), { mapping })).lines).toHaveLength(1);
  });
});
