/**
 * The support plan PDF, read back with pdftotext (-layout for the reading order, -bbox for where
 * every word sits): the person's outcomes come first, the costed table's totals are the plan's, the
 * budget gap is stated, risks carry the informed choice and contingency, review dates and approval
 * criteria print, and the four signature blocks are there. A long plan runs over several pages with
 * "Page i of N" and the table headings repeated, and no word leaves the printable area.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planningOutputsHandlers } from '../../../main/api/planning-outputs';
import { gapText, printable, quantityText, rateText, supportPlanFileName, supportPlanPdf, supportPlanPdfData } from '../../../main/planning/pdf';
import { formatPence } from '../../../shared/money';
import { tempDir } from '../../fixtures/temp';
import { pdfData } from './pdf-data';
import { planWorld } from './ledger-plan';

const META = { organisationName: 'Test Agents Ltd', generatedOn: '2026-04-06' };

function write(buf: Buffer): string {
  const f = path.join(tempDir(), 'plan.pdf');
  fs.writeFileSync(f, buf);
  return f;
}
function text(file: string, page?: number): string {
  const args = ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'];
  const r = spawnSync('pdftotext', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}
const squeeze = (s: string): string => s.replace(/[ \t]+/g, ' ');
function pages(file: string): number {
  const m = /Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout);
  return Number(m?.[1] ?? 0);
}
/** Every word's box: [page, xMin, yMin, xMax, yMax, word]. */
function boxes(file: string): Array<[number, number, number, number, number, string]> {
  const html = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }).stdout;
  const out: Array<[number, number, number, number, number, string]> = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page += 1;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) out.push([page, Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), m[5]!]);
  }
  return out;
}

