import { useEffect, useMemo, useRef, useState } from 'react';
import { useController, useFieldArray, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { ARRANGEMENTS, ARRANGEMENT_LABEL, Arrangement, BUDGET_FOR, BUDGET_FOR_LABEL, BudgetFor } from '../../../shared/domain';
import { isValidNhsNumber, normaliseNhsNumber, formatNhsNumber } from '../../../shared/nhs';
import type { BankAccount, Client, ClientCreateInput, Funder } from '../../../shared/contract-money';
import { call, useQuery, type ApiError } from '../api';
import { go } from '../routes';
import { useUnsavedGuard } from '../session';
import { Button, Card, Checkbox, EmptyState, ErrorAlert, TextInput } from '../ui';
import { Fieldset, Select, TextArea } from '../clients-list/fields';
import { fieldErrorMessages } from '../clients-list/form-errors';
import { dayText, parseDayText } from '../clients-list/labels';
import { PooledAccountCreator } from '../clients-list/PooledAccountCreator';
import { useSave } from '../clients-list/useSave';
import { ScreenHeading } from './ScreenHeading';
import '../styles-clients.css';

// ---------- The form's own schema: what the person types, checked before anything is sent ----------

const Text200 = z.string().trim().max(200, 'At most 200 characters');
const Text4000 = z.string().trim().max(4000, 'At most 4,000 characters');
const Required200 = z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters');

const NHS_MESSAGE = 'This is not a valid NHS number. It has 10 digits and the last one is a check digit: check each digit against the letter or card.';
const TRUST_MESSAGE = 'An Independent User Trust needs at least two trustees with different names (payments need two of them to approve).';

const DATE_MESSAGE = 'Write the date as day/month/year, for example 17/05/1980.';

/** A day typed as day/month/year (or ISO); the form's value is the ISO day, '' when left empty. */
const DayText = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === '') return '';
    const iso = parseDayText(s);
    if (iso === null) {
      ctx.addIssue({ code: 'custom', message: DATE_MESSAGE });
      return z.NEVER;
    }
    return iso;
  });

const ContactRow = z.object({
  name: Required200,
  relationship: Text200,
  phone: Text200,
  email: z.union([z.literal(''), z.email('Enter a valid email address, like name@example.org')]),
});
const TrusteeRow = z.object({ name: z.string().trim().max(200, 'At most 200 characters'), family: z.boolean() });

const ClientFormSchema = z
  .object({
    name: Required200,
    preferredName: Text200,
    dateOfBirth: DayText,
    address: Text4000,
    contacts: z.array(ContactRow).max(20, 'At most 20 contacts'),
    councilReference: Text200,
    nhsNumber: z
      .string()
      .trim()
      .refine((s) => s === '' || isValidNhsNumber(s), NHS_MESSAGE),
    funderIds: z.array(z.number()).min(1, 'Choose at least one funder.').max(5, 'At most 5 funders'),
    arrangement: Arrangement,
    budgetFor: BudgetFor,
    accountHolder: Text200,
    representative: Text200,
    trustees: z.array(TrusteeRow).max(10, 'At most 10 trustees'),
    startDate: z.string().trim().min(1, 'Enter the date you start holding money for this client.').pipe(DayText),
    notes: Text4000,
    bank: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.budgetFor === 'child' && !v.accountHolder) {
      ctx.addIssue({ code: 'custom', path: ['accountHolder'], message: 'For a disabled child’s budget, name the parent or guardian who holds the account.' });
    }
    if (v.dateOfBirth && v.startDate && v.dateOfBirth > v.startDate) {
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'The date of birth is after the start date.' });
    }
    if (v.arrangement === 'user-trust') {
      const named = v.trustees.filter((t) => t.name.trim() !== '');
      const distinct = new Set(named.map((t) => t.name.trim().toLowerCase()));
      if (named.length < 2 || distinct.size < named.length) ctx.addIssue({ code: 'custom', path: ['trustees'], message: TRUST_MESSAGE });
    }
  });

type FormIn = z.input<typeof ClientFormSchema>;
type FormOut = z.output<typeof ClientFormSchema>;

const resolver = zodResolver(ClientFormSchema, { error: fieldErrorMessages });

