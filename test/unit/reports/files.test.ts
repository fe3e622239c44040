/**
 * Report files are written under a temporary name and renamed when complete: a failure (disk
 * full, a folder that is really a file, a writer that throws) leaves nothing under the final name
 * and no ".part" file behind, and the error says what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StewardError } from '../../../shared/errors';
import { ensureWritableDir, ioError, safeFileName, writeFileAtomic, writeViaTemp } from '../../../main/reports/files';
import { tempDir } from '../../fixtures/temp';

afterEach(() => {
  vi.restoreAllMocks();
});

const enospc = (): Error => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('writeFileAtomic', () => {
  it('writes the bytes under the final name and leaves no temporary file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'statement.pdf');
    expect(writeFileAtomic(file, Buffer.from('%PDF-1.7 hello'))).toBe(14);
    expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.7 hello');
    expect(fs.readdirSync(dir)).toEqual(['statement.pdf']);
  });

  it('replaces an older file of the same name in one step', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.csv');
    writeFileAtomic(file, 'old');
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['a.csv']);
  });

  it('on a full disk: IO_ERROR saying the disk is full, no file under the final name, no .part left', () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.pdf');
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw enospc();
    });
    let err: unknown;
    try {
      writeFileAtomic(file, Buffer.alloc(1000, 1));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StewardError);
    expect((err as StewardError).code).toBe('IO_ERROR');
    expect((err as StewardError).message).toMatch(/disk is full/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('into a "folder" that is really a file: IO_ERROR naming the problem', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'not-a-folder'), 'x');
    expect(() => writeFileAtomic(path.join(dir, 'not-a-folder', 'a.pdf'), 'x')).toThrow(StewardError);
    expect(fs.readdirSync(dir)).toEqual(['not-a-folder']);
  });
});

describe('writeViaTemp', () => {
  it('renames the finished temporary file and returns its size and the writer’s result', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'pack.xlsx');
    const r = await writeViaTemp(file, async (tmp) => {
      expect(path.basename(tmp)).toMatch(/^\.pack\.xlsx\.[0-9a-f]{8}\.part$/);
      fs.writeFileSync(tmp, 'abcdef');
      return 42;
    });
    expect(r).toEqual({ bytes: 6, result: 42 });
    expect(fs.readdirSync(dir)).toEqual(['pack.xlsx']);
  });

  it('when the writer fails part-way, removes the temporary file and keeps nothing under the final name', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'pack.xlsx');
    await expect(
      writeViaTemp(file, async (tmp) => {
        fs.writeFileSync(tmp, 'half a workbook');
        throw enospc();
      }),
    ).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/disk is full/) });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('keeps a StewardError from the writer as it is (e.g. a cancel or a validation)', async () => {
    const dir = tempDir();
    await expect(
      writeViaTemp(path.join(dir, 'x.csv'), async (tmp) => {
        fs.writeFileSync(tmp, 'x');
        throw new StewardError('VALIDATION', 'Too many lines to download.');
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: 'Too many lines to download.' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('ensureWritableDir and the messages', () => {
  it('creates a missing folder (and its parents)', () => {
    const dir = path.join(tempDir(), 'reports', 'June 2026');
    expect(ensureWritableDir(dir)).toBe(dir);
    expect(fs.statSync(dir).isDirectory()).toBe(true);
  });

  it('refuses a path under a file with IO_ERROR', () => {
    const base = tempDir();
    fs.writeFileSync(path.join(base, 'file'), 'x');
    expect(() => ensureWritableDir(path.join(base, 'file', 'sub'))).toThrow(/part of the path is a file|could not be written/);
  });

  it('turns errno codes into messages a broker can act on', () => {
    expect(ioError(Object.assign(new Error('x'), { code: 'EACCES' }), 'the folder /r').message).toBe('Steward is not allowed to write the folder /r. Choose a folder you can write to.');
    expect(ioError(Object.assign(new Error('x'), { code: 'ENAMETOOLONG' }), 'a.pdf').message).toMatch(/path is too long/);
    expect(ioError(new Error('odd'), 'a.pdf').message).toBe('a.pdf could not be written (odd).');
  });

  it('makes names safe on Windows and macOS', () => {
    expect(safeFileName('statement: Zoë / June?.pdf')).toBe('statement- Zoë - June-.pdf');
    expect(safeFileName('')).toBe('report');
    expect(safeFileName('x'.repeat(300))).toHaveLength(120);
  });
});

describe('writeViaTemp keeps a writer’s own bug apart from a file-system error', () => {
  it('rethrows a plain error unchanged (so a batch lists that client and goes on) and leaves no file', async () => {
    const dir = tempDir();
    const bug = new TypeError('cannot read properties of undefined');
    await expect(
      writeViaTemp(path.join(dir, 'x.zip'), async (tmp) => {
        fs.writeFileSync(tmp, 'x');
        throw bug;
      }),
    ).rejects.toBe(bug);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
