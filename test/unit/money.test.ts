import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPence, parseAmount, pence, penceToDecimal } from '../../shared/money';

describe('money', () => {
  it('parses the ways people write amounts', () => {
    expect(parseAmount('1234.56')).toBe(123456);
    expect(parseAmount('£1,234.56')).toBe(123456);
    expect(parseAmount(' £5 ')).toBe(500);
    expect(parseAmount('0.5')).toBe(50);
    expect(parseAmount('.07')).toBe(7);
    expect(parseAmount('-£12.30')).toBe(-1230);
    expect(parseAmount('£-12.30')).toBe(-1230);
    expect(parseAmount('(12.30)')).toBe(-1230);
    expect(parseAmount('1,000,000')).toBe(100_000_000);
  });

  it('refuses what is not an amount, with a message', () => {
    for (const bad of ['', '£', 'abc', '1.234', '1,23.00', '12,34', '--5', '1e5', '£1.2.3', 'NaN', '0x10']) {
      expect(() => parseAmount(bad), bad).toThrow(/amount|minus|large/);
    }
  });

  it('formats pence as pounds', () => {
    expect(formatPence(pence(123456))).toBe('£1,234.56');
    expect(formatPence(pence(-5))).toBe('-£0.05');
    expect(formatPence(pence(0))).toBe('£0.00');
    expect(penceToDecimal(pence(-123456))).toBe('-1234.56');
    expect(() => pence(1.5)).toThrow();
  });

  it('format then parse is the identity for every safe amount of pence', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (n) => {
        expect(parseAmount(formatPence(pence(n)))).toBe(n);
        expect(parseAmount(penceToDecimal(pence(n)))).toBe(n);
      }),
      { numRuns: 2000, seed: 20260406 },
    );
  });
});
