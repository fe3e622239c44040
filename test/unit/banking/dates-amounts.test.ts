import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBankAmount, parseDate, parseOfxDate, parseQifDate, penceToText } from '../../../main/banking';

const iso = (r: ReturnType<typeof parseDate>): string | null => (r.ok ? r.iso : null);

describe('statement dates', () => {
  it('reads each UK form', () => {
    expect(iso(parseDate('12/03/2026', 'dd/mm/yyyy'))).toBe('2026-03-12');
    expect(iso(parseDate('2/3/2026', 'dd/mm/yyyy'))).toBe('2026-03-02');
    expect(iso(parseDate('12-03-2026', 'dd/mm/yyyy'))).toBe('2026-03-12');
    expect(iso(parseDate('2/3/26', 'd/m/yy'))).toBe('2026-03-02');
    expect(iso(parseDate('2026-03-12', 'iso'))).toBe('2026-03-12');
    expect(iso(parseDate('2026-03-12T10:30:00Z', 'iso'))).toBe('2026-03-12');
    expect(iso(parseDate('12 Mar 2026', 'd mmm yyyy'))).toBe('2026-03-12');
    expect(iso(parseDate('1 September 2026', 'd mmm yyyy'))).toBe('2026-09-01');
    expect(iso(parseDate('12-Mar-26', 'd mmm yyyy'))).toBe('2026-03-12');
    expect(iso(parseDate('12/03/2026 10:30', 'dd/mm/yyyy'))).toBe('2026-03-12');
  });

  it('auto takes every form, day first', () => {
    for (const [s, want] of [
      ['12/03/2026', '2026-03-12'],
      ['01/02/26', '2026-02-01'],
      ['2026-02-01', '2026-02-01'],
      ['1 Feb 2026', '2026-02-01'],
    ] as const) {
      expect(iso(parseDate(s, 'auto')), s).toBe(want);
    }
  });

  it('refuses impossible and malformed dates with a message', () => {
    for (const s of ['31/02/2026', '29/02/2026', '00/01/2026', '12/13/2026', '2026-02-30', '31 Apr 2026', '12 Foo 2026', '', 'yesterday', '12/03', '1/1/1850']) {
      const r = parseDate(s, 'auto');
      expect(r.ok, s).toBe(false);
    }
    expect(iso(parseDate('29/02/2028', 'auto'))).toBe('2028-02-29');
    expect(parseDate('2026-03-12', 'dd/mm/yyyy').ok).toBe(false);
    expect(parseDate('12/03/2026', 'iso').ok).toBe(false);
  });

  it('every real date written dd/mm/yyyy, d/m/yy, ISO and d mmm yyyy comes back the same', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), (d) => {
        const y = d.getUTCFullYear();
        const m = d.getUTCMonth() + 1;
        const day = d.getUTCDate();
        const want = d.toISOString().slice(0, 10);
        const p2 = (n: number): string => String(n).padStart(2, '0');
        expect(iso(parseDate(`${p2(day)}/${p2(m)}/${y}`, 'dd/mm/yyyy'))).toBe(want);
        expect(iso(parseDate(`${day}/${m}/${String(y).slice(2)}`, 'd/m/yy'))).toBe(want);
        expect(iso(parseDate(want, 'iso'))).toBe(want);
        expect(iso(parseDate(`${day} ${months[m - 1]} ${y}`, 'd mmm yyyy'))).toBe(want);
        expect(iso(parseDate(`${day} ${months[m - 1]} ${y}`, 'auto'))).toBe(want);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('OFX DTPOSTED forms', () => {
    expect(iso(parseOfxDate('20260312'))).toBe('2026-03-12');
    expect(iso(parseOfxDate('20260312103000'))).toBe('2026-03-12');
    expect(iso(parseOfxDate('20260312103000.000'))).toBe('2026-03-12');
    expect(iso(parseOfxDate('20260312103000.000[-5:EST]'))).toBe('2026-03-12');
    expect(iso(parseOfxDate('20260312000000[+0:GMT]'))).toBe('2026-03-12');
    expect(iso(parseOfxDate('20260312[-5]'))).toBe('2026-03-12');
    for (const bad of ['2026031', '20260231', '20261312', '20260312250000', '2026-03-12', '20260312x']) expect(parseOfxDate(bad).ok, bad).toBe(false);
  });

  it('QIF dates, day first by default and month first on request', () => {
    expect(iso(parseQifDate('12/03/2026', 'dmy'))).toBe('2026-03-12');
    expect(iso(parseQifDate('12/03/26', 'dmy'))).toBe('2026-03-12');
    expect(iso(parseQifDate(" 2/ 3'26", 'dmy'))).toBe('2026-03-02');
    expect(iso(parseQifDate("3/12'26", 'mdy'))).toBe('2026-03-12');
    expect(iso(parseQifDate('03/12/2026', 'mdy'))).toBe('2026-03-12');
    expect(iso(parseQifDate('2026-03-12', 'mdy'))).toBe('2026-03-12');
    expect(parseQifDate('13/13/2026', 'dmy').ok).toBe(false);
    expect(parseQifDate('02/30/2026', 'mdy').ok).toBe(false);
  });
});

describe('statement amounts (exact pence from the digits)', () => {
  const p = (s: string): number | null => {
    const r = parseBankAmount(s);
    return r.ok ? r.pence : null;
  };

  it('reads the ways banks write amounts', () => {
    expect(p('1234.56')).toBe(123456);
    expect(p('£1,234.56')).toBe(123456);
    expect(p('-12.00')).toBe(-1200);
    expect(p('-£12.00')).toBe(-1200);
    expect(p('£-12.00')).toBe(-1200);
    expect(p('(12.00)')).toBe(-1200);
    expect(p('(£1,000)')).toBe(-100000);
    expect(p('12.00 CR')).toBe(1200);
    expect(p('12.00 DR')).toBe(-1200);
    expect(p('12.00DR')).toBe(-1200);
    expect(p('5.00 OD')).toBe(-500);
    expect(p('12.00-')).toBe(-1200);
    expect(p('+7')).toBe(700);
    expect(p('.5')).toBe(50);
    expect(p('0.1')).toBe(10);
    expect(p('GBP 3.50')).toBe(350);
    expect(p('12.500')).toBe(1250);
    expect(p('−3.00')).toBe(-300); // U+2212 minus sign
    expect(p('-0.00')).toBe(0);
    expect(Object.is(p('-0.00'), -0)).toBe(false);
    expect(p('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(p('1,000,000.01')).toBe(100000001);
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', '£', 'abc', '1.234', '1,23.00', '12,34', '--5', '-(5)', '(5) CR', '-5 DR', '1e5', '1.2.3', 'NaN', '0x10', '12.', '12 .00', '99999999999999.00']) {
      expect(p(bad), bad).toBeNull();
    }
    expect(parseBankAmount('abc')).toEqual({ ok: false, message: expect.stringContaining('"abc" is not an amount') });
  });

  it('a decimal comma only where asked (OFX)', () => {
    expect(p('-12,50')).toBeNull();
    expect(parseBankAmount('-12,50', { decimalComma: true })).toEqual({ ok: true, pence: -1250 });
  });

  it('any whole number of pence, written any of these ways, reads back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.integer({ min: 0, max: 5 }), (n, style) => {
        const plain = penceToText(n);
        const abs = penceToText(Math.abs(n));
        const grouped = abs.replace(/\B(?=(\d{3})+(?!\d))(?=.*\.)/g, ',');
        const forms = [plain, n < 0 ? `(£${grouped})` : `£${grouped}`, n < 0 ? `${abs} DR` : `${abs} CR`, n < 0 ? `-£${grouped}` : `+${abs}`, n < 0 ? `${abs}-` : abs, `${plain}0`];
        expect(p(forms[style] as string)).toBe(n);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
});
