/** Pension contribution schedule CSV, parsed back and checked against the posted runs' lines. */
import { afterEach, describe, expect, it } from 'vitest';
import { penceToDecimal } from '../../../../shared/money';
import type { FileOut } from '../../../../shared/contract-payroll-outputs';
import { csvField, parseCsv } from '../../../../main/payroll/outputs/csv';
import { PENSION_SCHEDULE_HEADER } from '../../../../main/payroll/outputs/pension-schedule';
import { counts, fail, GRACE, world, type World } from './fixture';

let w: World | undefined;
afterEach(() => {
  w?.env.ctx.session.ledger?.close();
  if (w) w.env.ctx.session.ledger = null;
  w = undefined;
});

function csvOf(f: FileOut): { raw: string; rows: string[][] } {
  const raw = Buffer.from(f.base64, 'base64').toString('utf8');
  return { raw, rows: parseCsv(raw) };
}

describe('pension.schedule', () => {
  it('has one row per PA per posted run with contributions, in pounds, CRLF, RFC 4180', async () => {
    w = await world({ postJune: true });
    const { env, may, june } = w;
    const f = await env.call<FileOut>('pension.schedule', { taxYear: '2026-27' });
    expect(f).toMatchObject({ fileName: 'pension-schedule-2026-27.csv', mime: 'text/csv' });
    const { raw, rows } = csvOf(f);
    expect(raw.endsWith('\r\n')).toBe(true);
    expect(raw.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(rows[0]).toEqual([...PENSION_SCHEDULE_HEADER]);
    const expected = [may, june].flatMap((run) =>
      run.lines
        .filter((l) => l.employeePension + l.employerPension > 0)
        .map((l) => ({ run, l })),
    );
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(rows.slice(1)).toHaveLength(expected.length);
    for (const { run, l } of expected) {
      const row = rows.slice(1).find((r) => r[4] === l.paName && r[9] === run.payDate);
      expect(row, `${l.paName} ${run.payDate}`).toBeDefined();
      expect(row!.slice(0, 4)).toEqual(['NEST Corporation', 'NEST', 'Ada Lovelace', '123/AB45678']);
      expect(row!.slice(7, 10)).toEqual([run.periodStart, run.periodEnd, run.payDate]);
      expect(row![10]).toBe(penceToDecimal(l.qualifyingEarnings));
      expect(row![11]).toBe(penceToDecimal(l.employeePension));
      expect(row![12]).toBe(penceToDecimal(l.employerPension));
      expect(row![13]).toBe(penceToDecimal(l.employeePension + l.employerPension));
    }
    const grace = rows.find((r) => r[4] === GRACE.name)!;
    expect(grace.slice(5, 7)).toEqual([GRACE.niNumber, GRACE.dateOfBirth]);
  });

  it('leaves out draft runs, and filters by tax month and provider', async () => {
    w = await world();
    const { env, may } = w;
    const all = csvOf(await env.call<FileOut>('pension.schedule', { taxYear: '2026-27' })).rows.slice(1);
    expect(new Set(all.map((r) => r[9]))).toEqual(new Set([may.payDate])); // June is a draft
    // 28 May is in tax month 2 (6 May – 5 June).
    expect(csvOf(await env.call<FileOut>('pension.schedule', { taxYear: '2026-27', taxMonth: 2 })).rows.slice(1)).toEqual(all);
    expect(csvOf(await env.call<FileOut>('pension.schedule', { taxYear: '2026-27', taxMonth: 3 })).rows).toEqual([[...PENSION_SCHEDULE_HEADER]]);
    const byProvider = await env.call<FileOut>('pension.schedule', { taxYear: '2026-27', provider: 'nest corporation' });
    expect(csvOf(byProvider).rows.slice(1)).toEqual(all);
    expect(byProvider.fileName).toBe('pension-schedule-2026-27-nest-corporation.csv');
    expect(csvOf(await env.call<FileOut>('pension.schedule', { taxYear: '2026-27', provider: 'Other Pensions Ltd' })).rows).toHaveLength(1);
    expect(csvOf(await env.call<FileOut>('pension.schedule', { taxYear: '2025-26' })).rows).toHaveLength(1);
  });

  it('refuses a bad tax year or month without writing', async () => {
    w = await world();
    const before = counts(w.env);
    expect(await fail(w.env, 'pension.schedule', { taxYear: '2026' })).toMatchObject({ code: 'VALIDATION', where: 'taxYear' });
    expect(await fail(w.env, 'pension.schedule', { taxYear: '2026-27', taxMonth: 13 })).toMatchObject({ code: 'VALIDATION', where: 'taxMonth' });
    expect(await fail(w.env, 'pension.schedule', { taxYear: '2026-27', extra: 1 })).toMatchObject({ code: 'VALIDATION' });
    expect(counts(w.env)).toEqual(before);
  });
});

describe('CSV fields (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, and neutralises formula starts', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField(null)).toBe('');
    expect(parseCsv('a,"b,c","d""e"\r\n1,2,3\r\n')).toEqual([['a', 'b,c', 'd"e'], ['1', '2', '3']]);
  });
});
