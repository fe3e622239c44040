/**
 * One export in a process of its own, so the exports benchmark can read the process's PEAK memory
 * (maxRSS) for that export alone. Run by test/bench/exports.ts as
 *   node --import tsx test/bench/exports-child.ts '{"file":…,"passphrase":…,"kind":…,"from":…,"to":…,"out":…,"today":…}'
 * and prints one JSON line: {seconds, maxRssMB, baseRssMB, bytes, lines, progressCalls}.
 */
import { openLedgerFile } from '../../main/store/ledger-file';
import { metaOf } from '../../main/payroll/outputs/common';
import { exportLineCount, writeExport, type ExportKind } from '../../main/reports/exports';

interface Args {
  file: string;
  passphrase: string;
  kind: ExportKind;
  from?: string;
  to?: string;
  out: string;
  today: string;
}

async function main(): Promise<void> {
  const a = JSON.parse(process.argv[2] ?? '{}') as Args;
  const h = openLedgerFile(a.file, a.passphrase, { skipQuickCheck: true });
  try {
    const baseRssMB = process.resourceUsage().maxRSS / 1024;
    const meta = metaOf(h.db, a.today);
    const req = { kind: a.kind, from: a.from, to: a.to };
    const lines = exportLineCount(h.db, req, a.today);
    let progressCalls = 0;
    const t0 = performance.now();
    const f = await writeExport(h.db, meta, req, a.out, {
      onProgress: () => progressCalls++,
      isCancelled: () => false,
      breathe: () => new Promise((r) => setImmediate(r)),
    });
    const seconds = (performance.now() - t0) / 1000;
    process.stdout.write(`${JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, baseRssMB, bytes: f.bytes, lines, progressCalls })}\n`);
  } finally {
    h.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
