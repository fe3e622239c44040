/**
 * The matching screen's dialogs: split a line across several ledger entries or clients (the parts
 * must come to the line's amount, shown live), create a ledger entry from a line, and unmatch.
 */
import { useState, type FormEvent } from 'react';
import type { BankLineRow, Suggestion } from '../../../shared/contract-banking';
import type { BankAccount } from '../../../shared/contract-money';
import { AUTH_METHODS, CATEGORIES, CATEGORY_LABEL, RECEIPT_SOURCES, type AuthMethod, type Category, type ReceiptSource } from '../../../shared/domain';
import { formatPence, parseAmount } from '../../../shared/money';
import { call, toApiError, useQuery, type ApiError } from '../api';
import { Modal } from '../client/Modal';
import { SelectField, TextAreaField } from '../client/fields';
import { Alert, Button, ErrorAlert, TextInput } from '../ui';
import { Flow } from './common';

interface Common {
  line: BankLineRow;
  onClose: () => void;
  onDone: (message: string) => void;
}

const SOURCE_LABEL: Record<ReceiptSource, string> = { council: 'Council / funder', contribution: 'Client contribution', other: 'Other' };
const METHOD_LABEL: Record<AuthMethod, string> = { written: 'In writing', email: 'By email', phone: 'By phone', 'in-person': 'In person' };

function clientOptions(account: BankAccount, names: Map<number, string> | null) {
  return account.clientIds.map((id) => ({ id, name: names?.get(id) ?? `Client ${id}` }));
}

// ---------- Split ----------

interface NewPart {
  key: number;
  clientId: number;
  amount: string;
}

