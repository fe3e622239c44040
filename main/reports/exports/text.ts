/**
 * A plain-text file written in blocks (CSV, hledger journal): text is gathered into ~256 KB and
 * written synchronously to the temporary file, so memory stays flat however long the export is.
 */
import fs from 'node:fs';

export class TextSink {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  lines = 0;

  constructor(tmpPath: string) {
    this.fd = fs.openSync(tmpPath, 'wx');
  }

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 262_144) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    let off = 0;
    while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
    this.parts = [];
    this.size = 0;
  }

  /** Flush and close (also on failure: call it in `finally`). */
  close(): void {
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
    }
  }
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A text field for a spreadsheet-opened CSV: a leading =, +, - or @ would make Excel run it as a
 * formula, so such text gets a leading apostrophe (OWASP "CSV injection" advice). Amounts are not
 * passed through this.
 */
export function csvText(v: string): string {
  const t = v.replace(/[\r\n\t]+/g, ' ').trim();
  return csvField(/^[=+\-@]/.test(t) ? `'${t}` : t);
}

export function csvRow(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`;
}

/** YYYY-MM-DD → DD/MM/YYYY (the UK date both Xero and Sage read). */
export function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
