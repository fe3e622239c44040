import { useState } from 'react';
import type { AttachmentMeta } from '../../../shared/contract-money';
import { call, toApiError, type ApiError } from '../api';
import { ErrorAlert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Section } from './Section';
import { formatBytes } from './format';

function base64ToBlob(b64: string, mime: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** Fetch the file and open it in a new tab; where new windows are not allowed (the desktop app), download it. */
async function openAttachment(id: number): Promise<void> {
  const { meta, dataBase64 } = await call('attachment.get', { id });
  const url = URL.createObjectURL(base64ToBlob(dataBase64, meta.mime));
  const win = window.open(url, '_blank');
  if (!win) {
    const a = document.createElement('a');
    a.href = url;
    a.download = meta.filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  // The new tab has loaded it by then; free the memory.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function Evidence({ attachments, onAttach }: { attachments: AttachmentMeta[]; onAttach: () => void }) {
  const [opening, setOpening] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const open = (id: number) => {
    setOpening(id);
    setError(null);
    openAttachment(id).then(
      () => setOpening(null),
      (e: unknown) => {
        setOpening(null);
        setError(toApiError(e));
      },
    );
  };
  return (
    <Section action={<Button onClick={onAttach}>Attach evidence…</Button>} title="Evidence" description={<p>Invoices, receipts, payslips and remittance advice, kept encrypted inside the ledger.</p>}>
      {error ? <ErrorAlert error={error} /> : null}
      {attachments.length === 0 ? (
        <p className="muted">No evidence attached yet. Attach a file to an entry with &ldquo;Attach evidence…&rdquo; in its row, or here for the client in general.</p>
      ) : (
        <div className="cp-table-scroll">
          <table className="cp-data-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Added</th>
                <th scope="col">For</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {attachments.map((a) => (
                <tr key={a.id}>
                  <td className="cp-file-name">{a.filename}</td>
                  <td className="num">{formatBytes(a.bytes)}</td>
                  <td>{a.createdAt.slice(0, 10)}</td>
                  <td>{a.entryId !== null ? `Entry #${a.entryId}` : <span className="muted">The client in general</span>}</td>
                  <td className="cp-row-actions">
                    <Button variant="quiet" className="cp-btn-small" pending={opening === a.id} onClick={() => open(a.id)}>
                      Open<span className="sr-only"> {a.filename}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