const EMPTY: FormIn = {
  name: '',
  preferredName: '',
  dateOfBirth: '',
  address: '',
  contacts: [],
  councilReference: '',
  nhsNumber: '',
  funderIds: [],
  arrangement: 'managed-account',
  budgetFor: 'person',
  accountHolder: '',
  representative: '',
  trustees: [],
  startDate: '',
  notes: '',
  bank: 'new',
};

function valuesOf(c: Client): FormIn {
  return {
    name: c.name,
    preferredName: c.preferredName,
    dateOfBirth: dayText(c.dateOfBirth),
    address: c.address,
    contacts: c.contacts.map((x) => ({ ...x })),
    councilReference: c.councilReference,
    nhsNumber: c.nhsNumber ? formatNhsNumber(c.nhsNumber) : '',
    funderIds: [...c.funderIds],
    arrangement: c.arrangement,
    budgetFor: c.budgetFor,
    accountHolder: c.accountHolder,
    representative: c.representative,
    trustees: c.trustees.map((t) => ({ ...t })),
    startDate: dayText(c.startDate),
    notes: c.notes,
    bank: String(c.bankAccountId),
  };
}

/** The fields the api takes, from what was typed. Trustees only count for a trust. */
function toInput(v: FormOut): Omit<ClientCreateInput, 'bankAccountId'> {
  return {
    name: v.name,
    preferredName: v.preferredName,
    dateOfBirth: v.dateOfBirth === '' ? null : v.dateOfBirth,
    address: v.address,
    contacts: v.contacts,
    councilReference: v.councilReference,
    nhsNumber: normaliseNhsNumber(v.nhsNumber),
    funderIds: v.funderIds,
    arrangement: v.arrangement,
    budgetFor: v.budgetFor,
    accountHolder: v.accountHolder,
    representative: v.representative,
    trustees: v.arrangement === 'user-trust' ? v.trustees.filter((t) => t.name.trim() !== '') : [],
    startDate: v.startDate,
    notes: v.notes,
  };
}

/** Where the server says a problem is ("patch.nhsNumber", "contacts.0.email", "bankAccountId") as a form field. */
function fieldOf(where: string | undefined): string | null {
  if (!where) return null;
  const w = where.replace(/^patch\./, '');
  if (w === 'bankAccountId') return 'bank';
  return w;
}

// ---------- The screen ----------

export function ClientFormScreen({ clientId }: { clientId: number | null }) {
  const funders = useQuery('funder.list', {});
  const title = clientId === null ? 'Add a client' : 'Edit client';
  return (
    <>
      <ScreenHeading title={title}>
        <p>{clientId === null ? 'Their details, who funds them and where their money is held. Fields marked “required” must be filled in.' : 'Change the client’s details. Their money and history are not affected.'}</p>
      </ScreenHeading>
      {funders.status === 'loading' ? (
        <p role="status" className="muted">
          Loading…
        </p>
      ) : null}
      {funders.status === 'error' ? (
        <ErrorAlert error={funders.error}>
          <Button onClick={funders.reload}>Try again</Button>
        </ErrorAlert>
      ) : null}
      {funders.data && funders.data.length === 0 ? (
        <EmptyState title="Add a funder first">
          <p>Every client is funded by a council, the NHS or another body, and there are no funders in this ledger yet.</p>
          <p>
            Go to <a href="#/funders">Funders</a>, add the body that pays this client’s budget, then come back to add the client.
          </p>
        </EmptyState>
      ) : null}
      {funders.data && funders.data.length > 0 ? clientId === null ? <NewClient funders={funders.data} /> : <EditClient clientId={clientId} funders={funders.data} /> : null}
    </>
  );
}

function NewClient({ funders }: { funders: Funder[] }) {
  const banks = useQuery('bankAccount.list', {});
  const defaults = useMemo<FormIn>(() => ({ ...EMPTY, funderIds: funders.length === 1 ? [funders[0]!.id] : [] }), [funders]);
  if (banks.status === 'error') {
    return (
      <ErrorAlert error={banks.error}>
        <Button onClick={banks.reload}>Try again</Button>
      </ErrorAlert>
    );
  }
  if (!banks.data) {
    return (
      <p role="status" className="muted">
        Loading bank accounts…
      </p>
    );
  }
  return <ClientFormBody funders={funders} defaults={defaults} client={null} banks={banks.data} />;
}

