import { describe, expect, it } from 'vitest';
import { parseTaxCode } from '../../../main/payroll/tax-code';
import { PayrollInputError } from '../../../main/payroll/calendar';

describe('parseTaxCode', () => {
  it.each([
    ['1257L', { kind: 'allowance', region: 'rUK', allowance: 1257, suffix: 'L', week1Month1: false }],
    ['1257M', { kind: 'allowance', region: 'rUK', allowance: 1257, suffix: 'M', week1Month1: false }],
    ['1131N', { kind: 'allowance', region: 'rUK', allowance: 1131, suffix: 'N', week1Month1: false }],
    ['0T', { kind: 'allowance', region: 'rUK', allowance: 0, suffix: 'T', week1Month1: false }],
    ['s1257l', { kind: 'allowance', region: 'scotland', allowance: 1257, suffix: 'L', week1Month1: false }],
    ['C1257L', { kind: 'allowance', region: 'wales', allowance: 1257, suffix: 'L', week1Month1: false }],
    ['1257L W1', { kind: 'allowance', region: 'rUK', week1Month1: true }],
    ['1257L M1', { kind: 'allowance', region: 'rUK', week1Month1: true }],
    ['1257LX', { kind: 'allowance', region: 'rUK', week1Month1: true }],
    ['1257L W1/M1', { kind: 'allowance', region: 'rUK', week1Month1: true }],
    [' S1257L  M1 ', { kind: 'allowance', region: 'scotland', week1Month1: true }],
    ['K475', { kind: 'k', region: 'rUK', addition: 475, week1Month1: false }],
    ['SK585', { kind: 'k', region: 'scotland', addition: 585 }],
    ['CK12 W1', { kind: 'k', region: 'wales', addition: 12, week1Month1: true }],
    ['BR', { kind: 'flat', region: 'rUK', code: 'BR' }],
    ['D0', { kind: 'flat', region: 'rUK', code: 'D0' }],
    ['D1', { kind: 'flat', region: 'rUK', code: 'D1' }],
    ['SBR', { kind: 'flat', region: 'scotland', code: 'SBR' }],
    ['SD0', { kind: 'flat', region: 'scotland', code: 'SD0' }],
    ['SD3', { kind: 'flat', region: 'scotland', code: 'SD3' }],
    ['CBR', { kind: 'flat', region: 'wales', code: 'CBR' }],
    ['CD0', { kind: 'flat', region: 'wales', code: 'CD0' }],
    ['BR M1', { kind: 'flat', code: 'BR', week1Month1: true }],
    ['NT', { kind: 'nt', region: 'rUK' }],
  ] as const)('%s', (text, expected) => {
    expect(parseTaxCode(text)).toMatchObject(expected);
  });

  it.each(['', '1257', 'L', 'D2', 'CD2', 'SD4', 'SNT', 'K0', '1257Q', '1257M1', 'XBR', '1257L W2'])('refuses %j', (text) => {
    expect(() => parseTaxCode(text)).toThrow(PayrollInputError);
  });
});
