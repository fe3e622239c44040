/**
 * #/banking/ID/import: choose a statement file → Steward detects the format and text encoding →
 * for CSV, map the columns (or pick a bank preset, or save your own) → preview the parsed rows with
 * any errors by line and column → import (one transaction: a refused file changes nothing) →
 * the summary of what was imported, skipped and why.
 */
import { useRef, useState } from 'react';
import type { CsvMappingInput, ImportResult, PresetOut, PreviewResult } from '../../../shared/contract-banking';
import { formatPence } from '../../../shared/money';
import { call, toApiError, useQuery, type ApiError } from '../api';
import { readAsBase64 } from '../client/AttachEvidence';
import { SelectField } from '../client/fields';
import { Alert, Button, Card, Checkbox, ErrorAlert, TextInput } from '../ui';
import { AccountFrame } from './AccountFrame';
import { accountHref, Facts, Flow } from './common';
import { DATE_FORMATS, NONE, draftFromPreset, draftProblems, guessDraft, headerCells, toMapping, type MappingDraft } from './mapping';

type Step = 'file' | 'mapping' | 'preview' | 'done';

const STEPS: ReadonlyArray<{ key: Step; label: string }> = [
  { key: 'file', label: '1. Choose the file' },
  { key: 'mapping', label: '2. Map the columns' },
  { key: 'preview', label: '3. Check the preview' },
  { key: 'done', label: '4. Imported' },
];

const ENCODING_LABEL: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with a byte order mark',
  'windows-1252': 'Windows-1252',
  'utf-16le-bom': 'UTF-16 (little-endian)',
  'utf-16be-bom': 'UTF-16 (big-endian)',
};

const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The file's format: as Steward read or sniffed it (bank.preview returns the sniffed format also
 * for a file it could not read); failing that (an empty file), by the file's extension, else CSV
 * when it has rows.
 */
function formatOf(p: PreviewResult, fileName: string): PreviewResult['format'] {
  if (p.format) return p.format;
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.ofx') || lower.endsWith('.qfx')) return 'ofx';
  if (lower.endsWith('.qif')) return 'qif';
  return p.csvRows.length > 0 ? 'csv' : null;
}

interface ChosenFile {
  name: string;
  base64: string;
  size: number;
}

export function ImportWizard({ accountId }: { accountId: number }) {
  return (
    <AccountFrame accountId={accountId} tab="import">
      {(account) => <Wizard accountId={account.id} />}
    </AccountFrame>
  );
}

