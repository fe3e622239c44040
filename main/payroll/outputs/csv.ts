/**
 * CSV as RFC 4180 describes it: fields separated by commas, records ended by CRLF, a field quoted
 * with double quotes when it holds a comma, a quote, CR or LF (quotes inside doubled), a header row.
 * Text is UTF-8 (no byte-order mark). A field that starts with =, +, - or @ is prefixed with an
 * apostrophe so a spreadsheet does not run it as a formula (names and notes only; amounts are
 * written by the caller as plain decimals and never start with those characters except "-").
 */
export type CsvValue = string | number | null;

export function csvField(v: CsvValue): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : /^[=+@]/.test(v) || /^-[^0-9]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Parse CSV text (RFC 4180) into records of fields; used by the tests and importers. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      out.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}
