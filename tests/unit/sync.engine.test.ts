import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadOnlyInterviewError } from '../../lib/db/repository';
import { diagnoseSyncError } from '../../lib/sync/errors';
import { allDocs, setupTeam, startSyncServer, type SyncServer } from '../../scripts/sync-server.mjs';
import { TEST_GUIDE } from './support/services';
import { makeProfile } from './support/sync';

let server: SyncServer;
const DB = 'team-a';
const USERS = [
  { name: 'alice', password: 'alice-pw' },
  { name: 'bob', password: 'bob-pw' },
  { name: 'carol', password: 'carol-pw' },
];

beforeAll(async () => {
  server = await startSyncServer({ memory: true });
  // carol has an account but is not a member of the team's database.
  await setupTeam(server.url, DB, USERS, { members: ['alice', 'bob'] });
});
afterAll(async () => {
  await server.stop();
});

const profile = (name: 'alice' | 'bob' | 'carol', database = DB) => {
  const user = USERS.find((u) => u.name === name)!;
  return makeProfile({ owner: name, name: name[0]!.toUpperCase() + name.slice(1), password: user.password, remoteUrl: server.url, database });
};

async function recordInterview(p: ReturnType<typeof profile>, candidateName: string, notes: string[]) {
  const row = await p.repo.startInterview({
    candidateName,
    candidateRef: `https://ats.example.com/c/${candidateName.toLowerCase()}`,
    guide: TEST_GUIDE,
    state: 'active',
    platform: 'meet',
    meetingId: 'abc-defg-hij',
    meetingUrl: 'https://meet.google.com/abc-defg-hij',
    callStartedAt: p.clock.now,
  });
  for (const [i, text] of notes.entries()) {
    p.clock.now += 1000;
    await p.repo.upsertNote({ id: `${row.id}-n${i}`, interviewId: row.id, questionId: null, stageId: null, text, stampEarlierMs: 0 });
  }
  await p.repo.upsertUtterance({ id: `${row.id}-u0`, interviewId: row.id, speaker: 'Candidate', text: 'I built a queue', startAt: p.clock.now, endAt: p.clock.now + 2000, final: true });
  await p.repo.upsertCriterion(row.id, 'clarity', { rating: 'yes' });
  await p.repo.upsertQuestionState(row.id, 'q-intro', 'screen', { rating: 'strong-yes' });
  await p.repo.upsertRedFlag(row.id, 'rf-blame', 'screen', { checked: true });
  await p.repo.updateInterview(row.id, { recommendation: 'yes', summary: `${candidateName} did well` });
  return row.id;
}

