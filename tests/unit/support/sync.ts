import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';
import httpAdapter from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { InterviewDatabase } from '../../../lib/db/database';
import { InterviewRepository } from '../../../lib/db/repository';
import { EMPTY_CHECKPOINT, SyncEngine, type SyncCheckpoint } from '../../../lib/sync/engine';
import type { SyncDoc } from '../../../lib/sync/docs';

// pouchdb-core is one shared constructor: scripts/sync-server.mjs may have added these plugins already.
if (!('replicate' in PouchDB)) PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication);

export { PouchDB };

let counter = 0;

/**
 * One interviewer's browser profile for sync tests: a fresh Dexie database (fake-indexeddb), a repository with a
 * controllable clock, an in-memory PouchDB mirror and an engine pointed at `remoteUrl/database`.
 */
export function makeProfile(options: { owner: string; name: string; password: string; remoteUrl: string; database: string }) {
  const tag = `${options.owner}-${++counter}-${Math.random().toString(36).slice(2)}`;
  const clock = { now: 1_700_000_000_000 };
  const db = new InterviewDatabase(`sync-test-${tag}`);
  let ids = 0;
  const repo = new InterviewRepository(db, { now: () => clock.now, newId: () => `${tag}-${++ids}` });
  let mirrors = 0;
  let local = new PouchDB<SyncDoc>(`mirror-${tag}`, { adapter: 'memory' });
  let checkpoint: SyncCheckpoint = { ...EMPTY_CHECKPOINT };
  const remote = (password = options.password, database = options.database) =>
    new PouchDB<SyncDoc>(`${options.remoteUrl}/${database}`, { skip_setup: true, auth: { username: options.owner, password } });
  const engineWith = (password?: string, database?: string) =>
    new SyncEngine({
      db,
      local,
      remote: remote(password, database),
      replicate: PouchDB.replicate.bind(PouchDB),
      identity: { owner: options.owner, name: options.name },
      loadCheckpoint: async () => checkpoint,
      saveCheckpoint: async (next) => {
        checkpoint = structuredClone(next);
      },
      now: () => clock.now,
    });
  /** Sync turned off and on again: the mirror and the checkpoint start empty (lib/background/sync-service.ts). */
  const turnedOffAndOn = () => {
    local = new PouchDB<SyncDoc>(`mirror-${tag}-${++mirrors}`, { adapter: 'memory' });
    checkpoint = { ...EMPTY_CHECKPOINT };
    return engineWith();
  };
  return { db, repo, local: () => local, clock, engine: engineWith(), engineWith, turnedOffAndOn, checkpoint: () => checkpoint };
}
