import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSIONS } from '../../lib/db/database';
import { InterviewRow, NoteRow } from '../../lib/db/records';
import { upgradeFrom } from './support/migrations';
import { TEST_GUIDE } from './support/services';

const interviewV1 = InterviewRow.parse({
  id: 'i1',
  candidateName: 'Alex Rivera',
  guideId: TEST_GUIDE.id,
  guideTitle: TEST_GUIDE.title,
  guideSnapshotKey: 'test-guide@00000000',
  currentStageId: 'screen',
  state: 'ended',
  createdAt: 1,
  updatedAt: 2,
});

describe('database versions', () => {
  it('versions are numbered 1, 2, 3… in order', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
  });

  // Pattern for every future version N: write rows with version N-1, open the current database, and check that
  // each row reads back (upgraded where the upgrade function changes it).
  it.each(SCHEMA_VERSIONS.map((v) => v.version))('opens data written by version %i with the current schema', async (version) => {
    const db = await upgradeFrom(version, async (old) => {
      await old.table('guideSnapshots').put({ key: 'test-guide@00000000', guide: TEST_GUIDE, createdAt: 1 });
      await old.table('interviews').put(interviewV1);
      await old.table('notes').put(NoteRow.parse({ id: 'n1', interviewId: 'i1', text: 'kept', createdAt: 1, updatedAt: 1 }));
    });
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(InterviewRow.parse(await db.interviews.get('i1'))).toEqual(interviewV1);
    expect((await db.notes.where('interviewId').equals('i1').toArray()).map((n) => n.text)).toEqual(['kept']);
    db.close();
  });
});
