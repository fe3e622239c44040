/**
 * Preload (sandboxed, context-isolated): exposes exactly one object, `window.steward`, built in
 * bridge.ts. Bundled to dist/main/preload.cjs; it may require only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld('steward', buildBridge(ipcRenderer, process.platform));
