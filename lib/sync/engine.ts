import type { InterviewDatabase } from '../db/database';
import type { CustomGuideRow, GuideSnapshotRow, InterviewRow, SyncDeletionRow } from '../db/records';
import {
  CHILD_TABLES,
  deletionCovers,
  docId,
  interviewIdOf,
  outgoingRow,
  pickWinner,
  rowKey,
  rowUpdatedAt,
  sameRow,
  type SyncDoc,
  type SyncRows,
  type SyncTable,
} from './docs';
import type { PouchDatabase, PouchReplication, PouchReplicationResult, PouchStatic } from './pouch-types';

/** Who is syncing: the CouchDB user name (the documents' `owner`) and the name teammates see. */
export interface SyncIdentity {
  owner: string;
  name: string;
}

/** Where a sync left off, kept in extension storage so a stopped service worker resumes there. */
export interface SyncCheckpoint {
  /** Dexie rows changed at or after this time (epoch ms, less a safety margin) are compared with the mirror. */
  scannedUpTo: number;
  /** The mirror's change sequence up to which documents were applied to Dexie. */
  appliedSeq: number | string;
  /** The mirror's change sequence up to which everything reached the server. */
  pushedSeq: number | string;
}

export const EMPTY_CHECKPOINT: SyncCheckpoint = { scannedUpTo: 0, appliedSeq: 0, pushedSeq: 0 };

export interface SyncEngineDeps {
  db: InterviewDatabase;
  /** The local mirror (PouchDB over its own IndexedDB database). */
  local: PouchDatabase<SyncDoc>;
  /** The team's database on the server (PouchDB's HTTP adapter, `skip_setup: true`). */
  remote: PouchDatabase<SyncDoc>;
  /** `PouchDB.replicate`, which checkpoints in `_local` documents on both sides. */
  replicate: PouchStatic['replicate'];
  identity: SyncIdentity;
  loadCheckpoint: () => Promise<SyncCheckpoint>;
  saveCheckpoint: (checkpoint: SyncCheckpoint) => Promise<void>;
  now: () => number;
}

/** What one sync cycle did. */
export interface SyncReport {
  /** Documents written to the mirror from Dexie. */
  pushed: number;
  /** Documents the server refused (its validation), with the reasons it gave. */
  refused: { id: string; reason: string }[];
  /** Rows written to (or deleted from) Dexie from the mirror. */
  applied: number;
  /** Interviews whose rows changed in Dexie. */
  interviewIds: string[];
  /** Conflicted documents resolved (losing revisions removed). */
  resolved: number;
}

/** Rows changed this long before the last scan are looked at again (clock steps, transactions in flight). */
const SCAN_MARGIN_MS = 60_000;
const BATCH = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Team sync for one profile: Dexie rows ↔ mirror documents ↔ the team's CouchDB database. Dexie stays the
 * database every view reads; the mirror exists because PouchDB's replication runs between two PouchDB databases.
 * Each step is idempotent and checkpointed, so a cycle cut off at any point (the service worker stopped, the
 * network gone) is simply run again.
 */
export class SyncEngine {
  private running: PouchReplication | null = null;
  private cancelled = false;

  constructor(private readonly deps: SyncEngineDeps) {}

  /** Stops the replication in flight (turning sync off). */
  cancel(): void {
    this.cancelled = true;
    this.running?.cancel();
  }

  /**
   * One full cycle: Dexie → mirror, mirror → server, server → mirror, mirror → Dexie (resolving conflicts), and
   * up again when a conflict resolution wrote something.
   * @throws the replication's error (an HTTP status or a network failure) for the caller to classify.
   */
  async runOnce(): Promise<SyncReport> {
    this.cancelled = false;
    const deletions = await this.deps.db.syncDeletions.toArray();
    const pushed = await this.pushLocal(deletions);
    const up = await this.replicate('up');
    await this.replicate('down');
    const applied = await this.applyRemote(deletions);
    let refused = up.errors;
    if (applied.resolved > 0) refused = (await this.replicate('up')).errors;
    // Every deletion read at the start is on the server now: those of documents the mirror held went up, and
    // the server's copies of the others came down in this cycle and were deleted and sent back. Deletions made
    // meanwhile (a newer `deletedAt`) stay for the next cycle.
    if (!refused.length && deletions.length) {
      const { db } = this.deps;
      await db.transaction('rw', db.syncDeletions, async () => {
        const current = await db.syncDeletions.bulkGet(deletions.map((d) => d.id));
        const sent = deletions.filter((d, i) => current[i]?.deletedAt === d.deletedAt).map((d) => d.id);
        await db.syncDeletions.bulkDelete(sent);
      });
    }
    // Everything in the mirror now is on the server: what this cycle sent, and what it brought down (teammates'
    // documents are not "waiting to be sent"). Refused documents are reported on their own.
    const { update_seq } = await this.deps.local.info();
    await this.deps.saveCheckpoint({ ...(await this.deps.loadCheckpoint()), pushedSeq: update_seq });
    return {
      pushed,
      refused: refused.map((e) => ({ id: e.id ?? '', reason: e.message ?? e.name ?? 'refused' })),
      applied: applied.applied,
      interviewIds: [...applied.interviewIds],
      resolved: applied.resolved,
    };
  }