function Wizard({ accountId }: { accountId: number }) {
  const presets = useQuery('bank.presets', {});
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [detected, setDetected] = useState<PreviewResult | null>(null);
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [presetName, setPresetName] = useState<string>('');
  const [dateOrder, setDateOrder] = useState<'dmy' | 'mdy'>('dmy');
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [refusedByServer, setRefusedByServer] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const presetList: PresetOut[] = presets.status === 'ok' ? presets.data : [];
  const format = detected && file ? formatOf(detected, file.name) : null;
  const isCsv = format === 'csv';
  // The encoding as sniffed (also for a file that could not be read yet), or as the last preview read it.
  const encoding = preview?.encoding ?? detected?.encoding ?? null;

  const base = (f: ChosenFile) => ({ bankAccountId: accountId, fileName: f.name, base64: f.base64 });
  const options = (mapping: CsvMappingInput | null, fmt: PreviewResult['format']) => ({
    ...(fmt ? { format: fmt } : {}),
    ...(mapping ? { mapping } : {}),
    ...(fmt === 'qif' ? { dateOrder } : {}),
  });

  const run = async <T,>(f: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await f();
    } catch (e) {
      setError(toApiError(e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const chooseFile = async (f: File | null) => {
    setFileError(undefined);
    setError(null);
    setDetected(null);
    setPreview(null);
    setResult(null);
    if (!f) return;
    if (f.size === 0) return setFileError(`“${f.name}” is empty. Choose the statement file again.`);
    if (f.size > MAX_BYTES) return setFileError(`“${f.name}” is larger than 64 MB. Download a shorter period from the bank.`);
    let base64: string;
    try {
      base64 = await readAsBase64(f);
    } catch (e) {
      return setFileError(e instanceof Error ? e.message : 'Steward could not read the file.');
    }
    const chosen = { name: f.name, base64, size: f.size };
    setFile(chosen);
    const first = await run(() => call('bank.preview', { ...base(chosen), limit: 50 }));
    if (!first) return;
    setDetected(first);
    if (formatOf(first, chosen.name) === 'csv') {
      const known = first.preset ? presetList.find((p) => p.name === first.preset) : undefined;
      setPresetName(known?.name ?? '');
      setDraft(known ? draftFromPreset(first.csvRows, known) : guessDraft(first.csvRows));
      setStep('mapping');
    } else {
      setPreview(first);
      setStep('preview');
    }
  };

  const showPreview = async () => {
    if (!file || !detected) return;
    const mapping = isCsv && draft ? toMapping(draft, detected.csvRows) : null;
    const p = await run(() => call('bank.preview', { ...base(file), ...options(mapping, format), limit: 50 }));
    if (p) {
      setPreview(p);
      setStep('preview');
    }
  };

  const doImport = async () => {
    if (!file || !detected) return;
    const mapping = isCsv && draft ? toMapping(draft, detected.csvRows) : null;
    const r = await run(() => call('bank.import', { ...base(file), ...options(mapping, format), ...(presetName && isCsv ? { preset: presetName } : {}) }));
    if (r) {
      setResult(r);
      setRefusedByServer(r.errors.length > 0);
      setStep('done');
    } else setRefusedByServer(true);
  };

  const restart = () => {
    setStep('file');
    setFile(null);
    setDetected(null);
    setPreview(null);
    setResult(null);
    setDraft(null);
    setError(null);
    setRefusedByServer(false);
    if (inputRef.current) inputRef.current.value = '';
  };

  const reached = (s: Step): boolean => {
    if (s === 'file') return true;
    if (s === 'mapping') return isCsv;
    if (s === 'preview') return preview !== null;
    return result !== null;
  };

  return (
    <>
      <ol className="bk-steps" aria-label="Import steps">
        {STEPS.filter((s) => s.key !== 'mapping' || detected === null || isCsv).map((s) => (
          <li key={s.key}>
            <button
              type="button"
              className="bk-step"
              aria-current={s.key === step ? 'step' : undefined}
              disabled={!reached(s.key) || step === 'done' || s.key === 'done' || busy}
              onClick={() => setStep(s.key)}
            >
              {s.label}
            </button>
          </li>
        ))}
      </ol>

      {step === 'file' ? (
        <Card title="Choose the statement file" description="CSV, OFX or QFX (Money and Quicken downloads), or QIF. Steward works out the format and the text encoding.">
          <div className={['field', fileError ? 'field-invalid' : null].filter(Boolean).join(' ')}>
            <label className="field-label" htmlFor="bk-file">
              Statement file
            </label>
            <input
              ref={inputRef}
              id="bk-file"
              className="input"
              type="file"
              accept=".csv,.txt,.ofx,.qfx,.qif,text/csv"
              aria-describedby={fileError ? 'bk-file-error' : undefined}
              onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)}
            />
            {fileError ? (
              <p className="field-error" id="bk-file-error">
                {fileError}
              </p>
            ) : null}
          </div>
          {busy ? <p className="muted">Reading the file…</p> : null}
          {error ? <ErrorAlert error={error} /> : null}
        </Card>
      ) : null}

      {file && detected && step !== 'file' ? (
        <p className="bk-detected" role="status">
          <strong>{file.name}</strong>: {format ? format.toUpperCase() : 'format not recognised'}
          {encoding ? `, ${ENCODING_LABEL[encoding] ?? encoding}` : ''}
          {detected.preset ? `, looks like the ${presetList.find((p) => p.name === detected.preset)?.label ?? detected.preset} layout` : ''}.
        </p>
      ) : null}

      {step === 'mapping' && detected && draft ? (
        <MappingStep
          detected={detected}
          draft={draft}
          setDraft={setDraft}
          presets={presetList}
          presetName={presetName}
          setPresetName={setPresetName}
          onPresetsChanged={presets.reload}
          busy={busy}
          error={error}
          onNext={() => void showPreview()}
        />
      ) : null}

      {step === 'preview' && preview ? (
        <PreviewStep
          preview={preview}
          isCsv={isCsv}
          dateOrder={dateOrder}
          setDateOrder={(o) => {
            setDateOrder(o);
          }}
          onReread={() => void showPreview()}
          busy={busy}
          error={error}
          refused={refusedByServer}
          onBack={() => setStep(isCsv ? 'mapping' : 'file')}
          onImport={() => void doImport()}
        />
      ) : null}

      {step === 'done' && result ? <ImportSummary result={result} accountId={accountId} onAnother={restart} /> : null}
    </>
  );
}

// ---------- Mapping ----------

interface MappingProps {
  detected: PreviewResult;
  draft: MappingDraft;
  setDraft: (d: MappingDraft) => void;
  presets: PresetOut[];
  presetName: string;
  setPresetName: (n: string) => void;
  onPresetsChanged: () => void;
  busy: boolean;
  error: ApiError | null;
  onNext: () => void;
}

function MappingStep({ detected, draft, setDraft, presets, presetName, setPresetName, onPresetsChanged, busy, error, onNext }: MappingProps) {
  const rows = detected.csvRows;
  const cells = headerCells(rows, draft.headerLine);
  const [tried, setTried] = useState(false);
  const problems = draftProblems(draft);
  const shown = tried ? problems : {};
  const set = <K extends keyof MappingDraft>(k: K, v: MappingDraft[K]) => setDraft({ ...draft, [k]: v });

  const choosePreset = (name: string) => {
    setPresetName(name);
    const p = presets.find((x) => x.name === name);
    if (p) setDraft(draftFromPreset(rows, p));
  };

  const columnSelect = (label: string, value: number, onChange: (v: number) => void, opts: { required?: boolean; error?: string | undefined; hint?: string } = {}) => (
    <SelectField label={label} value={String(value)} onChange={(e) => onChange(Number(e.target.value))} error={opts.error} hint={opts.hint}>
      <option value={NONE}>{opts.required ? 'Choose a column' : 'Not in this file'}</option>
      {cells.map((c, i) => (
        <option key={i} value={i}>
          {c || `Column ${i + 1} (no heading)`}
        </option>
      ))}
    </SelectField>
  );

  const next = () => {
    setTried(true);
    if (Object.keys(problems).length === 0) onNext();
  };

  const bankPresets = presets.filter((p) => p.builtIn);
  const ownPresets = presets.filter((p) => !p.builtIn);
  const chosen = presets.find((p) => p.name === presetName);
  const noMapping = detected.errors.some((e) => e.code === 'no_mapping');

  return (
    <div className="bk-mapping">
      <Card title="Map the columns" description="Tell Steward which column holds what. Pick your bank's layout to fill this in, or set each column yourself.">
        {noMapping ? (
          <Alert tone="info">
            <p>Steward did not recognise this layout. Choose your bank below, or map the columns yourself.</p>
          </Alert>
        ) : null}
        {!noMapping && detected.errors.length > 0 ? (
          <Alert tone="warning" title={`Steward recognised the columns but could not read ${detected.errors.length === 1 ? 'one row' : `${detected.errors.length} rows`}`}>
            <ul className="problem-list">
              {detected.errors.slice(0, 5).map((e, i) => (
                <li key={i}>
                  {e.line ? `Line ${e.line}` : 'The file'}
                  {e.column ? `, column “${e.column}”` : ''}: {e.message}
                </li>
              ))}
            </ul>
            <p>Check the mapping below (the date format, for example). If it is right, the file itself needs correcting.</p>
          </Alert>
        ) : null}
        <div className="bk-form-grid">
          <SelectField
            label="Bank layout (preset)"
            value={presetName}
            onChange={(e) => choosePreset(e.target.value)}
            hint={chosen ? `${chosen.note}${chosen.builtIn && !chosen.verified ? ' Not yet checked against the bank’s own documentation.' : ''}` : 'Optional.'}
          >
            <option value="">None: I will map the columns</option>
            <optgroup label="Banks">
              {bankPresets.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.label}
                </option>
              ))}
            </optgroup>
            {ownPresets.length ? (
              <optgroup label="Saved by you">
                {ownPresets.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.label || p.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </SelectField>
          <SelectField label="Header row" value={String(draft.headerLine)} onChange={(e) => set('headerLine', Number(e.target.value))} hint="Rows above it are left out.">
            <option value="0">The file has no header row</option>
            {rows.map((r) => (
              <option key={r.line} value={r.line}>
                Line {r.line}: {r.cells.filter((c) => c.trim() !== '').slice(0, 4).join(', ').slice(0, 60)}
              </option>
            ))}
          </SelectField>
        </div>
        <fieldset className="cp-fieldset bk-fieldset">
          <legend>Columns</legend>
          <div className="bk-form-grid">
            {columnSelect('Date', draft.date, (v) => set('date', v), { required: true, error: shown.date })}
            <SelectField label="Date format" value={draft.dateFormat} onChange={(e) => set('dateFormat', e.target.value as MappingDraft['dateFormat'])}>
              {DATE_FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="bk-radios" role="radiogroup" aria-label="Amounts">
            <label>
              <input type="radio" name="bk-amount-mode" checked={draft.amountMode === 'one'} onChange={() => set('amountMode', 'one')} /> One amount column (paid in positive, paid out negative)
            </label>
            <label>
              <input type="radio" name="bk-amount-mode" checked={draft.amountMode === 'two'} onChange={() => set('amountMode', 'two')} /> Separate paid-in and paid-out columns
            </label>
          </div>
          <div className="bk-form-grid">
            {draft.amountMode === 'one' ? (
              <>
                {columnSelect('Amount', draft.amount, (v) => set('amount', v), { required: true, error: shown.amount })}
                <Checkbox label="Positive amounts are money out (some card exports)" checked={draft.invertAmount} onChange={(e) => set('invertAmount', e.target.checked)} />
              </>
            ) : (
              <>
                {columnSelect('Paid in', draft.paidIn, (v) => set('paidIn', v), { error: shown.paidIn })}
                {columnSelect('Paid out', draft.paidOut, (v) => set('paidOut', v))}
              </>
            )}
            {columnSelect('Description', draft.description[0], (v) => set('description', [v, draft.description[1]]), { required: true, error: shown.description })}
            {columnSelect('More description (optional)', draft.description[1], (v) => set('description', [draft.description[0], v]), { hint: 'Joined after the first, e.g. a transaction type.' })}
            {columnSelect('Reference', draft.reference, (v) => set('reference', v))}
            {columnSelect('Running balance', draft.balance, (v) => set('balance', v))}
            {columnSelect('Bank’s transaction id', draft.id, (v) => set('id', v), { hint: 'Used to spot lines already imported.' })}
          </div>
        </fieldset>
        <RawRows detected={detected} draft={draft} />
        {error ? <ErrorAlert error={error} /> : null}
        <div className="form-actions">
          <Button variant="primary" onClick={next} pending={busy}>
            Show the preview
          </Button>
        </div>
      </Card>
      <SavePreset mapping={Object.keys(problems).length === 0 ? toMapping(draft, rows) : null} onSaved={(p) => {
        onPresetsChanged();
        setPresetName(p.name);
      }} />
    </div>
  );
}

/** The first raw rows, with the mapped columns labelled. */
function RawRows({ detected, draft }: { detected: PreviewResult; draft: MappingDraft }) {
  const rows = detected.csvRows.slice(0, 8);
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  const roles = new Map<number, string>();
  const add = (i: number, name: string) => i !== NONE && roles.set(i, roles.has(i) ? `${roles.get(i)}, ${name}` : name);
  add(draft.date, 'date');
  if (draft.amountMode === 'one') add(draft.amount, 'amount');
  else {
    add(draft.paidIn, 'paid in');
    add(draft.paidOut, 'paid out');
  }
  add(draft.description[0], 'description');
  add(draft.description[1], 'description');
  add(draft.reference, 'reference');
  add(draft.balance, 'balance');
  add(draft.id, 'id');
  return (
    <div className="bk-table-wrap bk-raw">
      <table className="bk-table bk-table-compact">
        <caption>The file’s first rows as they are</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            {Array.from({ length: width }, (_, i) => (
              <th key={i} scope="col" className={roles.has(i) ? 'bk-mapped' : undefined}>
                {roles.get(i) ?? <span className="muted">not used</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.line} className={r.line === draft.headerLine ? 'bk-header-row' : r.line < draft.headerLine ? 'bk-preamble-row' : undefined}>
              <th scope="row">{r.line}</th>
              {Array.from({ length: width }, (_, i) => (
                <td key={i}>{r.cells[i] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SavePreset({ mapping, onSaved }: { mapping: CsvMappingInput | null; onSaved: (p: PresetOut) => void }) {
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const save = async () => {
    setSaved(null);
    setError(null);
    if (!name.trim()) return setNameError('Name the preset, for example “Unity Trust”');
    if (!mapping) return setNameError('Map the date, amount and description columns first');
    setNameError(undefined);
    setPending(true);
    try {
      const p = await call('bank.savePreset', { name: name.trim(), mapping });
      setSaved(p.name);
      onSaved(p);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Card title="Save this mapping" level={3} description="Next time, pick it from the bank layouts above.">
      <div className="bk-inline">
        <TextInput label="Preset name" value={name} onChange={(e) => setName(e.target.value)} error={nameError} autoComplete="off" />
        <Button onClick={() => void save()} pending={pending}>
          Save the preset
        </Button>
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      {saved ? (
        <Alert tone="success">
          <p>Saved the preset “{saved}”.</p>
        </Alert>
      ) : null}
    </Card>
  );
}

// ---------- Preview ----------

interface PreviewProps {
  preview: PreviewResult;
  isCsv: boolean;
  dateOrder: 'dmy' | 'mdy';
  setDateOrder: (o: 'dmy' | 'mdy') => void;
  onReread: () => void;
  busy: boolean;
  error: ApiError | null;
  refused: boolean;
  onBack: () => void;
  onImport: () => void;
}

function PreviewStep({ preview, isCsv, dateOrder, setDateOrder, onReread, busy, error, refused, onBack, onImport }: PreviewProps) {
  const fresh = preview.total - preview.duplicates;
  const canImport = preview.ok && preview.errors.length === 0 && preview.total > 0;
  return (
    <>
      <Card title="Check the preview" description="Nothing is saved until you import. The whole file goes in together or not at all.">
        {preview.format === 'qif' ? (
          <div className="bk-inline">
            <SelectField label="QIF dates" value={dateOrder} onChange={(e) => setDateOrder(e.target.value as 'dmy' | 'mdy')}>
              <option value="dmy">Day first (UK)</option>
              <option value="mdy">Month first (US Quicken)</option>
            </SelectField>
            <Button onClick={onReread} pending={busy}>
              Read again
            </Button>
          </div>
        ) : null}
        {preview.errors.length > 0 ? (
          <Alert tone="error" title={`This file cannot be imported: ${preview.errors.length} problem${preview.errors.length === 1 ? '' : 's'}. Nothing from it will be imported.`}>
            <p>{isCsv ? 'Check the column mapping (Back), or correct the file and choose it again.' : 'Correct the file, or download it again from the bank, and choose it again.'}</p>
            <table className="bk-table bk-table-compact bk-errors">
              <caption className="sr-only">Problems in the file</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.line === 0 ? '—' : e.line}</td>
                    <td>{e.column ?? '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Alert>
        ) : (
          <Facts
            items={[
              ['Lines read', String(preview.total)],
              ['New', String(fresh)],
              ['Already imported (will be skipped)', String(preview.duplicates)],
              ['Money in', formatPence(preview.totalIn)],
              ['Money out', formatPence(Math.abs(preview.totalOut))],
              ['Dates', preview.firstDate ? `${preview.firstDate} to ${preview.lastDate}` : '—'],
            ]}
          />
        )}
        {preview.ok && fresh === 0 && preview.total > 0 ? (
          <Alert tone="info">
            <p>Every line in this file is already imported. Importing it again adds nothing: each line will be listed as skipped, with the line it duplicates.</p>
          </Alert>
        ) : null}
        {preview.lines.length > 0 ? (
          <div className="bk-table-wrap">
            <table className="bk-table bk-table-compact">
              <caption>
                {preview.lines.length < preview.total ? `The first ${preview.lines.length} of ${preview.total} lines` : `All ${preview.total} lines`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Date</th>
                  <th scope="col">Description</th>
                  <th scope="col">Reference</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col" className="num">
                    Balance
                  </th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {preview.lines.map((l) => (
                  <tr key={l.sourceLine} className={l.duplicate ? 'bk-dup-row' : undefined}>
                    <td>{l.sourceLine}</td>
                    <td>{l.date}</td>
                    <td>{l.description}</td>
                    <td>{l.reference ?? ''}</td>
                    <td className="num">
                      <Flow pence={l.amount} />
                    </td>
                    <td className="num">{l.runningBalance === null ? '' : formatPence(l.runningBalance)}</td>
                    <td>{l.duplicate ? 'Already imported' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {preview.skipped.length > 0 ? (
          <details className="bk-skipped">
            <summary>
              {preview.skipped.length} line{preview.skipped.length === 1 ? '' : 's'} of the file {preview.skipped.length === 1 ? 'is' : 'are'} not transactions and will be left out
            </summary>
            <ul>
              {preview.skipped.map((s) => (
                <li key={s.line}>
                  Line {s.line}: {s.reason} <span className="muted">({s.text.slice(0, 80)})</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {error ? (
          <ErrorAlert error={error}>{refused ? <p>Nothing was imported.</p> : null}</ErrorAlert>
        ) : null}
        <div className="form-actions">
          <Button onClick={onBack}>Back</Button>
          <Button variant="primary" onClick={onImport} disabled={!canImport} pending={busy}>
            {!canImport ? 'Import' : fresh === 0 ? 'Import (every line will be skipped)' : `Import ${fresh} line${fresh === 1 ? '' : 's'}`}
          </Button>
        </div>
      </Card>
    </>
  );
}

// ---------- Summary ----------

function ImportSummary({ result, accountId, onAnother }: { result: ImportResult; accountId: number; onAnother: () => void }) {
  const refused = result.errors.length > 0;
  return (
    <Card title={refused ? 'The file was refused' : 'Import finished'}>
      {refused ? (
        <Alert tone="error" title="Nothing was imported: the bank account is exactly as it was.">
          <ul className="problem-list">
            {result.errors.map((e, i) => (
              <li key={i}>
                {e.line ? `Line ${e.line}` : 'The file'}
                {e.column ? `, column “${e.column}”` : ''}: {e.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        <Alert tone="success">
          <p>
            Imported {result.imported} line{result.imported === 1 ? '' : 's'}; skipped {result.skipped.length}.
            {result.autoMatched ? ` ${result.autoMatched} matched to the ledger automatically (one certain candidate each).` : ''}
          </p>
        </Alert>
      )}
      <Facts
        items={[
          ['Imported', String(result.imported)],
          ['Skipped', String(result.skipped.length)],
          ['Errors', String(result.errors.length)],
          ['Matched automatically', String(result.autoMatched)],
        ]}
      />
      {result.skipped.length > 0 ? (
        <div className="bk-table-wrap">
          <table className="bk-table bk-table-compact">
            <caption>Skipped lines and why</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {result.skipped.map((s, i) => (
                <tr key={i}>
                  <td>{s.line}</td>
                  <td>
                    {s.reason}
                    {s.existingLineId ? <span className="muted"> (stored bank line {s.existingLineId})</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="form-actions">
        <a className="btn btn-primary" href={accountHref(accountId, 'match')}>
          Match the lines
        </a>
        <Button onClick={onAnother}>Import another file</Button>
      </div>
    </Card>
  );
}
