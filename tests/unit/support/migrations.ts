import Dexie from 'dexie';
import { InterviewDatabase, SCHEMA_VERSIONS } from '../../../lib/db/database';

/**
 * Opens a database at an older schema version, as a user's browser would have it, so that a test can write
 * that version's rows and then open the current `InterviewDatabase` over them.
 * Every new Dexie version ships with such a test in `tests/unit/db.migrations.test.ts`.
 */
export function openAtVersion(name: string, version: number): Dexie {
  const db = new Dexie(name);
  for (const step of SCHEMA_VERSIONS.filter((v) => v.version <= version)) db.version(step.version).stores(step.stores);
  return db;
}

/** Writes rows with an old version, closes it, and returns the current database opened over the same data. */
export async function upgradeFrom(
  version: number,
  write: (db: Dexie) => Promise<void>,
  name = `migration-${version}-${Math.random().toString(36).slice(2)}`,
): Promise<InterviewDatabase> {
  const old = openAtVersion(name, version);
  await old.open();
  await write(old);
  old.close();
  const current = new InterviewDatabase(name);
  await current.open();
  return current;
}
