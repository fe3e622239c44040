import { describe, expect, it, vi } from 'vitest';
import { buildBridge, type IpcRendererLike } from '../../../main/electron/bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const listeners = new Map<string, Listener[]>();
  const invoke = vi.fn((_channel: string, ..._args: unknown[]): Promise<unknown> => Promise.resolve({ ok: true, value: 1 }));
  const ipc: IpcRendererLike = {
    invoke,
    on(channel, listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipc;
    },
    removeListener(channel, listener) {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
      return ipc;
    },
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'the-ipc-event' }, ...args);
  };
  return { ipc, invoke, emit, count: (channel: string) => listeners.get(channel)?.length ?? 0 };
}

describe('preload bridge', () => {
  it('exposes exactly invoke, dialog, platform and onMenu', () => {
    const b = buildBridge(fakeIpcRenderer().ipc, 'linux');
    expect(Object.keys(b).sort()).toEqual(['dialog', 'invoke', 'onMenu', 'platform']);
    expect(b.platform).toBe('linux');
    expect(Object.isFrozen(b)).toBe(true);
  });

  it('invoke and dialog use only their own channels', async () => {
    const f = fakeIpcRenderer();
    const b = buildBridge(f.ipc, 'win32');
    await expect(b.invoke('app.info', {})).resolves.toEqual({ ok: true, value: 1 });
    expect(f.invoke).toHaveBeenLastCalledWith('steward:invoke', 'app.info', {});
    f.invoke.mockResolvedValueOnce('/home/a/org.steward');
    await expect(b.dialog('openLedger')).resolves.toBe('/home/a/org.steward');
    expect(f.invoke).toHaveBeenLastCalledWith('steward:dialog', 'openLedger');
    f.invoke.mockResolvedValueOnce({ not: 'a path' });
    await expect(b.dialog('chooseFolder')).resolves.toBeNull();
  });

  it('passes known menu actions, never the event, and can unsubscribe', () => {
    const f = fakeIpcRenderer();
    const b = buildBridge(f.ipc, 'darwin');
    const seen: unknown[][] = [];
    const off = b.onMenu((...args: unknown[]) => seen.push(args));
    f.emit('steward:menu', 'lock');
    f.emit('steward:menu', 'format-disk');
    f.emit('steward:other', 'backup');
    expect(seen).toEqual([['lock']]);
    off();
    expect(f.count('steward:menu')).toBe(0);
    f.emit('steward:menu', 'backup');
    expect(seen).toEqual([['lock']]);
  });
});