  private async replicate(direction: 'up' | 'down'): Promise<PouchReplicationResult> {
    if (this.cancelled) throw new Error('sync cancelled');
    const { local, remote } = this.deps;
    const run = direction === 'up' ? this.deps.replicate(local, remote, { batch_size: BATCH }) : this.deps.replicate(remote, local, { batch_size: BATCH });
    this.running = run;
    try {
      const result = await run;
      if (direction === 'up' && result.ok !== false) {
        const checkpoint = await this.deps.loadCheckpoint();
        await this.deps.saveCheckpoint({ ...checkpoint, pushedSeq: result.last_seq });
      }
      return result;
    } finally {
      this.running = null;
    }
  }

  /** Documents of the mirror not yet on the server (changes since the last completed upload). */
  async waiting(): Promise<number> {
    const { pushedSeq } = await this.deps.loadCheckpoint();
    const { results } = await this.deps.local.changes({ since: pushedSeq, limit: 100_000, return_docs: true });
    return results.filter((c) => !c.id.startsWith('_')).length;
  }

  /**
   * Writes the interviewer's own rows changed since the last scan into the mirror, skipping rows whose
   * document already holds the same data. Teammates' interviews are never written.
   * @returns documents written.
   */
  async pushLocal(deletions?: SyncDeletionRow[]): Promise<number> {
    const { db, now } = this.deps;
    const checkpoint = await this.deps.loadCheckpoint();
    const scanStart = now();
    const since = Math.max(0, checkpoint.scannedUpTo - SCAN_MARGIN_MS);
    const shared = new Set(await db.interviews.filter((r) => !!r.sharedBy).primaryKeys());
    const changed = (await db.interviews.where('updatedAt').aboveOrEqual(since).toArray()).filter((r) => !r.sharedBy);
    let written = 0;

    // Interviews with their snapshots first, so a profile pulling the documents in order never holds an
    // interview without its guide.
    for (const part of chunks(changed, BATCH)) {
      const keys = [...new Set(part.map((r) => r.guideSnapshotKey))];
      const snapshots = (await db.guideSnapshots.bulkGet(keys)).filter((s): s is GuideSnapshotRow => !!s);
      written += await this.writeRows([
        ...snapshots.map((row) => ['guideSnapshots', row] as const),
        ...part.map((row) => ['interviews', row] as const),
      ]);
      const ids = part.map((r) => r.id);
      for (const table of ['questionStates', 'redFlagChecks', 'criterionRatings'] as const) {
        const rows = await (db[table] as unknown as { where(i: string): { anyOf(k: string[]): { toArray(): Promise<SyncRows[typeof table][]> } } })
          .where('interviewId')
          .anyOf(ids)
          .toArray();
        written += await this.writeRows(rows.map((row) => [table, row] as const));
      }
    }
    const noteIds = await db.notes.where('updatedAt').aboveOrEqual(since).primaryKeys();
    for (const part of chunks(noteIds, BATCH)) {
      const notes = (await db.notes.bulkGet(part)).filter((n) => n !== undefined && !shared.has(n.interviewId));
      written += await this.writeRows(notes.map((row) => ['notes', row!] as const));
    }
    // Transcript lines change only while their interview runs (and do not touch the interview's updatedAt).
    const running = await db.interviews.where('state').equals('active').primaryKeys();
    const lineOwners = [...new Set([...changed.map((r) => r.id), ...running])].filter((id) => !shared.has(id));
    for (const part of chunks(lineOwners, BATCH)) {
      const lines = (await db.utterances.where('interviewId').anyOf(part).toArray()).filter((u) => u.updatedAt >= since);
      written += await this.writeRows(lines.map((row) => ['utterances', row] as const));
    }
    const guides = await db.customGuides.where('updatedAt').aboveOrEqual(since).toArray();
    written += await this.writeRows(guides.map((row) => ['customGuides', row] as const));
    written += await this.deleteInMirror(deletions ?? (await db.syncDeletions.toArray()));

    await this.deps.saveCheckpoint({ ...(await this.deps.loadCheckpoint()), scannedUpTo: scanStart });
    return written;
  }

