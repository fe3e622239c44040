/**
 * PAYE tax codes. Accepts what appears on a P45, starter checklist or HMRC coding notice:
 * 1257L, 1257M, 1257N, 45T, 0T, K585, BR, D0, D1, NT, with S (Scotland) or C (Wales) prefixes —
 * S1257L, SK585, SBR, SD0..SD3, C1257L, CBR, CD0, CD1 — and an optional non-cumulative marker:
 * "W1", "M1", "W1/M1" or "X" (with or without a space: "1257L W1", "1257LX", "1257L M1").
 */
import { PayrollInputError } from './calendar';
import type { FlatRateCodeName, TaxRegion } from './types';

interface TaxCodeBase {
  /** The code as given, trimmed and upper-cased. */
  readonly raw: string;
  readonly region: TaxRegion;
  /** The code carries a week 1 / month 1 (non-cumulative) marker. */
  readonly week1Month1: boolean;
}

/** Number + L/M/N/T: an allowance. `allowance` is the number (1257 for 1257L); 0T gives none. */
export interface AllowanceTaxCode extends TaxCodeBase {
  readonly kind: 'allowance';
  readonly allowance: number;
  readonly suffix: 'L' | 'M' | 'N' | 'T';
}

/** K + number: the number is added to pay rather than allowed against it. */
export interface KTaxCode extends TaxCodeBase {
  readonly kind: 'k';
  readonly addition: number;
}

/** BR, D0, D1 and regional variants: all pay taxed at one rate, no allowance. */
export interface FlatRateTaxCode extends TaxCodeBase {
  readonly kind: 'flat';
  readonly code: FlatRateCodeName;
}

/** NT: no tax. */
export interface NoTaxCode extends TaxCodeBase {
  readonly kind: 'nt';
}

export type TaxCode = AllowanceTaxCode | KTaxCode | FlatRateTaxCode | NoTaxCode;

const CODE_RE =
  /^([SC])?(?:(\d{1,6})([LMNT])|K(\d{1,6})|(BR|D[0-3]|NT))(?:\/?(W1\/M1|W1|M1|X))?$/;

export function parseTaxCode(input: string): TaxCode {
  const raw = input.trim().toUpperCase();
  const compact = raw.replace(/\s+/g, '');
  const m = CODE_RE.exec(compact);
  if (!m) {
    throw new PayrollInputError(
      `"${input}" is not a tax code this payroll recognises (examples: 1257L, S1257L, C1257L, K475, BR, D0, SD2, NT, 0T, 1257L W1)`,
    );
  }
  const prefix = m[1];
  const region: TaxRegion = prefix === 'S' ? 'scotland' : prefix === 'C' ? 'wales' : 'rUK';
  const week1Month1 = m[6] !== undefined;
  const base = { raw, region, week1Month1 };

  if (m[2] !== undefined && m[3] !== undefined) {
    const suffix = m[3] as 'L' | 'M' | 'N' | 'T';
    return { ...base, kind: 'allowance', allowance: Number.parseInt(m[2], 10), suffix };
  }
  if (m[4] !== undefined) {
    const addition = Number.parseInt(m[4], 10);
    if (addition === 0) throw new PayrollInputError(`"${input}": a K code needs a number above 0`);
    return { ...base, kind: 'k', addition };
  }
  const word = m[5] ?? '';
  if (word === 'NT') {
    if (prefix !== undefined) throw new PayrollInputError(`"${input}": NT does not take an S or C prefix`);
    return { ...base, kind: 'nt' };
  }
  const flat = `${prefix ?? ''}${word}`;
  if (!isFlatRateCodeName(flat)) {
    throw new PayrollInputError(
      `"${input}" is not a valid code: D2 and D3 exist only for Scottish taxpayers (SD2, SD3)`,
    );
  }
  return { ...base, kind: 'flat', code: flat };
}

const FLAT_NAMES: readonly FlatRateCodeName[] = [
  'BR', 'D0', 'D1', 'SBR', 'SD0', 'SD1', 'SD2', 'SD3', 'CBR', 'CD0', 'CD1',
];

function isFlatRateCodeName(s: string): s is FlatRateCodeName {
  return (FLAT_NAMES as readonly string[]).includes(s);
}