// Each test runs several HTTP replications: generous time on a loaded 2-core machine (no timing is asserted).
describe('team sync engine against PouchDB Server', { timeout: 60_000 }, () => {
  it('brings a teammate’s interview, whole and read-only, and writes each row as exactly one document', async () => {
    const alice = profile('alice');
    const bob = profile('bob');
    const id = await recordInterview(alice, 'Dana Rossi', ['Strong on queues', 'Asked about on-call']);
    const report = await alice.engine.runOnce();
    expect(report.refused).toEqual([]);
    // interview + snapshot + 2 notes + transcript line + criterion + question + red flag
    expect(report.pushed).toBe(8);

    const bobReport = await bob.engine.runOnce();
    expect(bobReport.interviewIds).toContain(id);
    const bundle = await bob.repo.getBundle(id);
    expect(bundle.interview.sharedBy).toEqual({ owner: 'alice', name: 'Alice' });
    expect(bundle.notes.map((n) => n.text)).toEqual(['Strong on queues', 'Asked about on-call']);
    expect(bundle.criterionRatings[0]?.rating).toBe('yes');
    expect(bundle.utterances?.map((u) => u.text)).toEqual(['I built a queue']);
    expect(bundle.redFlagChecks[0]?.checked).toBe(true);
    expect(bundle.interview.recommendation).toBe('yes');
    await expect(bob.repo.upsertNote({ id: 'x', interviewId: id, questionId: null, stageId: null, text: 'mine', stampEarlierMs: 0 })).rejects.toBeInstanceOf(
      ReadOnlyInterviewError,
    );
    await expect(bob.repo.updateInterview(id, { summary: 'overwrite' })).rejects.toBeInstanceOf(ReadOnlyInterviewError);
    // A teammate's interview on the same call is never picked as this interviewer's.
    expect(await bob.repo.findForMeeting('meet', 'abc-defg-hij')).toBeNull();

    // A second cycle writes nothing new, and the server holds one document per row.
    expect((await alice.engine.runOnce()).pushed).toBe(0);
    const docs = (await allDocs(server.url, DB)).filter((d) => d._id.includes(id));
    expect(docs.map((d) => d._id).sort()).toEqual(
      [
        `interview:${id}`,
        `interview:${id}:criterion:clarity`,
        `interview:${id}:note:${id}-n0`,
        `interview:${id}:note:${id}-n1`,
        `interview:${id}:question:q-intro`,
        `interview:${id}:redflag:rf-blame`,
        `interview:${id}:utterance:${id}-u0`,
      ].sort(),
    );
    expect(docs.every((d) => d.owner === 'alice')).toBe(true);
  });

  it('counts as waiting only what this profile has not sent yet, not what it brought down', async () => {
    const alice = profile('alice');
    const bob = profile('bob');
    await recordInterview(alice, 'Wanda Waits', ['one']);
    await alice.engine.pushLocal();
    // Written to the mirror, not yet on the server: interview + snapshot + note + line + criterion + question + flag.
    expect(await alice.engine.waiting()).toBe(7);
    await alice.engine.runOnce();
    expect(await alice.engine.waiting()).toBe(0);
    const report = await bob.engine.runOnce();
    expect(report.applied).toBeGreaterThan(0);
    expect(await bob.engine.waiting()).toBe(0);
  });

  it('resolves an offline edit made on two computers by the newer updatedAt, removing the losing revision', async () => {
    const laptop = profile('alice');
    const desktop = profile('alice');
    const id = await recordInterview(laptop, 'Enzo Bianchi', ['first']);
    await laptop.engine.runOnce();
    await desktop.engine.runOnce();
    // Own interview from another computer: editable, not shared.
    expect((await desktop.repo.getInterview(id)).sharedBy).toBeUndefined();

    laptop.clock.now += 10_000;
    await laptop.repo.upsertNote({ id: `${id}-n0`, interviewId: id, questionId: null, stageId: null, text: 'laptop edit (older)', stampEarlierMs: 0 });
    desktop.clock.now += 20_000;
    await desktop.repo.upsertNote({ id: `${id}-n0`, interviewId: id, questionId: null, stageId: null, text: 'desktop edit (newer)', stampEarlierMs: 0 });
    await laptop.engine.runOnce();
    await desktop.engine.runOnce();
    await laptop.engine.runOnce();
    await desktop.engine.runOnce();

    for (const p of [laptop, desktop]) expect((await p.db.notes.get(`${id}-n0`))?.text).toBe('desktop edit (newer)');
    const note = (await allDocs(server.url, DB)).find((d) => d._id === `interview:${id}:note:${id}-n0`)!;
    expect((note.row as { text: string }).text).toBe('desktop edit (newer)');
    expect(note._conflicts ?? []).toEqual([]);
  });

  it('sends a deleted note and a deleted interview to teammates', async () => {
    const alice = profile('alice');
    const bob = profile('bob');
    const keep = await recordInterview(alice, 'Fabio Neri', ['one', 'two']);
    const drop = await recordInterview(alice, 'Gina Verdi', ['three']);
    await alice.engine.runOnce();
    await bob.engine.runOnce();
    expect(await bob.db.interviews.get(drop)).toBeDefined();

    await alice.repo.deleteNote(`${keep}-n1`);
    await alice.repo.deleteInterviews([drop]);
    await alice.engine.runOnce();
    await bob.engine.runOnce();
    expect(await bob.db.interviews.get(drop)).toBeUndefined();
    expect(await bob.db.notes.where('interviewId').equals(drop).count()).toBe(0);
    expect((await bob.repo.getBundle(keep)).notes.map((n) => n.text)).toEqual(['one']);
    // Sent, so no longer kept.
    expect(await alice.db.syncDeletions.count()).toBe(0);
  });

  it('sends deleted transcript lines, one by one and all of an interview', async () => {
    const alice = profile('alice');
    const bob = profile('bob');
    const some = await recordInterview(alice, 'Lia Lines', ['n']);
    const all = await recordInterview(alice, 'Marco Mute', ['n']);
    for (const id of [some, all]) {
      await alice.repo.upsertUtterance({ id: `${id}-u1`, interviewId: id, speaker: 'Candidate', text: 'second line', startAt: alice.clock.now, endAt: alice.clock.now + 1000, final: true });
    }
    await alice.engine.runOnce();
    await bob.engine.runOnce();
    expect(await bob.db.utterances.where('interviewId').anyOf([some, all]).count()).toBe(4);

    alice.clock.now += 1000;
    await alice.repo.deleteUtterances(some, [`${some}-u0`]);
    await alice.repo.deleteUtterances(all);
    await alice.engine.runOnce();
    await bob.engine.runOnce();
    expect((await bob.db.utterances.where('interviewId').equals(some).toArray()).map((u) => u.text)).toEqual(['second line']);
    expect(await bob.db.utterances.where('interviewId').equals(all).count()).toBe(0);
    const onServer = (await allDocs(server.url, DB)).map((d) => d._id);
    expect(onServer).not.toContain(`interview:${some}:utterance:${some}-u0`);
    expect(onServer).toContain(`interview:${some}:utterance:${some}-u1`);
    expect(onServer.filter((id) => id.startsWith(`interview:${all}:utterance:`))).toEqual([]);
  });

  it('sends deletions made while sync was off instead of bringing the rows back', async () => {
    const alice = profile('alice');
    const bob = profile('bob');
    const gone = await recordInterview(alice, 'Olga Off', ['a']);
    const kept = await recordInterview(alice, 'Paolo Kept', ['b', 'c']);
    await alice.engine.runOnce();
    await bob.engine.runOnce();
    expect(await bob.db.interviews.get(gone)).toBeDefined();

    // Sync off (the mirror is removed), then an interview, a note and a transcript line are deleted.
    alice.clock.now += 1000;
    await alice.repo.deleteInterviews([gone]);
    await alice.repo.deleteNote(`${kept}-n1`);
    await alice.repo.deleteUtterances(kept, [`${kept}-u0`]);
    expect(await alice.db.syncDeletions.count()).toBe(3);

    // On again: the server still has them all, yet nothing comes back and the deletions reach the teammate.
    const again = alice.turnedOffAndOn();
    await again.runOnce();
    expect(await alice.db.interviews.get(gone)).toBeUndefined();
    expect(await alice.db.notes.where('interviewId').equals(gone).count()).toBe(0);
    expect((await alice.repo.getBundle(kept)).notes.map((n) => n.text)).toEqual(['b']);
    expect(await alice.db.utterances.get(`${kept}-u0`)).toBeUndefined();
    expect(await alice.db.syncDeletions.count()).toBe(0);
    const onServer = (await allDocs(server.url, DB)).map((d) => d._id);
    expect(onServer.filter((id) => id === `interview:${gone}` || id.startsWith(`interview:${gone}:`))).toEqual([]);
    expect(onServer).not.toContain(`interview:${kept}:note:${kept}-n1`);
    expect(onServer).toContain(`interview:${kept}:note:${kept}-n0`);

    await bob.engine.runOnce();
    expect(await bob.db.interviews.get(gone)).toBeUndefined();
    expect((await bob.repo.getBundle(kept)).notes.map((n) => n.text)).toEqual(['b']);
    // And a later cycle does not bring them back either.
    await again.runOnce();
    expect(await alice.db.interviews.get(gone)).toBeUndefined();
  });

  it('keeps a deleted interview that was restored here before the deletion was sent', async () => {
    const alice = profile('alice');
    const id = await recordInterview(alice, 'Rita Restored', ['kept']);
    await alice.engine.runOnce();
    const bundle = await alice.repo.getBundle(id);
    await alice.repo.deleteInterviews([id]);
    // Restored (as from a backup) while sync was off.
    await alice.db.interviews.put(bundle.interview);
    await alice.db.notes.bulkPut(bundle.notes);
    await alice.turnedOffAndOn().runOnce();
    expect((await alice.repo.getBundle(id)).notes.map((n) => n.text)).toEqual(['kept']);
    expect((await allDocs(server.url, DB)).map((d) => d._id)).toContain(`interview:${id}`);
  });

  it('resumes after being cut off: nothing lost, nothing duplicated', async () => {
    const alice = profile('alice');
    const fresh = profile('alice');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await recordInterview(alice, `Cand ${i}`, ['a', 'b', 'c']));
    // Cut off after writing the mirror, before replicating (as when the service worker stops).
    await alice.engine.pushLocal();
    const engineAgain = alice.engineWith();
    await engineAgain.runOnce();
    await fresh.engine.runOnce();
    expect(await fresh.db.interviews.count()).toBe(await alice.db.interviews.count());
    expect(await fresh.db.notes.count()).toBe(await alice.db.notes.count());
    const onServer = (await allDocs(server.url, DB)).filter((d) => ids.some((id) => d._id.startsWith(`interview:${id}`)));
    expect(onServer.length).toBe(5 * (1 + 3 + 1 + 3));
    expect(new Set(onServer.map((d) => d._id)).size).toBe(onServer.length);
  });

  it('reports a wrong password, a database without access, a missing database and an unreachable server', async () => {
    const alice = profile('alice');
    await recordInterview(alice, 'Hana Kim', ['x']);
    const fail = (engine: ReturnType<typeof alice.engineWith>, username = 'alice', password = 'alice-pw', serverUrl = server.url) =>
      engine.runOnce().then(
        () => null,
        async (e: unknown) => (await diagnoseSyncError(e, { serverUrl, username, password })).problem,
      );
    expect(await fail(alice.engineWith('not-the-password'), 'alice', 'not-the-password')).toBe('wrong-password');
    expect(await fail(profile('carol').engine, 'carol', 'carol-pw')).toBe('no-access');
    expect(await fail(alice.engineWith(undefined, 'no-such-team'))).toBe('no-database');
    const down = await startSyncServer({ memory: true });
    await down.stop();
    const offline = makeProfileAt(down.url);
    expect(await fail(offline.engine, 'alice', 'alice-pw', down.url)).toBe('unreachable');
  });

  it('lets the server refuse a document written under someone else’s name (validate_doc_update)', async () => {
    const response = await fetch(`${server.url}/${DB}/interview:forged`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Basic ${btoa('bob:bob-pw')}` },
      body: JSON.stringify({ table: 'interviews', owner: 'alice', row: {} }),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('must be bob');
  });
});

function makeProfileAt(url: string) {
  return makeProfile({ owner: 'alice', name: 'Alice', password: 'alice-pw', remoteUrl: url, database: DB });
}
