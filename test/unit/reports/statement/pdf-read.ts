/** Reading PDFs back for the statement tests: text with pdftotext -layout, word boxes with -bbox. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function withFile<T>(data: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-pdf-'));
  const file = path.join(dir, 'x.pdf');
  fs.writeFileSync(file, data);
  try {
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(args: string[]): string {
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

/** The text, layout kept, runs of spaces squeezed to one. */
export function pdfText(data: Buffer): string {
  return withFile(data, (f) => run(['pdftotext', '-layout', f, '-'])).replace(/[ \t]+/g, ' ');
}

/** The text of each page (form feeds split pages). */
export function pdfPages(data: Buffer): string[] {
  return pdfText(data).split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
}

export interface Word {
  page: number;
  pageWidth: number;
  pageHeight: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Every word with its box (points from the top-left of its page). */
export function pdfWords(data: Buffer): Word[] {
  const html = withFile(data, (f) => run(['pdftotext', '-bbox', f, '-']));
  const out: Word[] = [];
  let page = 0;
  let w = 0;
  let h = 0;
  for (const line of html.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (p) {
      page += 1;
      w = Number(p[1]);
      h = Number(p[2]);
      continue;
    }
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) out.push({ page, pageWidth: w, pageHeight: h, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'") });
  }
  return out;
}

/** DejaVu Sans words are 1.164 × the font size tall in pdftotext's boxes. */
export function fontSizeOf(w: Word): number {
  return (w.yMax - w.yMin) / 1.1640625;
}

export function pdfFonts(data: Buffer): string {
  return withFile(data, (f) => run(['pdffonts', f]));
}
