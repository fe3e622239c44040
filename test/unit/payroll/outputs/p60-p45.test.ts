/** P60 and P45 PDFs: figures from the PA's posted lines, NI band earnings from the thresholds. */
import { afterEach, describe, expect, it } from 'vitest';
import { formatPence, penceToDecimal } from '../../../../shared/money';
import type { FileOut } from '../../../../shared/contract-payroll-outputs';
import { niThreshold } from '../../../../main/payroll/ni';
import { taxYearFor } from '../../../../main/payroll/tax-years';
import { p60Data } from '../../../../main/payroll/outputs/p60';
import { counts, fail, GRACE, ORG, pdfText, saveFile, squeeze, world, type World } from './fixture';

let w: World | undefined;
afterEach(() => {
  w?.env.ctx.session.ledger?.close();
  if (w) w.env.ctx.session.ledger = null;
  w = undefined;
});

describe('p60.pdf', () => {
  it('totals the posted runs of the year and splits NI earnings at LEL, LEL–PT and PT–UEL', async () => {
    w = await world({ postJune: true });
    const { env, grace, alan, may, june } = w;
    const lines = [may, june].map((r) => r.lines.find((l) => l.paId === grace.id)!);
    const pay = lines.reduce((s, l) => s + l.taxablePay, 0);
    const tax = lines.reduce((s, l) => s + l.tax, 0);
    const ni = lines.reduce((s, l) => s + l.employeeNi, 0);
    const sl = lines.reduce((s, l) => s + l.studentLoan, 0);

    const f = await env.call<FileOut>('p60.pdf', { paId: grace.id, taxYear: '2026-27' });
    expect(f.fileName).toBe('p60-grace-hopper-2026-27.pdf');
    const text = squeeze(pdfText(saveFile(f)));
    expect(text).toContain('P60 End of Year Certificate');
    expect(text).toContain(ORG);
    expect(text).toContain(GRACE.niNumber);
    expect(text).toContain('123/AB45678');
    expect(text).toContain(`In this employment ${formatPence(pay)} ${formatPence(tax)}`);
    expect(text).toContain('In previous employment(s) £0.00 £0.00');
    expect(text).toContain(`Final tax code ${lines[1]!.taxCode}`);
    expect(text).toContain(`Student loan deductions (whole pounds only) ${formatPence(sl)}`);

    // Band earnings worked out here from the monthly thresholds: both months are above PT and below UEL.
    const year = taxYearFor(may.payDate);
    const lel = niThreshold(year, 'LEL', 'monthly');
    const pt = niThreshold(year, 'PT', 'monthly');
    const uel = niThreshold(year, 'UEL', 'monthly');
    for (const l of lines) expect(l.gross > pt && l.gross < uel).toBe(true);
    const atLel = 2 * lel;
    const lelToPt = 2 * (pt - lel);
    const ptToUel = lines.reduce((s, l) => s + (l.gross - pt), 0);
    expect(text).toContain(`A ${formatPence(atLel)} ${formatPence(lelToPt)} ${formatPence(ptToUel)} ${formatPence(ni)}`);

    // Alan earns between LEL and PT: earnings at LEL and above LEL, nothing above PT, no NI.
    const a = p60Data(env.ctx.session.ledger!.db, alan.id, '2026-27');
    const alanLines = [may, june].map((r) => r.lines.find((l) => l.paId === alan.id)!);
    const expectA = alanLines.reduce(
      (s, l) => ({ atLel: s.atLel + (l.gross >= lel ? lel : 0), lelToPt: s.lelToPt + (l.gross >= lel ? Math.min(l.gross, pt) - lel : 0), ptToUel: s.ptToUel + Math.max(0, Math.min(l.gross, uel) - pt) }),
      { atLel: 0, lelToPt: 0, ptToUel: 0 },
    );
    expect(a.niByCategory).toHaveLength(1);
    expect(a.niByCategory[0]).toMatchObject({ category: 'A', ...expectA, employee: alanLines.reduce((s, l) => s + l.employeeNi, 0) });
    expect(a.runIds).toEqual([may.id, june.id]);
  });

  it('gives one NI row per category letter when the letter changed in the year (and FPS says so)', async () => {
    w = await world({ postJune: true, beforeJune: async (env, { alan }) => void (await env.call('pa.update', { id: alan.id, patch: { niCategory: 'M' } })) });
    const { env, alan, may, june } = w;
    const mayLine = may.lines.find((l) => l.paId === alan.id)!;
    const juneLine = june.lines.find((l) => l.paId === alan.id)!;
    expect([mayLine.niCategory, juneLine.niCategory]).toEqual(['A', 'M']);
    const d = p60Data(env.ctx.session.ledger!.db, alan.id, '2026-27');
    expect(d.niByCategory.map((n) => [n.category, n.niablePay, n.employee])).toEqual([
      ['A', mayLine.gross, mayLine.employeeNi],
      ['M', juneLine.gross, juneLine.employeeNi],
    ]);
    const text = squeeze(pdfText(saveFile(await env.call<FileOut>('p60.pdf', { paId: alan.id, taxYear: '2026-27' }))));
    expect(text).toMatch(/\nA £/);
    expect(text).toMatch(/\nM £/);
    const fps = Buffer.from((await env.call<FileOut>('fps.export', { runId: june.id, format: 'json' })).base64, 'base64').toString('utf8');
    const rec = (JSON.parse(fps) as { employees: Array<Record<string, string>> }).employees.find((e) => e['payrollId'] === String(alan.id))!;
    expect(rec).toMatchObject({ niCategory: 'M', otherNiCategoriesThisYear: 'A', grossEarningsForNicsToDate: penceToDecimal(juneLine.gross) });
  });

  it('counts only posted runs and refuses a year without posted pay', async () => {
    w = await world();
    const { env, grace, may } = w;
    const d = p60Data(env.ctx.session.ledger!.db, grace.id, '2026-27');
    expect(d.runIds).toEqual([may.id]); // June is a draft
    const before = counts(env);
    const e = await fail(env, 'p60.pdf', { paId: grace.id, taxYear: '2025-26' });
    expect(e).toMatchObject({ code: 'VALIDATION', where: 'taxYear' });
    expect(e.message).toContain('2025-26');
    expect(await fail(env, 'p60.pdf', { paId: 999, taxYear: '2026-27' })).toMatchObject({ code: 'NOT_FOUND', where: 'paId' });
    expect(await fail(env, 'p60.pdf', { paId: grace.id, taxYear: '26-27' })).toMatchObject({ code: 'VALIDATION', where: 'taxYear' });
    expect(counts(env)).toEqual(before);
  });
});