describe('support plan PDF', () => {
  const d = pdfData();
  const file = write(supportPlanPdf(d, META));
  const all = squeeze(text(file));

  it('puts the person’s outcomes first, in their words, with the lines that serve them', () => {
    const at = (s: string): number => all.indexOf(s);
    expect(at('My outcomes, in my own words')).toBeGreaterThan(-1);
    expect(at('My outcomes, in my own words')).toBeLessThan(at('About me'));
    expect(at('About me')).toBeLessThan(at('How my support is arranged'));
    expect(at('How my support is arranged')).toBeLessThan(at('What my support costs'));
    expect(at('What my support costs')).toBeLessThan(at('Risks and how they are managed'));
    expect(at('Risks and how they are managed')).toBeLessThan(at('Reviews'));
    expect(at('Reviews')).toBeLessThan(at('Version and approval'));
    expect(at('Version and approval')).toBeLessThan(at('Signatures'));
    expect(all).toContain('1. “I want to get up, washed and dressed by 9 so I can enjoy my morning.”');
    expect(all).toContain('Supported by: 1. PA hours: Morning routine and personal care (Grace Hopper); 2. Agency hours: Evening calls (Bright Care');
    expect(all).toContain('3. “My sister needs a rest now and then – and so do I.”');
    expect(all).toContain('No support line is linked to this outcome yet.');
    expect(all).toContain('What does not work for me');
    expect(all).toContain('Being rushed. People talking over me.');
    expect(all).toContain('Who manages the money Steward Brokerage Ltd (managed account)');
  });

  it('prints the costed table with the plan’s own totals, the budget and the gap', () => {
    expect(all).toMatch(/1 PA hours Grace Hopper 15 hours a week \(5\.6 £18\.50 an hour £247\.62 £12,876\.00/);
    expect(all).toMatch(/3 Respite or short breaks Seaview House 14 nights a year £150\.00 a night £40\.38 £2,100\.00/);
    expect(all).toMatch(/5 Equipment Mobility Plus 1 item, one-off £895\.00 £17\.21 £895\.00/);
    expect(all).toContain(`Total 7 lines ${formatPence(d.plan.totals.weekly)} ${formatPence(d.plan.totals.annual)}`);
    expect(d.plan.totals.annual).toBe(d.plan.lines.reduce((s, l) => s + l.annualCost, 0));
    expect(all).toContain('Personal budget (a year) £60,000.00 (about £1,153.85 a week)');
    expect(all).toContain(`Plan cost, first plan year ${formatPence(d.plan.totals.planYear)}`);
    const gap = 6_000_000 - d.plan.totals.planYear;
    expect(all).toContain(`Budget less plan (gap) ${formatPence(gap)}: under budget by ${formatPence(gap)}`);
    expect(all).toContain(`Of which contingency ${formatPence(d.plan.totals.contingencyAnnual)}`);
    expect(all).toContain('How the costs are worked out: every figure is exact in pence.');
    expect(all).toContain('rounded half up');
  });

  it('prints open risks with the informed choice and contingency, review dates, approval and history', () => {
    expect(all).toContain('The PA does not turn up');
    expect(all).toContain('If the PA has not arrived');
    expect(all).toContain('I would rather wait for');
    expect(all).toMatch(/2 ?x ?4 ?= ?8/);
    expect(all).not.toContain('A closed risk that should not print');
    expect(all).toContain('Next review due 24 June 2026 (scheduled review)');
    expect(all).toContain('Review booked 24 June 2026: Six-week review at home');
    expect(all).toContain('Approved by Mary Somerville (council panel), 20 March 2026');
    expect(all).toMatch(/Best value Yes Agency rate compared with two others\./);
    expect(all).toContain('Submitted for approval to Approved');
  });

  it('ends with signature lines for the person, their representative, the broker and the council', () => {
    const sig = all.slice(all.indexOf('Signatures'));
    for (const who of ['The person', 'Their representative', 'The broker', 'The council']) expect(sig).toContain(who);
    expect(sig.match(/Name Signature Date/g)).toHaveLength(4);
    expect(sig.indexOf('The person')).toBeLessThan(sig.indexOf('The council'));
  });

  it('says when a plan is over budget, and copes with no budget', () => {
    const over = pdfData();
    over.budget = { ...over.budget!, budgetAnnual: 2_000_000, gap: 2_000_000 - over.plan.totals.planYear, status: 'over', messages: [{ level: 'error', code: 'OVER_BUDGET', message: 'The plan is over budget by £8,446.23.' }] };
    const t = squeeze(text(write(supportPlanPdf(over, META))));
    expect(t).toContain(`over budget by ${formatPence(over.plan.totals.planYear - 2_000_000)}`);
    expect(t).toContain('Problem: The plan is over budget by £8,446.23.');
    const none = pdfData();
    none.budget = null;
    expect(squeeze(text(write(supportPlanPdf(none, META))))).toContain('No personal budget is recorded');
  });

  it('breaks a long plan across pages: Page i of N, headings repeated, nothing outside the page', () => {
    const long = pdfData(60);
    const f = write(supportPlanPdf(long, META));
    const n = pages(f);
    expect(n).toBeGreaterThanOrEqual(4);
    let tablePages = 0;
    for (let i = 1; i <= n; i += 1) {
      const t = squeeze(text(f, i));
      expect(t).toContain(`Page ${i} of ${n}`);
      if (/\n ?\d+ Community activity/.test(t)) {
        tablePages += 1;
        expect(t).toContain('# Type Provider or PA Quantity and unit Rate Weekly Annual');
      }
    }
    expect(tablePages).toBeGreaterThanOrEqual(3);
    const t = squeeze(text(f));
    expect(t).toContain(`Total 67 lines ${formatPence(long.plan.totals.weekly)} ${formatPence(long.plan.totals.annual)}`);
    for (let k = 1; k <= 67; k += 1) expect(t).toMatch(new RegExp(`(^|\\n) ?${k} `));
    // A4 is 595 × 842 points; the margins are 45. No word outside them (the footer sits at 787).
    for (const [page, x0, y0, x1, y1, w] of boxes(f)) {
      expect({ page, w, x0: x0 >= 44, x1: x1 <= 551.5, y0: y0 >= 44, y1: y1 <= 800 }).toEqual({ page, w, x0: true, x1: true, y0: true, y1: true });
    }
  });

  it('writes text the built-in font can print and names units in plain English', () => {
    expect(printable('Zoë − Łódź 😀\r\nok')).toBe('Zoë - ?ód? ?\nok');
    expect(quantityText({ quantity: 1500, unit: 'hours-per-week', holidayWeeks: 560 })).toBe('15 hours a week (5.6 weeks off a year)');
    expect(quantityText({ quantity: 100, unit: 'sessions-per-month', holidayWeeks: 0 })).toBe('1 session a month');
    expect(quantityText({ quantity: 250, unit: 'nights-per-year', holidayWeeks: 0 })).toBe('2.5 nights a year');
    expect(rateText({ rate: 1850, unit: 'hours-per-week' })).toBe('£18.50 an hour');
    expect(rateText({ rate: 60_000, unit: 'one-off' })).toBe('£600.00');
    expect(gapText(0)).toBe('Exactly on budget');
    expect(supportPlanFileName({ clientName: 'Zoë O’Neill', version: 3 })).toBe('support-plan-zoe-o-neill-v3.pdf');
  });

  it('is the same file every time for the same plan and date', () => {
    expect(supportPlanPdf(d, META).equals(supportPlanPdf(d, META))).toBe(true);
  });
});

describe('support plan PDF from a real ledger', () => {
  it('reads the plan, budget check, risks and reviews, through the api handler', async () => {
    const w = await planWorld();
    const data = supportPlanPdfData(w.env.ctx.session.ledger!.db, w.plan.id);
    expect(data.budget?.budgetAnnual).toBe(4_000_000);
    const f = planningOutputsHandlers['plan.pdf'](w.env.ctx, { id: w.plan.id });
    expect(f).toMatchObject({ fileName: 'support-plan-ada-lovelace-v1.pdf', mime: 'application/pdf' });
    const buf = Buffer.from(f.base64, 'base64');
    expect(buf.length).toBe(f.bytes);
    const t = squeeze(text(write(buf)));
    expect(t.indexOf('“I want to be up and dressed by 9.”')).toBeLessThan(t.indexOf('What my support costs'));
    expect(t).toContain('Supported by: 1. PA hours: Morning routine; 2. Agency hours: Evening calls (Bright Care Agency)');
    expect(t).toContain(`Total 4 lines ${formatPence(w.plan.totals.weekly)} ${formatPence(w.plan.totals.annual)}`);
    expect(t).toContain('Personal budget (a year) £40,000.00');
    expect(t).toContain(`Budget less plan (gap) ${formatPence(4_000_000 - w.plan.totals.planYear)}: under budget`);
    expect(t).toContain('I prefer a PA I know.');
    expect(t).toContain('Approved by Mary Somerville');
    expect(t).toContain('Generated by Steward on 6 April 2026');
    expect(() => planningOutputsHandlers['plan.pdf'](w.env.ctx, { id: 999 })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', where: 'id' }));
  });
});

describe('planning outputs through the dispatcher', () => {
  it('plan.pdf and plan.actuals answer through dispatch with their contract shapes', async () => {
    const w = await planWorld();
    const f = await w.env.call<{ fileName: string; base64: string; bytes: number }>('plan.pdf', { id: w.plan.id });
    expect(f.fileName).toBe('support-plan-ada-lovelace-v1.pdf');
    expect(Buffer.from(f.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const a = await w.env.call<{ planId: number } | null>('plan.actuals', { clientId: w.client.id, asOf: '2026-06-29' });
    expect(a?.planId).toBe(w.plan.id);
    await expect(w.env.call('plan.actuals', { clientId: w.client.id, asOf: '2026-02-30' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(w.env.call('plan.pdf', { id: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
