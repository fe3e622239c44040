import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintAll, normaliseDescription, parseStatement, type BankLine } from '../../../main/banking';
import { expectOk, utf8 } from './helpers';

const mapping = { date: 'Date', description: ['Description'], amount: 'Amount', balance: 'Balance' };
const csv = (rows: string[]): Uint8Array => utf8(['Date,Description,Amount,Balance', ...rows].join('\n'));
const keysOf = (rows: string[]): string[] => fingerprintAll(expectOk(parseStatement(csv(rows), { mapping })).lines);

// A month of lines with a running balance, including two identical £4.50 payments on 05/03.
const month = [
  '01/03/2026,COUNCIL DP,1000.00,1000.00',
  '03/03/2026,PA WAGES,-250.00,750.00',
  '05/03/2026,BUS FARE,-4.50,745.50',
  '05/03/2026,BUS FARE,-4.50,741.00',
  '09/03/2026,GREENGROCER,-12.30,728.70',
  '12/03/2026,PA WAGES,-250.00,478.70',
  '20/03/2026,REFUND,5.00,483.70',
];

describe('de-duplication fingerprints', () => {
  it('two genuinely identical payments on one day in one statement both get through', () => {
    const keys = keysOf(month);
    expect(new Set(keys).size).toBe(month.length);
    // without a running balance too: the occurrence index tells them apart
    const noBalance = month.map((r) => r.replace(/,[^,]*$/, ','));
    const k2 = keysOf(noBalance);
    expect(new Set(k2).size).toBe(month.length);
  });

  it('importing the same statement again gives the same keys', () => {
    expect(keysOf(month)).toEqual(keysOf([...month]));
  });

  it('an overlapping statement gives the same keys for the shared lines, new keys for the rest', () => {
    const first = keysOf(month.slice(0, 5));
    const second = keysOf(month.slice(2));
    const shared = second.filter((k) => first.includes(k));
    expect(shared).toEqual(keysOf(month).slice(2, 5));
    expect(second.filter((k) => !first.includes(k))).toHaveLength(2);
  });

  it('the bank id is the key when there is one', () => {
    const line: BankLine = { date: '2026-03-01', amount: 100, description: 'x', reference: null, bankTransactionId: 'FIT-9', runningBalance: null, sourceLine: 2 };
    expect(fingerprint(line, 0)).toBe('id:FIT-9');
    expect(fingerprint(line, 3)).toBe('id:FIT-9');
    expect(fingerprint({ ...line, bankTransactionId: null }, 0)).toMatch(/^fp1:[0-9a-f]{64}$/);
  });

  it('descriptions are compared after normalising case, spacing and punctuation', () => {
    expect(normaliseDescription('  Tesco  Stores-1234 ')).toBe('TESCO STORES 1234');
    const base = { date: '2026-03-01', amount: -100, runningBalance: null, bankTransactionId: null };
    expect(fingerprint({ ...base, description: 'Tesco  stores' }, 0)).toBe(fingerprint({ ...base, description: 'TESCO STORES' }, 0));
    expect(fingerprint({ ...base, description: 'TESCO STORES' }, 0)).not.toBe(fingerprint({ ...base, description: 'TESCO STORES' }, 1));
    expect(fingerprint({ ...base, description: 'TESCO STORES' }, 0)).not.toBe(fingerprint({ ...base, description: 'TESCO STORES', amount: -101 }, 0));
  });

  it('the documented limit: no balance, no id, and a statement that starts between two identical payments', () => {
    const noBalance = month.map((r) => r.replace(/,[^,]*$/, ','));
    const first = keysOf(noBalance.slice(0, 4)); // holds both BUS FARE lines
    const second = keysOf(noBalance.slice(3)); // holds only the second one
    // The second BUS FARE is occurrence 0 in the later statement, so it takes the first one's key:
    expect(second[0]).toBe(first[2]);
    // With a running balance the two differ and nothing is lost:
    expect(keysOf(month.slice(3))[0]).toBe(keysOf(month)[3]);
  });
});
