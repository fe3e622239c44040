/**
 * What an employer still owes from posted pay runs (net wages to PAs, PAYE and NI to HMRC, pension
 * contributions to the scheme), with "Record payment" for each: payroll.payLiability pays it out of
 * the client's money and clears the liability in one journal entry. A trust needs two trustees.
 */
import { useEffect, useRef, useState } from 'react';
import { AUTH_METHODS, type AuthMethod } from '../../../shared/domain';
import { formatPence, parseAmount } from '../../../shared/money';
import { call, useQuery } from '../api';
import { Alert, Button, Card, ErrorAlert, Money, TextInput } from '../ui';
import { Select } from '../clients-list/fields';
import { useSave } from '../clients-list/useSave';
import { AUTH_METHOD_LABEL } from '../client/format';
import { fieldError } from '../payroll/labels';
import { todayUk } from './common';

type Liability = 'net-wages' | 'paye-ni' | 'pension';

const LIABILITIES: Array<{ key: Liability; field: 'netWages' | 'payeNi' | 'pension'; label: string; payee: string }> = [
  { key: 'net-wages', field: 'netWages', label: 'Net wages owed to PAs', payee: 'PAs (net wages)' },
  { key: 'paye-ni', field: 'payeNi', label: 'PAYE and NI owed to HMRC', payee: 'HMRC' },
  { key: 'pension', field: 'pension', label: 'Pension contributions owed', payee: 'Pension scheme' },
];

interface Props {
  clientId: number;
  isTrust: boolean;
  trustees: string[];
  /** The date the payment form starts with (a run's pay day); today when not given. */
  defaultDate?: string;
  /**
   * Owed as at this date (a run is owed from its pay date, the date of its journal entry). Today by
   * the server's clock when not given.
   */
  asOf?: string;
}