export function SplitDialog({ line, account, names, onClose, onDone }: Common & { account: BankAccount; names: Map<number, string> | null }) {
  const cands = useQuery('bank.suggestions', { bankLineId: line.id, limit: 50 });
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [parts, setParts] = useState<NewPart[]>([]);
  const [authBy, setAuthBy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const clients = clientOptions(account, names);
  const sign = line.amount < 0 ? -1 : 1;
  const list: Suggestion[] = cands.status === 'ok' ? cands.data : [];

  const partPence = (p: NewPart): number | null => {
    if (p.amount.trim() === '') return 0;
    try {
      const v = parseAmount(p.amount);
      return v > 0 ? v : null;
    } catch {
      return null;
    }
  };
  const chosenTotal = list.filter((s) => picked.has(s.entryId)).reduce((t, s) => t + s.amount, 0);
  const newTotal = parts.reduce((t, p) => t + sign * (partPence(p) ?? 0), 0);
  const remaining = line.amount - chosenTotal - newTotal;
  const count = picked.size + parts.length;

  const toggle = (id: number) => {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setPicked(next);
  };

  const addPart = () => setParts([...parts, { key: Date.now() + parts.length, clientId: clients[0]?.id ?? 0, amount: remaining !== 0 ? formatPence(Math.abs(remaining), { symbol: false }) : '' }]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFormError(null);
    setError(null);
    if (count === 0) return setFormError('Tick the entries, or add a part for each client.');
    const bad = parts.find((p) => partPence(p) === null || partPence(p) === 0);
    if (bad) return setFormError('Each new part needs an amount above £0.00, like 120.00.');
    if (remaining !== 0) return setFormError(`The parts must come to the line's ${formatPence(Math.abs(line.amount))}: ${formatPence(Math.abs(remaining))} ${sign * remaining > 0 ? 'is still to allocate' : 'too much is allocated'}.`);
    if (sign < 0 && parts.length > 0 && authBy.trim() === '') return setFormError('Record who authorised the new payments.');
    setBusy(true);
    try {
      // One call, one transaction: the new parts are recorded and the line matched to every part, or nothing is written.
      const row = await call('bank.split', {
        bankLineId: line.id,
        parts: [
          ...[...picked].map((entryId) => ({ entryId })),
          ...parts.map((p) =>
            sign > 0
              ? { clientId: p.clientId, kind: 'receipt' as const, amount: partPence(p)!, source: 'other' as const }
              : { clientId: p.clientId, kind: 'payment' as const, amount: partPence(p)!, category: 'other' as const, authorisations: [{ by: authBy.trim(), method: 'written' as const }] },
          ),
        ],
      });
      onDone(`Split the ${line.date} line of ${formatPence(Math.abs(line.amount))} across ${row.entryIds.length} entries.`);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Split the line"
      size="wide"
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      busy={busy}
      actions={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={busy} disabled={remaining !== 0 || count === 0}>
            Match {count || ''} part{count === 1 ? '' : 's'}
          </Button>
        </>
      }
    >
      <p className="cp-modal-lead">
        {line.date} · <Flow pence={line.amount} /> · {line.description}. Choose the ledger entries it pays{account.kind === 'pooled' ? ' (one or more for each client)' : ''}, or add a new part for a client.
      </p>
      <p className={remaining === 0 ? 'bk-remaining bk-remaining-ok' : 'bk-remaining'} aria-live="polite">
        Remaining to allocate: <strong>{formatPence(Math.abs(remaining))}</strong>
        {remaining !== 0 && sign * remaining < 0 ? ' too much' : ''}
      </p>
      {cands.status === 'error' ? <ErrorAlert error={cands.error} /> : null}
      {list.length > 0 ? (
        <fieldset className="cp-fieldset">
          <legend>Ledger entries</legend>
          <ul className="bk-split-list">
            {list.map((s) => (
              <li key={s.entryId}>
                <label>
                  <input type="checkbox" checked={picked.has(s.entryId)} onChange={() => toggle(s.entryId)} /> <strong>{s.clientName}</strong> · {s.date} · {formatPence(Math.abs(s.amount))}
                  <span className="muted"> · {[s.payeeName, s.reference, s.memo].filter(Boolean).join(' · ') || `entry ${s.entryId}`}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : cands.status === 'ok' ? (
        <p className="muted">No unmatched ledger entries of this direction within 14 days.</p>
      ) : null}
      <fieldset className="cp-fieldset">
        <legend>New {sign > 0 ? 'receipts' : 'payments'} from this line</legend>
        {parts.map((p, i) => (
          <div key={p.key} className="bk-inline">
            <SelectField label={`Client for part ${i + 1}`} value={String(p.clientId)} onChange={(e) => setParts(parts.map((x) => (x.key === p.key ? { ...x, clientId: Number(e.target.value) } : x)))}>
              {clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextInput
              label={`Amount for part ${i + 1}`}
              inputMode="decimal"
              value={p.amount}
              autoComplete="off"
              error={partPence(p) === null ? 'Write it like 120.00' : undefined}
              onChange={(e) => setParts(parts.map((x) => (x.key === p.key ? { ...x, amount: e.target.value } : x)))}
            />
            <Button variant="quiet" onClick={() => setParts(parts.filter((x) => x.key !== p.key))}>
              Remove part {i + 1}
            </Button>
          </div>
        ))}
        <Button onClick={addPart} disabled={clients.length === 0}>
          Add a part for a client
        </Button>
        {sign < 0 && parts.length > 0 ? <TextInput label="New payments authorised by" value={authBy} onChange={(e) => setAuthBy(e.target.value)} autoComplete="off" /> : null}
      </fieldset>
      {formError ? (
        <Alert tone="error">
          <p>{formError}</p>
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}

// ---------- Create an entry ----------

export function CreateEntryDialog({ line, account, names, onClose, onDone }: Common & { account: BankAccount; names: Map<number, string> | null }) {
  const clients = clientOptions(account, names);
  const pooled = account.kind === 'pooled';
  const kind: 'receipt' | 'payment' = line.amount < 0 ? 'payment' : 'receipt';
  const [clientId, setClientId] = useState<number>(pooled ? 0 : (clients[0]?.id ?? 0));
  const [source, setSource] = useState<ReceiptSource>('other');
  const [category, setCategory] = useState<Category>(/charge|fee|interest/i.test(line.description) ? 'fees' : 'other');
  const [payee, setPayee] = useState(line.description.slice(0, 200));
  const [authBy, setAuthBy] = useState('');
  const [method, setMethod] = useState<AuthMethod>('written');
  const [memo, setMemo] = useState('');
  const [overrideBy, setOverrideBy] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [needsOverride, setNeedsOverride] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!clientId) errs.client = pooled ? 'Choose the client: this is a pooled account, so the money must belong to one of its clients' : 'Choose the client';
    if (kind === 'payment' && !payee.trim()) errs.payee = 'Name the payee';
    if (kind === 'payment' && !authBy.trim()) errs.authBy = 'Record who authorised this payment (bank charges too)';
    if (needsOverride && !overrideBy.trim()) errs.overrideBy = 'Enter who authorised the override';
    if (needsOverride && overrideReason.trim().length < 5) errs.overrideReason = 'Give the reason (at least 5 characters)';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('bank.createEntry', {
        bankLineId: line.id,
        clientId,
        kind,
        ...(memo.trim() ? { memo: memo.trim() } : {}),
        ...(kind === 'receipt'
          ? { source }
          : {
              category,
              payee: payee.trim(),
              authorisations: [{ by: authBy.trim(), method, note: '' }],
              ...(needsOverride ? { override: { by: overrideBy.trim(), reason: overrideReason.trim() } } : {}),
            }),
      });
      const who = clients.find((c) => c.id === clientId)?.name ?? `client ${clientId}`;
      onDone(`Created ${kind === 'receipt' ? 'a receipt' : 'a payment'} (entry ${r.entryId}) for ${who} from the ${line.date} line, and matched it.`);
    } catch (err) {
      const ae = toApiError(err);
      if (ae.code === 'INSUFFICIENT_FUNDS') setNeedsOverride(true);
      setError(ae);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={kind === 'receipt' ? 'Create a receipt from the line' : 'Create a payment from the line'}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      busy={busy}
      actions={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={busy}>
            Create and match
          </Button>
        </>
      }
    >
      <p className="cp-modal-lead">
        {line.date} · <Flow pence={line.amount} /> · {line.description}
        {line.reference ? ` · ${line.reference}` : ''}. The entry takes the line's date, amount and reference.
      </p>
      <SelectField label="Client" value={String(clientId)} onChange={(e) => setClientId(Number(e.target.value))} error={errors.client} autoFocus>
        {pooled ? <option value="0">Choose the client</option> : null}
        {clients.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <p className="field-hint">
        Kind: <strong>{kind === 'receipt' ? 'receipt (money in)' : 'payment (money out)'}</strong>, from the line's direction.
      </p>
      {kind === 'receipt' ? (
        <SelectField label="Where the money came from" value={source} onChange={(e) => setSource(e.target.value as ReceiptSource)}>
          {RECEIPT_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABEL[s]}
            </option>
          ))}
        </SelectField>
      ) : (
        <>
          <SelectField label="Category" value={category} onChange={(e) => setCategory(e.target.value as Category)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABEL[c]}
              </option>
            ))}
          </SelectField>
          <TextInput label="Payee" value={payee} onChange={(e) => setPayee(e.target.value)} error={errors.payee} autoComplete="off" hint="A payee in the directory with this name is used; otherwise a new one is added." />
          <div className="bk-inline">
            <TextInput
              label="Authorised by"
              value={authBy}
              onChange={(e) => {
                setAuthBy(e.target.value);
                if (errors.authBy && e.target.value.trim()) setErrors({ ...errors, authBy: '' });
              }}
              error={errors.authBy || undefined}
              autoComplete="off"
            />
            <SelectField label="How" value={method} onChange={(e) => setMethod(e.target.value as AuthMethod)}>
              {AUTH_METHODS.map((m) => (
                <option key={m} value={m}>
                  {METHOD_LABEL[m]}
                </option>
              ))}
            </SelectField>
          </div>
        </>
      )}
      <TextInput label="Memo (optional)" value={memo} onChange={(e) => setMemo(e.target.value)} autoComplete="off" hint="Defaults to the line's description." />
      {needsOverride ? (
        <fieldset className="cp-fieldset">
          <legend>Authorised override</legend>
          <TextInput label="Override authorised by" value={overrideBy} onChange={(e) => setOverrideBy(e.target.value)} error={errors.overrideBy} autoComplete="off" />
          <TextAreaField label="Reason for the override" rows={2} value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} error={errors.overrideReason} />
        </fieldset>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}

// ---------- Unmatch ----------

export function UnmatchDialog({ line, onClose, onDone }: Common) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (reason.trim().length < 5) return setReasonError('Give the reason (at least 5 characters)');
    setReasonError(undefined);
    setBusy(true);
    setError(null);
    try {
      await call('bank.unmatch', { bankLineId: line.id, reason: reason.trim() });
      onDone(`Unmatched the ${line.date} line of ${formatPence(Math.abs(line.amount))}. The ledger entries are kept; they are unmatched again.`);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Unmatch the line"
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      busy={busy}
      actions={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={busy}>
            Unmatch
          </Button>
        </>
      }
    >
      <p className="cp-modal-lead">
        {line.date} · <Flow pence={line.amount} /> · {line.description}. The reason is kept in the audit trail. The ledger entries stay as they are.
      </p>
      <TextAreaField label="Reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError} autoFocus />
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
