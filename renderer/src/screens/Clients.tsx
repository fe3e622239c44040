import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { ALERT_KINDS, ALERT_LABEL, ARRANGEMENTS, ARRANGEMENT_LABEL, type Arrangement } from '../../../shared/domain';
import type { ClientSummary, Funder } from '../../../shared/contract-money';
import { useQuery } from '../api';
import { go } from '../routes';
import { Button, EmptyState, ErrorAlert, TextInput } from '../ui';
import { ClientTable } from '../clients-list/ClientTable';
import { Select } from '../clients-list/fields';
import { filterClients, indexClients, isFiltered, NO_FILTERS, type AlertFilter, type ClientFilters } from '../clients-list/search';
import { ScreenHeading } from './ScreenHeading';
import '../styles-clients.css';

/** The filters survive a visit to a client page and back (not a lock: the module state is per window). */
let remembered: ClientFilters = NO_FILTERS;

const count = (n: number) => n.toLocaleString('en-GB');

export function ClientsScreen() {
  const clients = useQuery('client.list', {});
  const funders = useQuery('funder.list', {});
  return (
    <>
      <div className="heading-row">
        <ScreenHeading title="Clients">
          <p>Everyone whose budget this organisation holds, with their balance and anything that needs attention.</p>
        </ScreenHeading>
        <Button variant="primary" onClick={() => go('#/clients/new')}>
          Add client
        </Button>
      </div>
      {clients.status === 'loading' ? (
        <p role="status" className="muted">
          Loading clients…
        </p>
      ) : null}
      {clients.status === 'error' ? (
        <ErrorAlert error={clients.error}>
          <Button onClick={clients.reload}>Try again</Button>
        </ErrorAlert>
      ) : null}
      {clients.data ? <ClientList clients={clients.data} funders={funders.data ?? []} /> : null}
    </>
  );
}

function ClientList({ clients, funders }: { clients: ClientSummary[]; funders: Funder[] }) {
  const [filters, setFilters] = useState<ClientFilters>(remembered);
  useEffect(() => {
    remembered = filters;
  }, [filters]);
  const index = useMemo(() => indexClients(clients), [clients]);
  // Typing stays responsive: the list catches up with the latest filters when it can.
  const deferred = useDeferredValue(filters);
  const rows = useMemo(() => filterClients(index, deferred), [index, deferred]);
  const set = (patch: Partial<ClientFilters>) => setFilters((f) => ({ ...f, ...patch }));

  // Funders for the filter: the funder list, plus any name only the clients know (never empty-handed).
  const funderOptions = useMemo(() => {
    const byId = new Map<number, string>(funders.map((f) => [f.id, f.name]));
    for (const c of clients) c.funderIds.forEach((id, i) => byId.has(id) || byId.set(id, c.funderNames[i] ?? `Funder ${id}`));
    return [...byId].sort((a, b) => a[1].localeCompare(b[1], 'en-GB'));
  }, [funders, clients]);

  if (clients.length === 0) {
    return (
      <EmptyState title="No clients yet">
        <p>Each client is a person whose personal budget you hold: their details, their funder and the bank account their money sits in.</p>
        {funders.length === 0 ? (
          <p>
            Start by adding the council or NHS body that funds them on the <a href="#/funders">Funders</a> screen, then add the client.
          </p>
        ) : (
          <p>Add the first client to start recording their money.</p>
        )}
        <div className="form-actions">
          <Button variant="primary" onClick={() => go('#/clients/new')}>
            Add client
          </Button>
          {funders.length === 0 ? <Button onClick={() => go('#/funders')}>Go to Funders</Button> : null}
        </div>
      </EmptyState>
    );
  }

  const filtered = isFiltered(filters);
  const resetKey = JSON.stringify(deferred);
  return (
    <div className="client-list">
      <form className="filter-bar" role="search" aria-label="Find clients" onSubmit={(e) => e.preventDefault()}>
        <TextInput
          className="filter-search"
          label="Search clients"
          type="search"
          hint="Name, preferred name or council reference"
          autoComplete="off"
          spellCheck={false}
          value={filters.query}
          onChange={(e) => set({ query: e.target.value })}
        />
        <Select label="Funder" value={filters.funderId === null ? '' : String(filters.funderId)} onChange={(e) => set({ funderId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">All funders</option>
          {funderOptions.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
        <Select label="Arrangement" value={filters.arrangement} onChange={(e) => set({ arrangement: e.target.value as Arrangement | '' })}>
          <option value="">All arrangements</option>
          {ARRANGEMENTS.map((a) => (
            <option key={a} value={a}>
              {ARRANGEMENT_LABEL[a]}
            </option>
          ))}
        </Select>
        <Select label="Alerts" value={filters.alert} onChange={(e) => set({ alert: e.target.value as AlertFilter })}>
          <option value="">With or without alerts</option>
          <option value="any">Any alert</option>
          {ALERT_KINDS.map((k) => (
            <option key={k} value={k}>
              {ALERT_LABEL[k]}
            </option>
          ))}
          <option value="none">No alerts</option>
        </Select>
      </form>
      <div className="list-meta">
        <p role="status" aria-live="polite" className="list-count">
          Showing {count(rows.length)} of {count(clients.length)} clients
        </p>
        {filtered ? (
          <Button variant="quiet" onClick={() => setFilters(NO_FILTERS)}>
            Clear search and filters
          </Button>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <EmptyState title="No clients match">
          <p>
            {filters.query.trim() ? `Nobody matches “${filters.query.trim()}” with these filters. ` : 'Nobody matches these filters. '}
            Check the spelling, try part of the name or the council reference, or clear the filters.
          </p>
          <Button onClick={() => setFilters(NO_FILTERS)}>Clear search and filters</Button>
        </EmptyState>
      ) : (
        <ClientTable rows={rows} resetKey={resetKey} label="Clients" />
      )}
      <p className="muted table-help">Click a row, or move to it with the arrow keys and press Enter, to open the client.</p>
    </div>
  );
}
