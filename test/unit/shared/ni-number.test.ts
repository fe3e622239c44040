/** shared/ni-number.ts: NI number format (HMRC NIM39110), pure. */
import { describe, expect, it } from 'vitest';
import { formatNiNumber, isValidNiNumber, niNumberProblem, normaliseNiNumber } from '../../../shared/ni-number';
import { NiNumber } from '../../../shared/contract-payroll';

describe('NI numbers', () => {
  it('accepts well-formed numbers, with or without spaces, in either case', () => {
    for (const ok of ['AB123456C', 'AB 12 34 56 C', 'ab123456c', ' JG 10 37 59 A ', 'CE000000D', 'OA123456B', 'ZY999999A', 'HW123456B', 'NA123456A', 'TA123456D', 'KA123456A', 'BA123456A', 'GA123456A']) {
      expect(niNumberProblem(ok), ok).toBeNull();
      expect(isValidNiNumber(ok), ok).toBe(true);
    }
  });

  it('refuses D, F, I, Q, U and V in either prefix letter', () => {
    for (const letter of 'DFIQUV') {
      expect(niNumberProblem(`${letter}A123456C`), `${letter} first`).toMatch(/D, F, I, Q, U and V are never used/);
      expect(niNumberProblem(`A${letter}123456C`), `${letter} second`).toMatch(/D, F, I, Q, U and V are never used/);
    }
    // HMRC's own example number, never issued.
    expect(isValidNiNumber('QQ 12 34 56 C')).toBe(false);
  });

  it('refuses O as the second letter, but not the first', () => {
    expect(niNumberProblem('AO123456C')).toMatch(/O is never the second letter/);
    expect(isValidNiNumber('OA123456C')).toBe(true);
  });

  it('refuses the prefixes HMRC does not allocate', () => {
    for (const p of ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']) {
      expect(niNumberProblem(`${p}123456A`), p).toMatch(/HMRC does not allocate/);
    }
  });

  it('needs six digits and a suffix A, B, C or D', () => {
    expect(niNumberProblem('AB123456E')).toBe('The last letter of an NI number is A, B, C or D, not E');
    expect(niNumberProblem('AB123456')).toMatch(/two letters, six digits and a letter A–D/);
    expect(niNumberProblem('AB12345C')).toMatch(/two letters, six digits/);
    expect(niNumberProblem('AB1234567C')).toMatch(/two letters, six digits/);
    expect(niNumberProblem('A1123456C')).toMatch(/two letters, six digits/);
    expect(niNumberProblem('AB-12-34-56-C')).toMatch(/two letters, six digits/);
    expect(niNumberProblem('')).toMatch(/two letters, six digits/);
  });

  it('normalises and formats', () => {
    expect(normaliseNiNumber(' ab 12 34 56 c ')).toBe('AB123456C');
    expect(formatNiNumber('ab123456c')).toBe('AB 12 34 56 C');
  });

  it('the contract schema normalises good numbers and gives the reason for bad ones', () => {
    expect(NiNumber.parse('jg 10 37 59 a')).toBe('JG103759A');
    const bad = NiNumber.safeParse('GB123456A');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/GB is not a valid NI number prefix/);
  });
});