export function Liabilities({ clientId, isTrust, trustees, defaultDate, asOf }: Props) {
  const owed = useQuery('payroll.liabilities', asOf ? { clientId, asOf } : { clientId });
  const [paying, setPaying] = useState<Liability | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Card title="Outstanding payroll liabilities" description={<p>
          What posted pay runs still owe{asOf ? ` as at ${asOf}` : ''}. Record each payment when the money leaves the client&rsquo;s account.
        </p>}>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {owed.status === 'loading' ? (
        <p role="status" className="muted">
          Loading what is owed…
        </p>
      ) : null}
      {owed.status === 'error' ? (
        <ErrorAlert error={owed.error}>
          <Button onClick={owed.reload}>Try again</Button>
        </ErrorAlert>
      ) : null}
      {owed.status === 'ok' ? (
        <div className="table-wrap">
          <table className="data-table prn-table">
            <caption className="sr-only">Outstanding payroll liabilities</caption>
            <thead>
              <tr>
                <th scope="col">Owed</th>
                <th scope="col" className="num">
                  Outstanding
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {LIABILITIES.map((l) => {
                const amount = owed.data[l.field];
                return (
                  <tr key={l.key}>
                    <th scope="row">{l.label}</th>
                    <td className="num">
                      <Money pence={amount} />
                    </td>
                    <td className="actions">
                      {amount > 0 && paying !== l.key ? (
                        <Button
                          variant="quiet"
                          onClick={() => {
                            setNotice(null);
                            setPaying(l.key);
                          }}
                        >
                          Record payment<span className="sr-only"> of {l.label.toLowerCase()}</span>
                        </Button>
                      ) : null}
                      {amount <= 0 ? <span className="muted">Nothing owed</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {owed.status === 'ok' && paying !== null ? (
        <PayForm
          key={paying}
          clientId={clientId}
          liability={LIABILITIES.find((l) => l.key === paying)!}
          outstanding={owed.data[LIABILITIES.find((l) => l.key === paying)!.field]}
          isTrust={isTrust}
          trustees={trustees}
          defaultDate={defaultDate ?? todayUk()}
          onCancel={() => setPaying(null)}
          onPaid={(text) => {
            setPaying(null);
            setNotice(text);
            owed.reload();
          }}
        />
      ) : null}
    </Card>
  );
}

interface PayFormProps {
  clientId: number;
  liability: (typeof LIABILITIES)[number];
  outstanding: number;
  isTrust: boolean;
  trustees: string[];
  defaultDate: string;
  onCancel: () => void;
  onPaid: (notice: string) => void;
}

function PayForm({ clientId, liability, outstanding, isTrust, trustees, defaultDate, onCancel, onPaid }: PayFormProps) {
  const [amount, setAmount] = useState(formatPence(outstanding, { symbol: false }));
  const [date, setDate] = useState(defaultDate);
  const [payee, setPayee] = useState(liability.payee);
  const [reference, setReference] = useState('');
  const [auth, setAuth] = useState<Array<{ by: string; method: AuthMethod }>>(() => Array.from({ length: isTrust ? 2 : 1 }, () => ({ by: '', method: 'written' as AuthMethod })));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saving = useSave();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);

  const submit = async () => {
    const next: Record<string, string> = {};
    let pence = 0;
    try {
      pence = parseAmount(amount);
      if (pence <= 0) next['amount'] = 'Enter an amount above £0.00.';
    } catch (e) {
      next['amount'] = e instanceof Error ? e.message : 'Enter an amount like 123.45.';
    }
    if (date === '') next['date'] = 'Enter the date the money was paid.';
    auth.forEach((a, i) => {
      if (a.by.trim() === '') next[`auth${i}`] = isTrust ? `Enter the name of trustee ${i + 1}.` : 'Enter who authorised the payment.';
    });
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const res = await saving.run(() =>
      call('payroll.payLiability', {
        clientId,
        liability: liability.key,
        amount: pence,
        date,
        ...(payee.trim() ? { payeeName: payee.trim() } : {}),
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        authorisations: auth.map((a) => ({ by: a.by.trim(), method: a.method })),
      }),
    );
    if (res.ok) {
      onPaid(`Recorded paying ${formatPence(pence)} to ${payee.trim() || liability.payee} on ${date}.`);
      return;
    }
    const fe = fieldError(res.error.where, res.error.message);
    if (fe && ['amount', 'date', 'payeeName', 'reference'].includes(fe.field)) setErrors({ [fe.field]: fe.message });
  };

  return (
    <form
      noValidate
      className="pr-form prn-pay-form"
      aria-label={`Record payment of ${liability.label.toLowerCase()}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="prn-subheading">Record payment: {liability.label}</h3>
      <div className="prn-grid">
        <TextInput ref={ref} label="Amount (£)" inputMode="decimal" hint={`Outstanding: ${formatPence(outstanding)}`} value={amount} error={errors['amount']} onChange={(e) => setAmount(e.target.value)} />
        <TextInput label="Date paid" type="date" value={date} error={errors['date']} onChange={(e) => setDate(e.target.value)} />
        <TextInput label="Paid to" value={payee} error={errors['payeeName']} onChange={(e) => setPayee(e.target.value)} />
        <TextInput label="Reference" hint="Optional, e.g. the HMRC payment reference" value={reference} error={errors['reference']} onChange={(e) => setReference(e.target.value)} />
      </div>
      {auth.map((a, i) => (
        <div className="prn-approver" key={i}>
          <TextInput
            label={isTrust ? `Authorising trustee ${i + 1}` : 'Authorised by'}
            list={isTrust ? 'prn-pay-trustees' : undefined}
            autoComplete="off"
            value={a.by}
            error={errors[`auth${i}`]}
            onChange={(e) => setAuth((rs) => rs.map((r, j) => (j === i ? { ...r, by: e.target.value } : r)))}
          />
          <Select
            label={isTrust ? `How trustee ${i + 1} authorised` : 'How they authorised'}
            value={a.method}
            onChange={(e) => setAuth((rs) => rs.map((r, j) => (j === i ? { ...r, method: e.target.value as AuthMethod } : r)))}
          >
            {AUTH_METHODS.map((m) => (
              <option key={m} value={m}>
                {AUTH_METHOD_LABEL[m]}
              </option>
            ))}
          </Select>
        </div>
      ))}
      {isTrust ? (
        <datalist id="prn-pay-trustees">
          {trustees.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      ) : null}
      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={saving.pending}>
          Record payment
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
