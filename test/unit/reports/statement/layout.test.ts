/**
 * The shared PDF layout (main/reports/pdf-layout.ts) on its own: embedded fonts reused across
 * documents, ellipsis cells, large print, the font folder.
 */
import { describe, expect, it } from 'vitest';
import { createPdf, finishPdf, fitOneLine, fontDir, periodText, resetFontCache, table, titleBlock, CONTENT_WIDTH, PAGE } from '../../../../main/reports/pdf-layout';
import { fontSizeOf, pdfFonts, pdfText, pdfWords } from './pdf-read';

const meta = { organisationName: 'Ōtani & Zoë Brokers', generatedOn: '2026-06-30' };

function doc(name: string, largePrint = false): Buffer {
  const p = createPdf(meta, { title: 'Test', subject: name, largePrint });
  titleBlock(p, `Hello ${name}`, '£ € – “quotes”');
  table(
    p,
    [
      { header: 'Name', width: 120 },
      { header: 'Reference', width: 80, overflow: 'ellipsis' },
      { header: 'Amount', width: CONTENT_WIDTH - 200, align: 'right' },
    ],
    [[name, 'A-VERY-LONG-REFERENCE-THAT-CANNOT-FIT', '£1,234.56']],
    { totals: [['Total', '', '£1,234.56']] },
  );
  return finishPdf(p);
}

describe('pdf layout', () => {
  it('embeds DejaVu Sans; later documents (reused parsed font and subset) print the same text', () => {
    resetFontCache();
    const first = doc('Siân');
    const again = doc('Siân');
    const other = doc('Zoë Ōkubo');
    expect(again.equals(first)).toBe(true); // reproducible: same input, same bytes
    for (const d of [first, other]) {
      const t = pdfText(d);
      expect(t).toContain('Ōtani & Zoë Brokers');
      expect(t).toContain('£ € – “quotes”');
      expect(t).toContain('Page 1 of 1');
      expect(pdfFonts(d)).toMatch(/DejaVuSans\s+CID TrueType/);
    }
    expect(pdfText(other)).toContain('Hello Zoë Ōkubo');
  });

  it('an ellipsis cell is cut to fit its column', () => {
    const words = pdfWords(doc('Siân'));
    const ref = words.find((w) => w.text.startsWith('A-VERY-LONG'))!;
    expect(ref.text.endsWith('…')).toBe(true);
    expect(ref.xMin).toBeGreaterThanOrEqual(PAGE.margin + 120);
    expect(ref.xMax).toBeLessThanOrEqual(PAGE.margin + 200);
  });

  it('large print uses 16 pt or more for table text', () => {
    const words = pdfWords(doc('Siân', true)).filter((w) => w.text === '£1,234.56');
    expect(words.length).toBe(2);
    for (const w of words) expect(fontSizeOf(w)).toBeGreaterThanOrEqual(15.9);
  });

  it('fitOneLine, periodText and the font folder', () => {
    const p = createPdf(meta, { title: 'x', subject: '' });
    p.doc.fontSize(10);
    expect(fitOneLine(p.doc, 'short', 100)).toBe('short');
    const cut = fitOneLine(p.doc, 'x'.repeat(200), 50);
    expect(cut.endsWith('…')).toBe(true);
    expect(p.doc.widthOfString(cut)).toBeLessThanOrEqual(50);
    expect(periodText('2026-06-01', '2026-06-28')).toBe('1 to 28 June 2026');
    expect(periodText('2026-06-29', '2026-07-26')).toBe('29 June to 26 July 2026');
    expect(periodText('2026-12-14', '2027-01-10')).toBe('14 December 2026 to 10 January 2027');
    expect(fontDir()).toMatch(/dejavu-fonts-ttf[\\/]ttf$/);
  });
});