function EditClient({ clientId, funders }: { clientId: number; funders: Funder[] }) {
  const detail = useQuery('client.get', { id: clientId });
  if (detail.status === 'error') {
    return (
      <ErrorAlert error={detail.error}>
        <Button onClick={detail.reload}>Try again</Button>
      </ErrorAlert>
    );
  }
  if (!detail.data) {
    return (
      <p role="status" className="muted">
        Loading the client…
      </p>
    );
  }
  return <ClientFormBody key={clientId} funders={funders} defaults={valuesOf(detail.data.client)} client={detail.data.client} banks={[detail.data.bankAccount]} />;
}

interface BodyProps {
  funders: Funder[];
  defaults: FormIn;
  /** The client being edited; null when adding. */
  client: Client | null;
  /** Bank accounts as loaded once; accounts opened on this form are added alongside (a reload would reset the form). */
  banks: BankAccount[];
}

function ClientFormBody({ funders, defaults, client, banks }: BodyProps) {
  const saving = useSave();
  const [creatingPool, setCreatingPool] = useState(false);
  const [newPools, setNewPools] = useState<BankAccount[]>([]);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setFocus,
    trigger,
    formState: { errors, isDirty },
  } = useForm<FormIn, unknown, FormOut>({ resolver, defaultValues: defaults, shouldFocusError: true });
  useUnsavedGuard(isDirty);

  const contacts = useFieldArray({ control, name: 'contacts' });
  const trustees = useFieldArray({ control, name: 'trustees' });
  const funderField = useController({ control, name: 'funderIds' });
  const bankField = useController({ control, name: 'bank' });
  const arrangement = useWatch({ control, name: 'arrangement' });
  const budgetFor = useWatch({ control, name: 'budgetFor' });

  // Choosing a trust starts two trustee rows: a trust needs at least two.
  const previousArrangement = useRef(arrangement);
  const { append: appendTrustees } = trustees;
  const trusteeCount = trustees.fields.length;
  useEffect(() => {
    const before = previousArrangement.current;
    previousArrangement.current = arrangement;
    if (arrangement === 'user-trust' && before !== 'user-trust' && trusteeCount === 0) {
      appendTrustees(
        [
          { name: '', family: false },
          { name: '', family: false },
        ],
        { shouldFocus: false },
      );
    }
  }, [arrangement, appendTrustees, trusteeCount]);

  // Once the trustees have been found wanting, say as soon as they are right (the rule spans rows).
  const trusteesInvalid = errors.trustees !== undefined;
  const recheckTrustees = () => {
    if (trusteesInvalid) void trigger('trustees');
  };

  const serverWhere = fieldOf(saving.error?.where);
  /** The error for a field: the form's own check first, then the server's if it named this field. */
  const err = (field: string, own: string | undefined) => own ?? (serverWhere === field ? saving.error?.message : undefined);

  const onSubmit = handleSubmit(async (v) => {
    const fields = toInput(v);
    const res = await saving.run(() =>
      client
        ? call('client.update', { id: client.id, patch: fields })
        : call('client.create', { ...fields, ...(v.bank === 'new' ? {} : { bankAccountId: Number(v.bank) }) }),
    );
    if (!res.ok) {
      focusServerField(res.error);
      return;
    }
    reset(valuesOf(res.value));
    go(`#/clients/${res.value.id}`);
  });

  const focusServerField = (e: ApiError) => {
    const f = fieldOf(e.where);
    const simple = ['name', 'preferredName', 'dateOfBirth', 'address', 'councilReference', 'nhsNumber', 'arrangement', 'accountHolder', 'representative', 'startDate', 'notes'];
    if (f && simple.includes(f)) setFocus(f as FieldPath<FormIn>);
  };

  const pooled = [...banks.filter((b) => b.kind === 'pooled'), ...newPools.filter((n) => !banks.some((b) => b.id === n.id))];
  const trusteesError = err('trustees', errors.trustees?.root?.message ?? errors.trustees?.message);
  const fundersError = err('funderIds', errors.funderIds?.message ?? errors.funderIds?.root?.message);
  const cancelHref = client ? `#/clients/${client.id}` : '#/clients';

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="client-form stack" aria-label={client ? `Edit ${client.name}` : 'Add a client'}>
      <Card title="The person">
        <div className="form-grid">
          <TextInput label="Full name (required)" autoComplete="off" error={err('name', errors.name?.message)} {...register('name')} />
          <TextInput label="Preferred name" autoComplete="off" error={err('preferredName', errors.preferredName?.message)} {...register('preferredName')} />
        </div>
        <div className="form-grid">
          <TextInput label="Date of birth" autoComplete="off" hint="Day/month/year, e.g. 17/05/1980" error={err('dateOfBirth', errors.dateOfBirth?.message)} {...register('dateOfBirth')} />
          <div aria-hidden="true" />
        </div>
        <TextArea label="Address" rows={3} autoComplete="off" error={err('address', errors.address?.message)} {...register('address')} />
      </Card>

      <Card title="References">
        <div className="form-grid">
          <TextInput label="Council reference" autoComplete="off" hint="The funder’s reference for this person." error={err('councilReference', errors.councilReference?.message)} {...register('councilReference')} />
          <TextInput
            label="NHS number"
            autoComplete="off"
            inputMode="numeric"
            hint="10 digits, e.g. 943 476 5919. Spaces are fine."
            error={err('nhsNumber', errors.nhsNumber?.message)}
            {...register('nhsNumber')}
          />
        </div>
      </Card>

      <Card title="Funding and who holds the budget">
        <Fieldset label="Funders (required)" hint="Who pays this budget. Most clients have one." error={fundersError} className="choices">
          {funders.map((f) => (
            <Checkbox
              key={f.id}
              label={f.name}
              name="funderIds"
              value={f.id}
              checked={funderField.field.value.includes(f.id)}
              onBlur={funderField.field.onBlur}
              onChange={(e) => {
                const now = funderField.field.value;
                funderField.field.onChange(e.target.checked ? [...now, f.id] : now.filter((x) => x !== f.id));
              }}
            />
          ))}
        </Fieldset>
        <div className="form-grid">
          <Select label="Arrangement" hint="How the money is managed for them." error={err('arrangement', errors.arrangement?.message)} {...register('arrangement')}>
            {ARRANGEMENTS.map((a) => (
              <option key={a} value={a}>
                {ARRANGEMENT_LABEL[a]}
              </option>
            ))}
          </Select>
          <TextInput
            label="Start date (required)"
            autoComplete="off"
            hint="When you start holding money for them: day/month/year."
            error={err('startDate', errors.startDate?.message)}
            {...register('startDate')}
          />
        </div>
        <Fieldset label="Who the budget is for" error={err('budgetFor', errors.budgetFor?.message)} className="choices">
          {BUDGET_FOR.map((b) => (
            <label key={b} className="choice">
              <input type="radio" value={b} {...register('budgetFor')} />
              <span>{BUDGET_FOR_LABEL[b]}</span>
            </label>
          ))}
        </Fieldset>
        <div className="form-grid">
          <TextInput
            label={budgetFor === 'child' ? 'Account holder (required)' : 'Account holder'}
            autoComplete="off"
            hint={budgetFor === 'child' ? 'The parent or guardian who holds the account for the child.' : 'Who holds the account, if not the person.'}
            error={err('accountHolder', errors.accountHolder?.message)}
            {...register('accountHolder')}
          />
          <TextInput
            label="Representative or nominated person"
            autoComplete="off"
            hint="Someone who acts for them, e.g. under a power of attorney."
            error={err('representative', errors.representative?.message)}
            {...register('representative')}
          />
        </div>
        {arrangement === 'user-trust' ? (
          <Fieldset label="Trustees" hint="At least two, with different names. Payments need two of them to approve." error={trusteesError} className="rows">
            {trustees.fields.map((row, i) => (
              <div key={row.id} className="row-editor">
                <TextInput
                  label={`Trustee ${i + 1} name`}
                  autoComplete="off"
                  error={errors.trustees?.[i]?.name?.message}
                  {...register(`trustees.${i}.name`, { onChange: recheckTrustees })}
                />
                <Checkbox label="Family member" {...register(`trustees.${i}.family`)} />
                <Button variant="quiet" onClick={() => trustees.remove(i)}>
                  Remove<span className="sr-only"> trustee {i + 1}</span>
                </Button>
              </div>
            ))}
            <Button onClick={() => trustees.append({ name: '', family: false })} disabled={trustees.fields.length >= 10}>
              Add trustee
            </Button>
          </Fieldset>
        ) : null}
      </Card>

      <Card title="Contacts" description={<p>Family, carers and professionals to contact about this person.</p>}>
        {contacts.fields.length === 0 ? <p className="muted">No contacts yet.</p> : null}
        {contacts.fields.map((row, i) => (
          <div key={row.id} className="row-editor contact-row">
            <TextInput label={`Contact ${i + 1} name`} autoComplete="off" error={err(`contacts.${i}.name`, errors.contacts?.[i]?.name?.message)} {...register(`contacts.${i}.name`)} />
            <TextInput label="Relationship" autoComplete="off" error={errors.contacts?.[i]?.relationship?.message} {...register(`contacts.${i}.relationship`)} />
            <TextInput label="Phone" type="tel" autoComplete="off" error={errors.contacts?.[i]?.phone?.message} {...register(`contacts.${i}.phone`)} />
            <TextInput label="Email" type="email" autoComplete="off" error={err(`contacts.${i}.email`, errors.contacts?.[i]?.email?.message)} {...register(`contacts.${i}.email`)} />
            <Button variant="quiet" onClick={() => contacts.remove(i)}>
              Remove<span className="sr-only"> contact {i + 1}</span>
            </Button>
          </div>
        ))}
        <Button onClick={() => contacts.append({ name: '', relationship: '', phone: '', email: '' })} disabled={contacts.fields.length >= 20}>
          Add contact
        </Button>
      </Card>

      {client === null ? (
        <Card title="Bank account" description={<p>Where this client’s money is held. Each client’s share is always kept apart in the ledger.</p>}>
          <Fieldset label="Hold their money in" error={err('bank', undefined)} className="choices">
            <label className="choice">
              <input type="radio" name="bank" value="new" checked={bankField.field.value === 'new'} onChange={() => bankField.field.onChange('new')} />
              <span>
                Open a new dedicated account <span className="muted">(for this client only)</span>
              </span>
            </label>
            {pooled.map((b) => (
              <label key={b.id} className="choice">
                <input type="radio" name="bank" value={String(b.id)} checked={bankField.field.value === String(b.id)} onChange={() => bankField.field.onChange(String(b.id))} />
                <span>
                  {b.name}{' '}
                  <span className="muted">
                    (pooled{b.sortCode ? `, ${b.sortCode}` : ''}
                    {b.accountNumber ? ` ${b.accountNumber}` : ''}, {b.clientIds.length} {b.clientIds.length === 1 ? 'client' : 'clients'})
                  </span>
                </span>
              </label>
            ))}
          </Fieldset>
          {creatingPool ? (
            <PooledAccountCreator
              onCancel={() => setCreatingPool(false)}
              onCreated={(b) => {
                setCreatingPool(false);
                setNewPools((list) => [...list, b]);
                bankField.field.onChange(String(b.id));
              }}
            />
          ) : (
            <Button variant="quiet" onClick={() => setCreatingPool(true)}>
              New pooled account
            </Button>
          )}
        </Card>
      ) : (
        <Card title="Bank account">
          <p>
            Their money is held in <strong>{banks[0]?.name ?? `account ${client.bankAccountId}`}</strong>. The account does not change here.
          </p>
        </Card>
      )}

      <Card title="Notes">
        <TextArea label="Notes" rows={4} hint="Anything the team should know. Not shown on statements." error={err('notes', errors.notes?.message)} {...register('notes')} />
      </Card>

      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      {Object.keys(errors).length > 0 ? (
        <p className="field-error" role="alert">
          Some details need changing: see the messages above.
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={saving.pending}>
          {client ? 'Save changes' : 'Add client'}
        </Button>
        <a className="btn btn-secondary" href={cancelHref}>
          Cancel
        </a>
      </div>
    </form>
  );
}
