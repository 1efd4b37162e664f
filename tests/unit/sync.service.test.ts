import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncService, SyncSetupError } from '../../lib/background/sync-service';
import { InterviewDatabase } from '../../lib/db/database';
import { checkServerUrl, originPattern } from '../../lib/sync/config';
import type { SyncStatus } from '../../lib/sync/status';
import { setupTeam, startSyncServer, type SyncServer } from '../../scripts/sync-server.mjs';
import { PouchDB } from './support/sync';

let server: SyncServer;
beforeAll(async () => {
  server = await startSyncServer({ memory: true });
  await setupTeam(server.url, 'team-s', [{ name: 'dora', password: 'dora-pw' }]);
});
afterAll(async () => {
  await server.stop();
});

function makeService() {
  const store = new Map<string, unknown>();
  const requests: string[] = [];
  const statuses: SyncStatus[] = [];
  const alarms = new Set<string>();
  const service = new SyncService({
    db: new InterviewDatabase(`svc-${Math.random().toString(36).slice(2)}`),
    area: {
      get: async (key) => ({ [key]: structuredClone(store.get(key)) }),
      set: async (items) => {
        for (const [k, v] of Object.entries(items)) store.set(k, structuredClone(v));
      },
    },
    Pouch: PouchDB,
    mirrorAdapter: 'memory',
    mirrorName: `svc-mirror-${Math.random().toString(36).slice(2)}`,
    now: () => Date.now(),
    onStatus: (s) => statuses.push(s),
    onInterviewsChanged: () => undefined,
    alarms: { create: (name) => alarms.add(name), clear: (name) => alarms.delete(name) },
    fetch: (url, init) => {
      requests.push(String(url instanceof Request ? url.url : url));
      return fetch(url, init);
    },
  });
  return { service, store, requests, statuses, alarms };
}

describe('team sync settings', { timeout: 60_000 }, () => {
  it('accepts HTTPS anywhere and plain HTTP only on this computer', () => {
    expect(checkServerUrl('https://couch.example.com/')).toEqual({ ok: true, url: 'https://couch.example.com', origin: 'https://couch.example.com' });
    expect(checkServerUrl('http://127.0.0.1:5984')).toMatchObject({ ok: true, origin: 'http://127.0.0.1:5984' });
    expect(checkServerUrl('http://localhost:5984/couch/')).toMatchObject({ ok: true, url: 'http://localhost:5984/couch' });
    expect(checkServerUrl('http://couch.example.com')).toEqual({ ok: false, problem: 'insecure' });
    expect(checkServerUrl('https://me:pw@couch.example.com')).toEqual({ ok: false, problem: 'has-credentials' });
    expect(checkServerUrl('couch.example.com')).toEqual({ ok: false, problem: 'invalid' });
  });

  it('asks for the server\'s host without its port (Firefox refuses a port the manifest does not name)', () => {
    expect(originPattern('http://127.0.0.1:5984')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://couch.example.com:6984')).toBe('https://couch.example.com/*');
    expect(originPattern('https://couch.example.com')).toBe('https://couch.example.com/*');
  });

  it('syncs once on, then turning off stops every request and forgets the user name and password', async () => {
    const { service, store, requests, alarms } = makeService();
    await expect(service.enable({ serverUrl: 'http://example.com', database: 'team-s', username: 'dora', password: 'x', displayName: '' })).rejects.toBeInstanceOf(SyncSetupError);
    await service.enable({ serverUrl: server.url, database: 'team-s', username: 'dora', password: 'dora-pw', displayName: 'Dora' });
    const status = await service.runNow();
    expect(status).toMatchObject({ enabled: true, state: 'synced', problem: null, username: 'dora', displayName: 'Dora' });
    expect(status.lastSyncedAt).not.toBeNull();
    expect(requests.length).toBeGreaterThan(0);
    expect(alarms.has('team-sync')).toBe(true);

    const off = await service.disable();
    expect(off).toMatchObject({ enabled: false, state: 'off', username: '' });
    expect(store.get('syncConfig')).toMatchObject({ enabled: false, username: '', password: '', serverUrl: server.url, database: 'team-s' });
    expect(alarms.has('team-sync')).toBe(false);
    const before = requests.length;
    await service.runNow();
    await new Promise((resolve) => setTimeout(resolve, 3_500)); // longer than the poll interval
    expect(requests.length).toBe(before);
  });

  it('saving again while on keeps the saved password when it is left empty, for the same account only', async () => {
    const { service, store } = makeService();
    // Turning on always needs the password.
    await expect(service.enable({ serverUrl: server.url, database: 'team-s', username: 'dora', password: '', displayName: '' })).rejects.toMatchObject({ problem: 'missing-password' });
    await service.enable({ serverUrl: server.url, database: 'team-s', username: 'dora', password: 'dora-pw', displayName: 'Dora' });
    // A new display name only: the password field stays empty and the saved one is kept.
    await service.enable({ serverUrl: server.url, database: 'team-s', username: 'dora', password: '', displayName: 'Dora M.' });
    expect(store.get('syncConfig')).toMatchObject({ enabled: true, password: 'dora-pw', displayName: 'Dora M.' });
    expect(await service.runNow()).toMatchObject({ state: 'synced', problem: null, displayName: 'Dora M.' });
    // Another account (or server, or database) never inherits it.
    await expect(service.enable({ serverUrl: server.url, database: 'team-s', username: 'eve', password: '', displayName: '' })).rejects.toMatchObject({ problem: 'missing-password' });
    expect(store.get('syncConfig')).toMatchObject({ username: 'dora', password: 'dora-pw' });
    await service.disable();
  });

  it('shows a wrong password as such, and keeps the interviewer’s settings', async () => {
    const { service } = makeService();
    await service.enable({ serverUrl: server.url, database: 'team-s', username: 'dora', password: 'nope', displayName: '' });
    const status = await service.runNow();
    expect(status).toMatchObject({ state: 'error', problem: 'wrong-password', enabled: true });
    await service.disable();
  });
});
