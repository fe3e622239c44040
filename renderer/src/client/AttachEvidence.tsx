import { useRef, useState, type FormEvent } from 'react';
import type { AttachmentMeta } from '../../../shared/contract-money';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../../shared/domain';
import { useUnsavedGuard } from '../session';
import { ErrorAlert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { TextInput } from '../ui/Field';
import { formatBytes } from './format';
import { useAction } from './hooks';
import { Modal } from './Modal';

const EXTENSIONS = ['.pdf', '.png', '.jpg', '.jpeg'];

/** Why a file cannot be evidence, or null when it can. Checked before anything is sent. */
export function checkEvidenceFile(file: File): string | null {
  const lower = file.name.toLowerCase();
  const extOk = EXTENSIONS.some((e) => lower.endsWith(e));
  const typeOk = file.type === '' || (ATTACHMENT_TYPES as readonly string[]).includes(file.type);
  if (!extOk || !typeOk) return `“${file.name}” is not a PDF, PNG or JPEG file. Scan or save the evidence in one of those formats, then choose it again.`;
  if (file.size === 0) return `“${file.name}” is empty. Choose the file again.`;
  if (file.size > ATTACHMENT_MAX_BYTES) return `“${file.name}” is larger than 10 MB, the limit for evidence files. Scan it at a lower resolution or split it into parts.`;
  return null;
}

/** The file's bytes as base64, without the "data:...;base64," prefix FileReader adds. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.onerror = () => reject(new Error(`Steward could not read “${file.name}”. Check the file opens, then try again.`));
    reader.readAsDataURL(file);
  });
}

interface Props {
  clientId: number;
  /** The entry the evidence is for; absent for evidence about the client in general. */
  entry: { id: number; label: string } | null;
  onClose: () => void;
  onSaved: (meta: AttachmentMeta) => void;
}

export function AttachEvidenceDialog({ clientId, entry, onClose, onSaved }: Props) {
  const save = useAction('attachment.add');
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [reading, setReading] = useState(false);
  useUnsavedGuard(file !== null);

  const choose = (f: File | null) => {
    save.clear();
    setFile(f);
    setFileError(f ? (checkEvidenceFile(f) ?? undefined) : undefined);
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!file) {
      setFileError('Choose the file to attach.');
      input.current?.focus();
      return;
    }
    const problem = checkEvidenceFile(file);
    if (problem) {
      setFileError(problem);
      input.current?.focus();
      return;
    }
    let dataBase64: string;
    setReading(true);
    try {
      dataBase64 = await readAsBase64(file);
    } catch (err) {
      setFileError(err instanceof Error ? err.message : 'Steward could not read the file.');
      return;
    } finally {
      setReading(false);
    }
    const result = await save.run({ clientId, ...(entry ? { entryId: entry.id } : {}), filename: file.name, dataBase64 });
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    if (result.error.where === 'dataBase64' || result.error.where === 'filename') {
      setFileError(result.error.message);
      input.current?.focus();
    }
  };

  const busy = reading || save.pending;
  return (
    <Modal
      title={entry ? `Attach evidence to entry #${entry.id}` : 'Attach evidence'}
      onClose={onClose}
      busy={busy}
      onSubmit={(e) => void submit(e)}
      actions={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={busy}>
            Attach file
          </Button>
        </>
      }
    >
      <p className="cp-modal-lead">
        {entry ? `${entry.label}. ` : 'For the client’s file in general, not one entry. '}
        Attach the invoice, receipt, payslip or remittance advice. It is kept encrypted inside the ledger.
      </p>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <TextInput
        ref={input}
        label="File"
        type="file"
        accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
        hint="A PDF, PNG or JPEG file of at most 10 MB."
        error={fileError}
        className="cp-file-field"
        onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
      />
      {file && !fileError ? (
        <p className="muted" role="status">
          Ready to attach: {file.name} ({formatBytes(file.size)})
        </p>
      ) : null}
    </Modal>
  );
}
