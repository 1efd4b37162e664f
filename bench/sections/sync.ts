/**
 * Team sync (issue 16): the first sync of a large history to an empty server and back to a new profile, and the
 * delay from a saved note to its row in a teammate's profile.
 *
 * Runs in Node, not in a browser: the sync engine (lib/sync/engine.ts) with Dexie over fake-indexeddb, a PouchDB
 * memory mirror per profile, and PouchDB Server (scripts/sync-server.mjs) in memory on 127.0.0.1, so the figures
 * are the engine and the replication protocol over HTTP; a browser's IndexedDB (the extension's mirror) is slower
 * to write than memory. The note delay is one save, one cycle of the writer and one cycle of the reader; in the
 * extension the writer's cycle starts 0.4 s after the save and the reader's every 3 s, so up to 3.4 s more.
 */
import type { Guide } from '../../lib/guides/schema';
import { scorecardBundle } from '../../tests/e2e/support/sync-data';
import { median, ms, quantile, type BenchSection } from '../support';

/** The figure: 5,000 interviews × 40 notes. */
const FULL = { interviews: 5_000, notes: 40, samples: 40 };
const QUICK = { interviews: 50, notes: 10, samples: 5 };
const DATABASE = 'bench-team';
const USERS = [
  { name: 'alice', password: 'alice-pw' },
  { name: 'bob', password: 'bob-pw' },
];

const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

export const sync: BenchSection = {
  key: 'sync',
  title: 'Team sync',
  builds: [],
  async run({ quick, report }) {
    const size = process.env.BENCH_SYNC_INTERVIEWS ? { ...FULL, interviews: Number(process.env.BENCH_SYNC_INTERVIEWS) } : quick ? QUICK : FULL;
    // A fake IndexedDB for Dexie in Node, loaded only for this section (the others run in browsers).
    const fakeIndexedDb = 'fake-indexeddb/auto'; // its types do not resolve through the package's exports
    await import(fakeIndexedDb);
    const { default: Dexie } = await import('dexie');
    Dexie.dependencies.indexedDB = globalThis.indexedDB;
    Dexie.dependencies.IDBKeyRange = globalThis.IDBKeyRange;
    const { InterviewDatabase } = await import('../../lib/db/database');
    const { InterviewRepository } = await import('../../lib/db/repository');
    const { EMPTY_CHECKPOINT, SyncEngine } = await import('../../lib/sync/engine');
    const { startSyncServer, setupTeam } = await import('../../scripts/sync-server.mjs');
    const { default: PouchDB } = await import('pouchdb-core');
    const { BUNDLED_GUIDES } = await import('../../lib/guides/bundled');
    const guide: Guide = BUNDLED_GUIDES.find((g) => g.id === 'backend-engineer')!;

    const server = await startSyncServer({ memory: true });
    try {
      await setupTeam(server.url, DATABASE, USERS);
      let profiles = 0;
      const profile = (owner: string) => {
        const tag = `bench-sync-${owner}-${++profiles}`;
        const db = new InterviewDatabase(tag);
        let checkpoint = { ...EMPTY_CHECKPOINT };
        const user = USERS.find((u) => u.name === owner)!;
        const engine = new SyncEngine({
          db,
          local: new PouchDB(`${tag}-mirror`, { adapter: 'memory' }),
          remote: new PouchDB(`${server.url}/${DATABASE}`, { skip_setup: true, auth: { username: owner, password: user.password } }),
          replicate: PouchDB.replicate.bind(PouchDB),
          identity: { owner, name: owner },
          loadCheckpoint: async () => checkpoint,
          saveCheckpoint: async (next) => {
            checkpoint = next;
          },
          now: () => Date.now(),
        });
        return { db, engine, repo: new InterviewRepository(db, { now: () => Date.now(), newId: () => crypto.randomUUID() }) };
      };

      // The interviewer's history, written straight into Dexie.
      const alice = profile('alice');
      const texts = Array.from({ length: size.notes }, (_, k) => `Note ${k}: explained the retry budget and how the queue drains after an outage`);
      for (let start = 0; start < size.interviews; start += 500) {
        const bundles = Array.from({ length: Math.min(500, size.interviews - start) }, (_, i) =>
          scorecardBundle(guide, { id: `bench-${start + i}`, at: Date.UTC(2026, 0, 1) + (start + i) * 3_600_000, recommendation: 'yes', notes: texts, ratings: [] }),
        );
        await alice.db.guideSnapshots.put({ key: bundles[0]!.interview.guideSnapshotKey, guide, createdAt: 1 });
        await alice.db.interviews.bulkPut(bundles.map((b) => b.interview));
        await alice.db.notes.bulkPut(bundles.flatMap((b) => b.notes));
      }
      const documents = size.interviews * (1 + size.notes) + 1;

      let started = performance.now();
      const up = await alice.engine.runOnce();
      const upMs = performance.now() - started;
      if (up.pushed !== documents || up.refused.length) throw new Error(`first sync sent ${up.pushed} of ${documents} documents (${up.refused.length} refused)`);
      report(`First sync up: ${size.interviews.toLocaleString('en')} interviews × ${size.notes} notes (${documents.toLocaleString('en')} documents) to an empty server`, `${seconds(upMs)}, ${Math.round(documents / (upMs / 1000)).toLocaleString('en')} documents/s`);

      const bob = profile('bob');
      started = performance.now();
      const down = await bob.engine.runOnce();
      const downMs = performance.now() - started;
      const arrived = await bob.db.notes.count();
      if (arrived !== size.interviews * size.notes) throw new Error(`a new profile received ${arrived} notes of ${size.interviews * size.notes}`);
      report(`First sync down to a new profile (same ${documents.toLocaleString('en')} documents)`, `${seconds(downMs)}, ${Math.round(down.applied / (downMs / 1000)).toLocaleString('en')} rows/s`);

      // A saved note until it is a row in the teammate's profile: the writer's cycle, then the reader's.
      const delays: number[] = [];
      for (let k = 0; k < size.samples; k++) {
        const id = `bench-latency-${k}`;
        started = performance.now();
        await alice.repo.upsertNote({ id, interviewId: 'bench-0', questionId: null, stageId: null, text: `Latency note ${k}`, stampEarlierMs: 0 });
        await alice.engine.runOnce();
        await bob.engine.runOnce();
        if (!(await bob.db.notes.get(id))) throw new Error(`note ${id} did not arrive`);
        delays.push(performance.now() - started);
      }
      report(
        `Saved note → row in the teammate's profile, ${size.samples} notes (one cycle each side; add up to 3.4 s of scheduling in the extension)`,
        `p50 ${ms(median(delays))}, p95 ${ms(quantile(delays, 0.95))}`,
      );
      return {
        data: { size, documents, upMs, downMs, delays },
        note: 'Measured in Node: the sync engine with Dexie on fake-indexeddb and PouchDB memory mirrors against PouchDB Server in memory on 127.0.0.1; the extension writes its mirror to the browser\'s IndexedDB and schedules cycles 0.4 s after a change and every 3 s.',
      };
    } finally {
      await server.stop();
    }
  },
};
