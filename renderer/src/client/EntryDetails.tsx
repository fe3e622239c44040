import type { ClientDetail } from '../../../shared/contract-money';
import { useQuery } from '../api';
import { ErrorAlert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { EntrySummary } from './EntrySummary';
import { Modal } from './Modal';

export function EntryDetailsDialog({ detail, entryId, onClose }: { detail: ClientDetail; entryId: number; onClose: () => void }) {
  const entry = useQuery('entry.get', { id: entryId });
  return (
    <Modal
      title={`Entry #${entryId}`}
      size="wide"
      onClose={onClose}
      actions={
        <Button autoFocus onClick={onClose}>
          Close
        </Button>
      }
    >
      {entry.status === 'loading' ? <p role="status">Loading entry #{entryId}…</p> : null}
      {entry.status === 'error' ? (
        <ErrorAlert error={entry.error}>
          <Button onClick={entry.reload}>Try again</Button>
        </ErrorAlert>
      ) : null}
      {entry.status === 'ok' ? <EntrySummary entry={entry.data} detail={detail} lines /> : null}
    </Modal>
  );
}