  /** Writes rows as documents where the mirror lacks them or holds different data. @returns documents written. */
  private async writeRows(rows: (readonly [SyncTable, SyncRows[SyncTable]])[]): Promise<number> {
    if (!rows.length) return 0;
    const { owner, name } = this.deps.identity;
    const docs: SyncDoc[] = rows.map(([table, row]) => ({
      _id: docId(table, row, owner),
      table,
      owner,
      ownerName: name,
      row: outgoingRow(table, row),
    }));
    const existing = await this.deps.local.allDocs({ keys: docs.map((d) => d._id), include_docs: true });
    const writes: SyncDoc[] = [];
    docs.forEach((doc, i) => {
      const found = existing.rows[i];
      const current = found?.doc;
      if (current && !found.value?.deleted) {
        if (sameRow(current.row, doc.row) && current.ownerName === doc.ownerName && current.owner === doc.owner) return;
        // The mirror holds a newer version (from another computer of the same interviewer): keep it; it is applied
        // to Dexie by `applyRemote`.
        if (current.owner === doc.owner && rowUpdatedAt(current.row) > rowUpdatedAt(doc.row)) return;
        writes.push({ ...doc, _rev: current._rev });
      } else if (found?.value?.deleted) {
        writes.push({ ...doc, _rev: found.value.rev });
      } else {
        writes.push(doc);
      }
    });
    if (writes.length) await this.deps.local.bulkDocs(writes);
    return writes.length;
  }

  /**
   * Marks deleted in the mirror the documents the interviewer's deletions cover (`syncDeletions`); they reach
   * the server with the next upload. A document whose row is back in Dexie (restored from a backup) or that is
   * newer than the deletion is kept. @returns documents marked deleted.
   */
  private async deleteInMirror(deletions: SyncDeletionRow[]): Promise<number> {
    if (!deletions.length) return 0;
    const { local } = this.deps;
    const writes: SyncDoc[] = [];
    for (const deletion of deletions) {
      const found = await local.allDocs({ startkey: deletion.id, endkey: `${deletion.id}:\uffff`, include_docs: true });
      for (const row of found.rows) {
        const doc = row.doc;
        if (!doc || row.value.deleted || !deletionCovers(deletion.id, row.id)) continue;
        if (await this.stillDeleted(doc, deletion)) writes.push({ _id: row.id, _rev: row.value.rev, _deleted: true } as SyncDoc);
      }
    }
    if (writes.length) await local.bulkDocs(writes);
    return writes.length;
  }

  /** Whether a deletion still holds for one of the interviewer's documents: the row is gone and not newer. */
  private async stillDeleted(doc: SyncDoc, deletion: SyncDeletionRow): Promise<boolean> {
    if (doc.owner !== this.deps.identity.owner || !doc.table || !doc.row) return false;
    if (rowUpdatedAt(doc.row) > deletion.deletedAt) return false;
    const dexie = this.deps.db[doc.table] as unknown as { get(key: unknown): Promise<unknown> };
    return (await dexie.get(rowKey(doc.table, doc.row))) === undefined;
  }

  /**
   * Applies the mirror's changes since the last checkpoint to Dexie: newer rows replace older ones, teammates'
   * interviews are marked read-only, deletions remove the rows. Conflicted documents of the interviewer's own
   * are resolved first (newer `updatedAt` wins, losing revisions are deleted).
   */
  async applyRemote(deletions: SyncDeletionRow[] = []): Promise<{ applied: number; interviewIds: Set<string>; resolved: number }> {
    const { local } = this.deps;
    let applied = 0;
    let resolved = 0;
    const interviewIds = new Set<string>();
    for (;;) {
      const checkpoint = await this.deps.loadCheckpoint();
      const { results, last_seq } = await local.changes({ since: checkpoint.appliedSeq, include_docs: true, conflicts: true, limit: BATCH, return_docs: true });
      if (!results.length) break;
      const docs: SyncDoc[] = [];
      const deleted: string[] = [];
      for (const change of results) {
        if (change.id.startsWith('_design/') || change.id.startsWith('_local/')) continue;
        if (change.deleted || change.doc?._deleted) {
          deleted.push(change.id);
          continue;
        }
        let doc = change.doc;
        if (!doc?.table) continue;
        if (doc._conflicts?.length) {
          const outcome = await this.resolve(doc);
          doc = outcome.winner;
          resolved += outcome.wrote ? 1 : 0;
        }
        // A document the interviewer deleted here (while sync was off, so the mirror did not hold it): the
        // server's copy is deleted instead of bringing the row back.
        const deletion = deletions.find((d) => deletionCovers(d.id, change.id));
        if (deletion && (await this.stillDeleted(doc, deletion))) {
          const current = await local.get(change.id).catch(() => null);
          if (current) {
            await local.bulkDocs([{ _id: change.id, _rev: current._rev, _deleted: true } as SyncDoc]);
            resolved++;
          }
          continue;
        }
        docs.push(doc);
      }
      applied += await this.applyDocs(docs, interviewIds);
      applied += await this.applyDeletions(deleted, interviewIds);
      await this.deps.saveCheckpoint({ ...(await this.deps.loadCheckpoint()), appliedSeq: last_seq });
      if (results.length < BATCH) break;
    }
    return { applied, interviewIds, resolved };
  }

