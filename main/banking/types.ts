/**
 * Types for the bank statement parsing layer. Everything in main/banking is pure: bytes in,
 * a result out, no database, no files, no clock.
 */

/** One transaction as read from a statement. Money is integer pence; paid in is positive. */
export interface BankLine {
  /** Calendar date as written by the bank, 'YYYY-MM-DD'. */
  date: string;
  /** Signed integer pence: money paid in is positive, money paid out negative. */
  amount: number;
  description: string;
  reference: string | null;
  /** The bank's own id for the transaction (OFX FITID, a CSV id column), when it gives one. */
  bankTransactionId: string | null;
  /** Balance after this line, integer pence, when the statement gives one. */
  runningBalance: number | null;
  /** 1-based line number in the decoded file where this transaction starts. */
  sourceLine: number;
}

/** A line that was left out on purpose (preamble, summary, blank record), with why. */
export interface SkipNote {
  line: number;
  reason: string;
  text: string;
}

export type ParseErrorCode =
  | 'empty_file'
  | 'too_large'
  | 'unknown_preset'
  | 'bad_mapping'
  | 'no_mapping'
  | 'header_not_found'
  | 'missing_column'
  | 'bad_csv'
  | 'bad_date'
  | 'bad_amount'
  | 'bad_balance'
  | 'missing_date'
  | 'missing_amount'
  | 'both_amounts'
  | 'bad_ofx'
  | 'bad_qif'
  | 'unsupported_qif_type'
  | 'too_many_errors'
  | 'internal';

export interface ParseError {
  /** 1-based line in the decoded file (0 when the problem is with the options, not the file). */
  line: number;
  /** The column (CSV header name), OFX tag or QIF field code at fault, or null. */
  column: string | null;
  code: ParseErrorCode;
  message: string;
}

export type StatementFormat = 'csv' | 'ofx' | 'qif';
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le-bom' | 'utf-16be-bom';

export type DateFormat = 'dd/mm/yyyy' | 'd/m/yy' | 'iso' | 'd mmm yyyy' | 'auto';
export type DateOrder = 'dmy' | 'mdy';

/** A CSV column: its header text (trimmed, case-insensitive) or its zero-based index. */
export type ColumnRef = string | number;

export interface CsvMapping {
  date: ColumnRef;
  /** One signed column (paid in positive) ... */
  amount?: ColumnRef;
  /** ... or separate paid-in and paid-out columns (not both on one row). */
  paidIn?: ColumnRef;
  paidOut?: ColumnRef;
  /** Columns joined with a space, empty cells left out. */
  description: ColumnRef[];
  reference?: ColumnRef;
  balance?: ColumnRef;
  id?: ColumnRef;
  dateFormat?: DateFormat;
  /**
   * 1-based file line of the header row; 0 means the file has no header row (columns are then
   * given by index). Absent: the header is found as the first row holding every named column.
   */
  headerRow?: number;
  /** Field separator; ',' unless given. */
  delimiter?: ',' | ';' | '\t' | '|';
  /** For exports (some card accounts) where a positive amount means money spent. */
  invertAmount?: boolean;
}

export type ParseOk = {
  ok: true;
  lines: BankLine[];
  skipped: SkipNote[];
  format: StatementFormat;
  encoding: TextEncodingName;
  /** The CSV preset used (given, or recognised from the header), if any. */
  preset?: string;
};

export type ParseFail = { ok: false; errors: ParseError[] };

export type ParseResult = ParseOk | ParseFail;

/** What a format parser returns before the common wrapping. */
export type BodyResult = { ok: true; lines: BankLine[]; skipped: SkipNote[]; preset?: string } | ParseFail;

/** Stop collecting after this many errors: the file is refused either way. */
export const MAX_ERRORS = 50;
