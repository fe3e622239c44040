/**
 * Choose the clients a report is for: a search box, a funder filter, select all / none, and a
 * virtualised list (an organisation may have hundreds of clients: only the rows in view are in the
 * DOM). Each row has the client's checkbox and their statement layout (easy read or standard),
 * which is saved at once with report.prefs.set.
 */
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Funder } from '../../../shared/contract-money';
import type { ReportClient } from '../../../shared/contract-reports';
import { call, toApiError, type ApiError } from '../api';
import { Button, EmptyState, ErrorAlert } from '../ui';
import { fold } from './kinds';

const ROW_HEIGHT = 44;

interface ClientPickerProps {
  clients: readonly ReportClient[];
  funders: readonly Funder[];
  funderId: number | null;
  onFunder: (id: number | null) => void;
  selected: ReadonlySet<number>;
  onSelected: (next: Set<number>) => void;
  /** A client's statement layout was changed (saved on the server). */
  onEasyRead: (clientId: number, easyRead: boolean) => void;
  /** List clients whose support has ended too (for a final statement or return). */
  showEnded: boolean;
  onShowEnded: (on: boolean) => void;
}

export function ClientPicker({ clients, funders, funderId, onFunder, selected, onSelected, onEasyRead, showEnded, onShowEnded }: ClientPickerProps) {
  const [search, setSearch] = useState('');
  const [saving, setSaving] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const q = fold(search.trim());
    if (!q) return clients;
    return clients.filter((c) => fold(c.name).includes(q) || fold(c.councilRef).includes(q));
  }, [clients, search]);

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => shown[i]?.id ?? i,
  });

  const toggle = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelected(next);
  };

  // Shown at once (the box is disabled while it saves); put back if the save fails.
  const setEasyRead = (c: ReportClient, easyRead: boolean) => {
    setSaving(c.id);
    setError(null);
    onEasyRead(c.id, easyRead);
    call('report.prefs.set', { clientId: c.id, easyRead }).then(
      (r) => {
        setSaving(null);
        onEasyRead(r.clientId, r.easyRead);
      },
      (e: unknown) => {
        setSaving(null);
        onEasyRead(c.id, c.easyRead);
        setError(toApiError(e));
      },
    );
  };

  const funderName = funderId === null ? null : (funders.find((f) => f.id === funderId)?.name ?? null);
  const chosenShown = shown.filter((c) => selected.has(c.id)).length;

  // Nothing to choose from at all: say what to do, without search tools that cannot help.
  if (clients.length === 0 && funderId === null && !showEnded) {
    return (
      <EmptyState title="No clients yet">
        <p>
          Statements and returns are made for clients. Add a client on the <a href="#/clients">Clients</a> screen first.
        </p>
      </EmptyState>
    );
  }

  return (
    <div className="rp-clients">
      <div className="rp-client-tools">
        <div className="field">
          <label className="field-label" htmlFor="rp-search">
            Find a client
          </label>
          <input id="rp-search" className="input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name or council reference" />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="rp-funder">
            Funder
          </label>
          <select id="rp-funder" className="input" value={funderId ?? ''} onChange={(e) => onFunder(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">All funders</option>
            {funders.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="rp-ended">
        <input type="checkbox" checked={showEnded} onChange={(e) => onShowEnded(e.target.checked)} />
        <span>Show clients whose support has ended (for a final statement or return)</span>
      </label>
      <div className="rp-client-bar">
        <p className="rp-count" aria-live="polite">
          {selected.size} of {clients.length} {clients.length === 1 ? 'client' : 'clients'} chosen
          {search.trim() ? ` (${shown.length} shown, ${chosenShown} of them chosen)` : ''}
        </p>
        <Button variant="quiet" disabled={shown.length === 0} onClick={() => onSelected(new Set([...selected, ...shown.map((c) => c.id)]))}>
          {search.trim() ? 'Select all shown' : 'Select all'}
        </Button>
        <Button variant="quiet" disabled={selected.size === 0} onClick={() => onSelected(new Set())}>
          Select none
        </Button>
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      {clients.length === 0 ? (
        <EmptyState title={`${funderName ?? 'This funder'} funds no clients`}>
          <p>Choose "All funders" to see every client, or add this funder to a client on the client's page.</p>
        </EmptyState>
      ) : shown.length === 0 ? (
        <p className="rp-none" role="status">
          No client matches "{search.trim()}". Check the spelling, or search by council reference.
        </p>
      ) : (
        <div className="rp-client-scroll" ref={scrollRef} role="group" aria-label="Clients to report on">
          <ul className="rp-client-list" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => {
              const c = shown[v.index]!;
              const checkId = `rp-client-${c.id}`;
              return (
                <li key={v.key} className={['rp-client-row', selected.has(c.id) ? 'rp-client-chosen' : null].filter(Boolean).join(' ')} style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                  <input id={checkId} type="checkbox" checked={selected.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                  <label htmlFor={checkId} className="rp-client-name">
                    {c.name}
                    {c.councilRef ? <span className="rp-ref"> {c.councilRef}</span> : null}
                    {c.status === 'ended' ? <span className="rp-ref"> (ended)</span> : null}
                  </label>
                  <label className="rp-easy">
                    <input type="checkbox" checked={c.easyRead} disabled={saving === c.id} aria-label={`Easy-read statements for ${c.name}`} onChange={(e) => setEasyRead(c, e.target.checked)} />
                    <span aria-hidden="true">Easy read</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