describe('p45.pdf', () => {
  it('refuses a PA without a leaving date, then shows the leaving details and pay and tax to date', async () => {
    w = await world({ postJune: true });
    const { env, grace, may, june } = w;
    const before = counts(env);
    const e = await fail(env, 'p45.pdf', { paId: grace.id });
    expect(e).toMatchObject({ code: 'VALIDATION', where: 'paId' });
    expect(e.message).toMatch(/no leaving date/);
    expect(counts(env)).toEqual(before);

    await env.call('pa.leave', { id: grace.id, leavingDate: '2026-06-30' });
    const f = await env.call<FileOut>('p45.pdf', { paId: grace.id });
    expect(f.fileName).toBe('p45-grace-hopper-2026-06-30.pdf');
    const text = squeeze(pdfText(saveFile(f)));
    const lines = [may, june].map((r) => r.lines.find((l) => l.paId === grace.id)!);
    expect(text).toContain('1 Employer PAYE reference 123/AB45678');
    expect(text).toContain(`2 Employee National Insurance number ${GRACE.niNumber}`);
    expect(text).toContain('4 Leaving date 30 June 2026');
    expect(text).toContain('5 Student loan deductions to continue Yes (plan2)');
    expect(text).toContain(`6 Tax code at leaving date ${GRACE.taxCode}`);
    expect(text).toContain('Week 1 / month 1 basis No (cumulative)');
    expect(text).toContain(`7 Last entry: tax week or month number Month ${june.taxPeriod} (monthly pay)`);
    expect(text).toContain(`8 Total pay to date in this employment (2026-27) ${formatPence(lines[0]!.taxablePay + lines[1]!.taxablePay)}`);
    expect(text).toContain(`Total tax to date in this employment (2026-27) ${formatPence(lines[0]!.tax + lines[1]!.tax)}`);
    expect(await fail(env, 'p45.pdf', { paId: 12345 })).toMatchObject({ code: 'NOT_FOUND', where: 'paId' });

    // A leaver who was never paid: zeros and no last entry, in the leaving date's tax year.
    const never = await env.call<{ id: number }>('pa.create', { clientId: w.clientId, name: 'Mary Somerville', dateOfBirth: '1990-01-01', startDate: '2026-04-06', leavingDate: '2026-04-20', taxCode: 'BR', pensionStatus: 'eligible', standardRate: 1300, contractedHours: 1000 });
    const t2 = squeeze(pdfText(saveFile(await env.call<FileOut>('p45.pdf', { paId: never.id }))));
    expect(t2).toContain('7 Last entry: tax week or month number no payment in this tax year');
    expect(t2).toContain('8 Total pay to date in this employment (2026-27) £0.00');
    expect(t2).toContain('6 Tax code at leaving date BR');
  });
});
