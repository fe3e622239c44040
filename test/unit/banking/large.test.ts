import { describe, expect, it } from 'vitest';
import { fingerprintAll, parseStatement, penceToText } from '../../../main/banking';
import { expectOk, utf8 } from './helpers';

describe('a large statement', () => {
  it('reads 50,000 CSV lines exactly (time printed, not asserted)', () => {
    const N = 50_000;
    let seed = 20260312;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const rows: string[] = ['Account Name:,EXAMPLE POOLED ACCOUNT', '', 'Date,Type,Description,Paid out,Paid in,Balance'];
    const amounts: number[] = [];
    let balance = 0;
    const start = Date.UTC(2020, 0, 1);
    for (let i = 0; i < N; i++) {
      const pence = Math.floor(rand() * 200_000) - 100_000 || 1;
      amounts.push(pence);
      balance += pence;
      const d = new Date(start + Math.floor(i / 20) * 86_400_000).toISOString().slice(0, 10).split('-');
      const date = `${d[2]}/${d[1]}/${d[0]}`;
      const cell = `"£${penceToText(Math.abs(pence)).replace(/\B(?=(\d{3})+\.)/g, ',')}"`;
      rows.push([date, i % 3 === 0 ? 'DD' : 'FPO', `"CLIENT ${i % 500}, PAYMENT ${i}"`, pence < 0 ? cell : '', pence > 0 ? cell : '', penceToText(balance)].join(','));
    }
    rows.push(',Closing balance,,,,' + penceToText(balance));
    const bytes = utf8(rows.join('\r\n') + '\r\n');
    const t0 = performance.now();
    const r = expectOk(parseStatement(bytes, { mapping: { date: 'Date', description: ['Description'], reference: 'Type', paidOut: 'Paid out', paidIn: 'Paid in', balance: 'Balance', dateFormat: 'dd/mm/yyyy' } }));
    const t1 = performance.now();
    const keys = fingerprintAll(r.lines);
    const t2 = performance.now();
    console.log(`50,000 CSV lines (${(bytes.length / 1e6).toFixed(1)} MB): parsed in ${(t1 - t0).toFixed(0)} ms, fingerprinted in ${(t2 - t1).toFixed(0)} ms`);
    expect(r.lines).toHaveLength(N);
    expect(r.lines.reduce((a, l) => a + l.amount, 0)).toBe(amounts.reduce((a, b) => a + b, 0));
    expect(r.lines.at(-1)?.runningBalance).toBe(balance);
    for (let i = 0; i < N; i += 997) {
      expect(r.lines[i]?.amount).toBe(amounts[i]);
      expect(r.lines[i]?.description).toBe(`CLIENT ${i % 500}, PAYMENT ${i}`);
      expect(r.lines[i]?.sourceLine).toBe(i + 4);
    }
    expect(new Set(keys).size).toBe(N);
    expect(r.skipped.map((s) => s.reason)).toEqual(['preamble before the header row', 'a summary line, not a transaction']);
  });
});
