import PouchDB from 'pouchdb-core';
import idb from 'pouchdb-adapter-idb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';

/**
 * PouchDB for the extension's background: its own IndexedDB database (the sync mirror, separate from Dexie's),
 * the HTTP adapter for the team's server and the replication protocol. No string-compiled functions are used
 * (build/harden-plugin.ts removes PouchDB's `Function` path).
 */
PouchDB.plugin(idb).plugin(http).plugin(replication);

export { PouchDB };
