/**
 * An RFC 4180 CSV tokenizer that keeps line numbers. Fields may be quoted; a quote inside a quoted
 * field is doubled; quoted fields may hold the delimiter and line breaks. Records end at CRLF, LF
 * or a lone CR. Being lenient where banks are sloppy: a quote in the middle of an unquoted field is
 * kept as a character. Refused: text after a closing quote (`"ab"c`), and a quote never closed.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export type CsvTokenizeResult =
  | { ok: true; records: CsvRecord[] }
  | { ok: false; line: number; message: string };

export function tokenizeCsv(text: string, delimiter = ','): CsvTokenizeResult {
  const records: CsvRecord[] = [];
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    // one record
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        const quoteLine = line;
        i++;
        let buf = '';
        let start = i;
        for (;;) {
          if (i >= n) {
            return { ok: false, line: quoteLine, message: 'a quoted field is never closed (missing ")' };
          }
          const c = text.charCodeAt(i);
          if (c === 34) {
            if (text.charCodeAt(i + 1) === 34) {
              buf += text.slice(start, i + 1);
              i += 2;
              start = i;
              continue;
            }
            buf += text.slice(start, i);
            i++;
            break;
          }
          if (c === 10) line++;
          else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
          i++;
        }
        field = buf;
        // after the closing quote: delimiter, end of line or end of file (trailing spaces allowed)
        while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) && text.charCodeAt(i) !== delim) i++;
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== delim && c !== 10 && c !== 13) {
            return { ok: false, line, message: 'unexpected text after a closing quote' };
          }
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === 10 || c === 13) break;
          i++;
        }
        field = text.slice(start, i);
      }
      fields.push(field);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) {
          fields.push('');
          break;
        }
        continue;
      }
      // end of line
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else i++;
      line++;
      break;
    }
    records.push({ fields, line: recordLine });
  }
  return { ok: true, records };
}
