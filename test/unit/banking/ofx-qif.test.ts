import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../main/banking';
import { expectFail, expectOk, fixture, utf8 } from './helpers';

const expected = [
  { date: '2026-03-02', amount: -4520, description: 'GREENGROCER HIGH ST', reference: null, bankTransactionId: '202603020001', runningBalance: null },
  { date: '2026-03-03', amount: 125000, description: 'EXAMPLE COUNCIL & PARTNERS', reference: null, bankTransactionId: '202603030001', runningBalance: null },
  { date: '2026-03-04', amount: -10000, description: 'CHEQUE', reference: '000123', bankTransactionId: '202603040001', runningBalance: null },
];
const strip = <T extends { sourceLine: number }>(ls: T[]): Omit<T, 'sourceLine'>[] => ls.map(({ sourceLine: _s, ...rest }) => rest);

const sgml = (trns: string): Uint8Array =>
  utf8(`OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>\n${trns}\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n`);

describe('OFX and QFX', () => {
  it('OFX 1.x SGML (no closing tags on leaf elements), OFX 2.x XML and QFX give the same lines', () => {
    for (const f of ['statement-sgml.ofx', 'statement-xml.ofx', 'statement.qfx']) {
      const r = expectOk(parseStatement(fixture(f)));
      expect(r.format, f).toBe('ofx');
      expect(strip(r.lines), f).toEqual(expected);
    }
    expect(expectOk(parseStatement(fixture('statement-sgml.ofx'))).lines.map((l) => l.sourceLine)).toEqual([39, 47, 54]);
  });

  it('a bad TRNAMT or DTPOSTED names the line and the tag', () => {
    const r = expectFail(parseStatement(sgml('<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>20260231\n<TRNAMT>-1.00\n<FITID>1\n</STMTTRN>\n<STMTTRN>\n<DTPOSTED>20260301\n<TRNAMT>12..0\n</STMTTRN>')));
    expect(r.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [9, 'DTPOSTED', 'bad_date'],
      [15, 'TRNAMT', 'bad_amount'],
    ]);
  });

  it('missing amount or date, an unclosed transaction, a cut-short file, two accounts: refused', () => {
    expect(expectFail(parseStatement(sgml('<STMTTRN>\n<DTPOSTED>20260301\n</STMTTRN>'))).errors[0]).toMatchObject({ column: 'TRNAMT', code: 'missing_amount', line: 7 });
    expect(expectFail(parseStatement(sgml('<STMTTRN>\n<TRNAMT>1\n</STMTTRN>'))).errors[0]).toMatchObject({ column: 'DTPOSTED', code: 'missing_date' });
    expect(expectFail(parseStatement(sgml('<STMTTRN>\n<DTPOSTED>20260301\n<TRNAMT>1\n<STMTTRN>\n<DTPOSTED>20260301\n<TRNAMT>1\n</STMTTRN>'))).errors[0]).toMatchObject({ column: 'STMTTRN', code: 'bad_ofx', line: 7 });
    const whole = new TextDecoder().decode(fixture('statement-sgml.ofx'));
    expect(expectFail(parseStatement(utf8(whole.slice(0, whole.indexOf('</BANKTRANLIST>'))))).errors[0]?.message).toMatch(/cut short/);
    expect(expectFail(parseStatement(utf8(whole.replace('<STMTRS>', '<STMTRS><STMTRS>')))).errors[0]?.message).toMatch(/one account at a time/);
    expect(expectFail(parseStatement(utf8('hello'), { format: 'ofx' })).errors[0]?.code).toBe('bad_ofx');
  });

  it('a decimal comma in TRNAMT and entities in NAME', () => {
    const r = expectOk(parseStatement(sgml('<STMTTRN>\n<DTPOSTED>20260301\n<TRNAMT>-12,5\n<NAME>A &lt;B&gt; &#163;\n</STMTTRN>')));
    expect(r.lines[0]).toMatchObject({ amount: -1250, description: 'A <B> £', bankTransactionId: null });
  });

  it('a damaged <STMTTRN> tag refuses the file; a pending-transaction list does not count', () => {
    const two = '<STMTTRN>\n<DTPOSTED>20260301\n<TRNAMT>1\n</STMTTRN>\nSTMTTRN>\n<DTPOSTED>20260302\n<TRNAMT>2\n</STMTTRN>';
    expect(expectFail(parseStatement(sgml(two))).errors[0]?.message).toMatch(/damaged/);
    const pending = utf8(new TextDecoder().decode(sgml('<STMTTRN>\n<DTPOSTED>20260301\n<TRNAMT>1\n</STMTTRN>')).replace('</STMTRS>', '<BANKTRANLISTP><STMTTRNP><TRNAMT>5</STMTTRNP></BANKTRANLISTP></STMTRS>'));
    expect(expectOk(parseStatement(pending)).lines.map((l) => l.amount)).toEqual([100]);
  });

  it('a statement with no transactions is fine (nothing to import)', () => {
    expect(expectOk(parseStatement(sgml(''))).lines).toEqual([]);
  });
});

describe('QIF', () => {
  it('!Type:Bank with D, T/U, P, M, N and ^; UK dates including 4/ 3\'26', () => {
    const r = expectOk(parseStatement(fixture('statement-uk.qif')));
    expect(r.format).toBe('qif');
    expect(r.lines).toEqual([
      { date: '2026-03-02', amount: -4520, description: 'GREENGROCER HIGH ST', reference: null, bankTransactionId: null, runningBalance: null, sourceLine: 2 },
      { date: '2026-03-03', amount: 125000, description: 'EXAMPLE COUNCIL', reference: '000123', bankTransactionId: null, runningBalance: null, sourceLine: 7 },
      { date: '2026-03-04', amount: -1200, description: 'BUS FARE', reference: null, bankTransactionId: null, runningBalance: null, sourceLine: 13 },
    ]);
  });

  it('US month-first files need dateOrder mdy; read day-first they fail or differ', () => {
    const us = expectOk(parseStatement(fixture('statement-us.qif'), { dateOrder: 'mdy' }));
    expect(us.lines.map((l) => l.date)).toEqual(['2026-03-02', '2026-03-12']);
    const uk = parseStatement(fixture('statement-us.qif'));
    expect(uk.ok && uk.lines.map((l) => l.date)).toEqual(['2026-02-03', '2026-12-03']);
  });

  it('errors name the line and the field code', () => {
    const r = expectFail(parseStatement(utf8('!Type:Bank\nD31/02/2026\nT-1.00\n^\nD01/03/2026\nTtwelve\n^\nPno date\nT1\n^\n')));
    expect(r.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'D', 'bad_date'],
      [6, 'T', 'bad_amount'],
      [8, 'D', 'missing_date'],
    ]);
    expect(expectFail(parseStatement(utf8('!Type:Invst\nD01/01/2026\n^\n'))).errors[0]?.code).toBe('unsupported_qif_type');
    expect(expectFail(parseStatement(utf8('!Type:Bank\nD01/01/2026\nT1\nU2\n^\n'))).errors[0]).toMatchObject({ column: 'U', line: 4 });
    expect(expectFail(parseStatement(utf8('D01/01/2026\nT1\n^\n'), { format: 'qif' })).errors[0]?.code).toBe('bad_qif');
  });

  it('a last record without ^ still counts; !Account blocks are read past', () => {
    const r = expectOk(parseStatement(utf8('!Account\nNCurrent\nTBank\n^\n!Type:Bank\nD01/01/2026\nT1.00\nPX')));
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]?.description).toBe('X');
  });
});
