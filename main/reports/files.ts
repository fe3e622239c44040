/**
 * Writing report files safely. Every file goes to a temporary name in the destination folder
 * (".<name>.<random>.part") and is renamed to its real name only when complete and flushed, so a
 * crash, a cancel or a full disk never leaves a half-written file that looks finished: a
 * left-over ".part" file is visibly unfinished and is removed on the way out where possible.
 * File-system errors become StewardErrors a broker can act on (IO_ERROR with the folder named).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { StewardError } from '../../shared/errors';

/** A file-system error as a message a person can act on. */
export function ioError(err: unknown, what: string): StewardError {
  if (err instanceof StewardError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  const msg =
    code === 'ENOSPC'
      ? `The disk is full: ${what} could not be finished. Free some space (or choose another folder) and run it again; nothing half-written was kept.`
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? `Steward is not allowed to write ${what}. Choose a folder you can write to.`
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? `${what} cannot be written: part of the path is a file, not a folder. Choose another folder.`
          : code === 'ENAMETOOLONG'
            ? `${what} cannot be written: the path is too long. Choose a shorter folder path.`
            : `${what} could not be written (${code || (err instanceof Error ? err.message : String(err))}).`;
  return new StewardError('IO_ERROR', msg, { details: { errno: code }, cause: err });
}

/** Make sure `dir` exists and can be written (creates it if missing). */
export function ensureWritableDir(dir: string): string {
  const abs = path.resolve(dir);
  try {
    fs.mkdirSync(abs, { recursive: true });
    const st = fs.statSync(abs);
    if (!st.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    fs.accessSync(abs, fs.constants.W_OK);
  } catch (err) {
    throw ioError(err, `the folder ${abs}`);
  }
  return abs;
}

function tempNameFor(finalPath: string): string {
  return path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.${crypto.randomBytes(4).toString('hex')}.part`);
}

function removeQuietly(p: string): void {
  try {
    fs.rmSync(p, { force: true });
  } catch {
    // nothing more can be done; the ".part" name shows it is unfinished
  }
}

/** Write bytes to `finalPath` via a temporary name; returns the size. `mode` sets the new file's permissions (POSIX). */
export function writeFileAtomic(finalPath: string, data: Buffer | string, mode = 0o644): number {
  const tmp = tempNameFor(finalPath);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, finalPath);
    return buf.length;
  } catch (err) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing
      }
    }
    removeQuietly(tmp);
    throw ioError(err, path.basename(finalPath));
  }
}

/**
 * Let `produce` write to a temporary path (streaming writers: exceljs, archiver, large CSV), then
 * rename it to `finalPath`. If `produce` throws or the run is cancelled, the temporary file is
 * removed and nothing appears under the final name.
 */
export async function writeViaTemp<T>(finalPath: string, produce: (tmpPath: string) => Promise<T>): Promise<{ bytes: number; result: T }> {
  const tmp = tempNameFor(finalPath);
  try {
    const result = await produce(tmp);
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, finalPath);
    return { bytes: fs.statSync(finalPath).size, result };
  } catch (err) {
    removeQuietly(tmp);
    // File-system errors (they carry an errno code) become IO_ERROR; anything else — a bug in a
    // writer, a cancel, a refusal — goes on as it is, so a batch can tell one client's failure
    // from a full disk.
    throw isFsError(err) ? ioError(err, path.basename(finalPath)) : err;
  }
}

function isFsError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return !(err instanceof StewardError) && typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

/** A name safe on Windows and macOS: no reserved characters, at most 120 characters. */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(ch) ? '-' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return (cleaned === '' ? 'report' : cleaned).slice(0, 120);
}
