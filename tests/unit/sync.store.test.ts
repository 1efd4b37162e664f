import { describe, expect, it, vi } from 'vitest';
import { OFF_STATUS } from '../../lib/sync/status';
import { createSyncStore, type SyncStoreDeps } from '../../stores/sync';

function storeWith(requestOrigin: SyncStoreDeps['requestOrigin']) {
  const call = vi.fn(async (name: string) => ({ ...OFF_STATUS, enabled: name === 'sync.enable', state: name === 'sync.enable' ? 'syncing' : 'off' }));
  const store = createSyncStore({ call: call as unknown as SyncStoreDeps['call'], requestOrigin, releaseOrigin: vi.fn(async () => true) });
  for (const [field, value] of Object.entries({ serverUrl: 'http://127.0.0.1:5984/', database: 'team', username: 'alice', password: 'pw', displayName: 'Alice' })) {
    store.getState().setField(field as 'serverUrl', value);
  }
  return { store, call };
}

describe('team sync store', () => {
  it('asks the browser for the server host, then turns sync on', async () => {
    const requestOrigin = vi.fn(async () => true);
    const { store, call } = storeWith(requestOrigin);
    await store.getState().enable();
    expect(requestOrigin).toHaveBeenCalledWith('http://127.0.0.1/*');
    expect(call).toHaveBeenCalledWith('sync.enable', expect.objectContaining({ serverUrl: 'http://127.0.0.1:5984', database: 'team', username: 'alice' }));
    expect(store.getState().formProblem).toBeNull();
  });

  it('keeps the browser\'s words when it refuses the permission, and does not turn sync on', async () => {
    const { store, call } = storeWith(async () => {
      throw new Error('Cannot request origin permission for http://127.0.0.1:5984/* since it was not declared in the manifest');
    });
    await store.getState().enable();
    expect(store.getState().formProblem).toBe('permission-refused');
    expect(store.getState().error).toContain('not declared in the manifest');
    expect(call).not.toHaveBeenCalledWith('sync.enable', expect.anything());
  });

  it('says the permission was refused when the interviewer said no', async () => {
    const { store, call } = storeWith(async () => false);
    await store.getState().enable();
    expect(store.getState().formProblem).toBe('permission-refused');
    expect(store.getState().error).toBeNull();
    expect(call).not.toHaveBeenCalledWith('sync.enable', expect.anything());
  });
});