  /** Picks a conflicted document's winner; for the interviewer's own documents, writes it and deletes the losers. */
  private async resolve(doc: SyncDoc): Promise<{ winner: SyncDoc; wrote: boolean }> {
    const { local, identity } = this.deps;
    const losers = await Promise.all((doc._conflicts ?? []).map((rev) => local.get(doc._id, { rev })));
    const leaves = [doc, ...losers];
    const winner = pickWinner(leaves);
    if (doc.owner !== identity.owner) return { winner, wrote: false };
    const writes: SyncDoc[] = [];
    if (winner._rev !== doc._rev) {
      const { _conflicts: _c, ...content } = winner;
      writes.push({ ...content, _rev: doc._rev });
    }
    for (const leaf of leaves) {
      if (leaf._rev !== doc._rev) writes.push({ _id: leaf._id, _rev: leaf._rev, _deleted: true } as SyncDoc);
    }
    await local.bulkDocs(writes);
    return { winner, wrote: true };
  }

  private async applyDocs(docs: SyncDoc[], interviewIds: Set<string>): Promise<number> {
    if (!docs.length) return 0;
    const { db, identity } = this.deps;
    let count = 0;
    await db.transaction('rw', [db.interviews, db.notes, db.questionStates, db.redFlagChecks, db.criterionRatings, db.utterances, db.guideSnapshots, db.customGuides], async () => {
      for (const table of ['guideSnapshots', 'interviews', ...CHILD_TABLES, 'customGuides'] as SyncTable[]) {
        const ofTable = docs.filter((d) => d.table === table);
        if (!ofTable.length) continue;
        const dexie = db[table] as unknown as { bulkGet(keys: unknown[]): Promise<(SyncRows[SyncTable] | undefined)[]>; bulkPut(rows: unknown[]): Promise<unknown> };
        const existing = await dexie.bulkGet(ofTable.map((d) => rowKey(table, d.row)));
        const puts: SyncRows[SyncTable][] = [];
        ofTable.forEach((doc, i) => {
          const current = existing[i];
          let row = doc.row;
          const mine = doc.owner === identity.owner;
          if (table === 'interviews') {
            const { sharedBy: _s, ...rest } = row as InterviewRow;
            row = mine ? rest : { ...rest, sharedBy: { owner: doc.owner, name: doc.ownerName || doc.owner } };
          }
          if (table === 'customGuides' && !mine && current) return; // a teammate's guide never replaces one of ours
          if (table === 'guideSnapshots' && current) return; // snapshots never change
          if (current) {
            const newer = rowUpdatedAt(row) > rowUpdatedAt(current);
            const shareChanged = table === 'interviews' && !sameRow((current as InterviewRow).sharedBy ?? null, (row as InterviewRow).sharedBy ?? null);
            if (!newer && !shareChanged) return;
          }
          puts.push(row);
          const interviewId = interviewIdOf({ table, row });
          if (interviewId) interviewIds.add(interviewId);
        });
        if (puts.length) await dexie.bulkPut(puts);
        count += puts.length;
      }
    });
    return count;
  }

  private async applyDeletions(ids: string[], interviewIds: Set<string>): Promise<number> {
    if (!ids.length) return 0;
    const { db } = this.deps;
    let count = 0;
    await db.transaction('rw', [db.interviews, db.notes, db.questionStates, db.redFlagChecks, db.criterionRatings, db.utterances], async () => {
      for (const id of ids) {
        const parts = /^interview:([^:]+)(?::(note|question|redflag|criterion|utterance):(.+))?$/.exec(id);
        if (!parts) continue; // snapshots and guides stay: interviews here may still use them
        const [, interviewId, kind, key] = parts as unknown as [string, string, string | undefined, string | undefined];
        if (!kind) {
          if (!(await db.interviews.get(interviewId))) continue;
          await Promise.all(CHILD_TABLES.map((t) => db[t].where('interviewId').equals(interviewId).delete()));
          await db.interviews.delete(interviewId);
        } else if (kind === 'note') {
          await db.notes.delete(key!);
        } else if (kind === 'utterance') {
          await db.utterances.delete(key!);
        } else if (kind === 'question') {
          await db.questionStates.delete([interviewId, key!]);
        } else if (kind === 'redflag') {
          await db.redFlagChecks.delete([interviewId, key!]);
        } else {
          await db.criterionRatings.delete([interviewId, key!]);
        }
        interviewIds.add(interviewId);
        count++;
      }
    });
    return count;
  }
}

export type { CustomGuideRow };
