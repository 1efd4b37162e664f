#!/usr/bin/env node
// A CouchDB-protocol test server for team sync: PouchDB Server's Express app (express-pouchdb 4.2.0) over
// on-disk LevelDB (or memory), on 127.0.0.1 with a free random port. It is for tests and local trials only;
// production teams run Apache CouchDB 3 (README, "Team sync: server setup").
//
// As a module: `startSyncServer({ dataDir })` → `{ url, port, stop() }`.
// As a command: `node scripts/sync-server.mjs [--data DIR] [--port N] [--memory] [--cors] [--log-requests]
// [--crash-on-bulk-docs N]` prints one JSON line `{"url": "..."}` once listening, then serves until killed; with
// `--log-requests`, one line `{"request": {"user", "method", "path"}}` per request (the e2e tests count them).
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import httpAdapter from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import cors from 'cors';

const require = createRequire(import.meta.url);

/**
 * PouchDB Server's validation (pouchdb-validation 4.2.0, lib/index.js) overwrites an incoming document's
 * `_revisions` with the stored document's before running `validate_doc_update`, and never restores them. A
 * replicated update (`_bulk_docs` with `new_edits: false`) then re-writes the old revision and is silently lost
 * whenever the database has a validation function. Apache CouchDB has no such step. This loads that one file
 * with the incoming `_revisions` restored after validation, before express-pouchdb requires it.
 */
function loadFixedValidation() {
  const file = require.resolve('pouchdb-validation', { paths: [path.dirname(require.resolve('express-pouchdb'))] });
  const source = readFileSync(file, 'utf8');
  const find = 'function validate(validationFuncs, newDoc, oldDoc, options) {';
  if (!source.includes(find)) throw new Error(`sync-server: pouchdb-validation changed (${file}); review the fix`);
  const fixed = source.replace(
    find,
    'function validate(validationFuncs, newDoc, oldDoc, options) {\n  var incoming = newDoc._revisions;\n  try { return validateAsIs(validationFuncs, newDoc, oldDoc, options); }\n  finally { if (incoming) newDoc._revisions = incoming; }\n}\nfunction validateAsIs(validationFuncs, newDoc, oldDoc, options) {',
  );
  const loaded = new Module(file);
  loaded.filename = file;
  loaded.paths = Module._nodeModulePaths(path.dirname(file));
  loaded._compile(fixed, file);
  loaded.loaded = true;
  require.cache[file] = loaded;
}
loadFixedValidation();
const { default: expressPouchDB } = await import('express-pouchdb');

// pouchdb-core is one shared constructor per process: add each plugin once.
PouchDB.plugin(memoryAdapter).plugin(leveldbAdapter);
if (!('replicate' in PouchDB)) PouchDB.plugin(httpAdapter).plugin(replication);

/** The server admin the tests (and the setup below) use. */
export const ADMIN = { name: 'admin', password: 'admin-secret' };

/**
 * The validation function the README documents for Apache CouchDB: only the owner writes a document, and a
 * new document must name its writer as owner. Server admins may do anything.
 */
export const VALIDATE_DOC_UPDATE = `function (newDoc, oldDoc, userCtx) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  if (oldDoc && oldDoc.owner && oldDoc.owner !== userCtx.name) {
    throw({ forbidden: 'only ' + oldDoc.owner + ' may change ' + newDoc._id });
  }
  if (!newDoc._deleted && newDoc.owner !== userCtx.name) {
    throw({ forbidden: 'the owner of ' + newDoc._id + ' must be ' + userCtx.name });
  }
}`;

/** The user name of a request's basic auth, or null. */
function basicUser(header) {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return decoded.slice(0, Math.max(0, decoded.indexOf(':')));
}

/**
 * Starts the server. With `memory` the data lives in memory; otherwise under `dataDir` (a new temporary folder
 * when omitted), so that a restarted server on the same folder keeps its documents.
 * - `cors`: answers cross-origin requests from any origin, with credentials (the `cors` package). Only the
 *   Chromium e2e tests need it: headless Chromium cannot answer the extension's permission prompt, so its
 *   worker calls the server without the host permission, under CORS. With the permission, no CORS is needed.
 * - `onRequest({ user, method, path })`: called for every request (user from basic auth, or null).
 * - `beforeAnswer(req)`: called after a request was handled and before its answer is sent; returning true
 *   withholds the answer (the crash test kills the process there, so the documents are stored, unanswered).
 * @returns its base URL (no trailing slash), port and `stop()`.
 */
export async function startSyncServer({ dataDir, port = 0, memory = false, cors: allowCors = false, onRequest, beforeAnswer } = {}) {
  const dir = memory ? null : (dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'icp-couch-')));
  if (dir) mkdirSync(dir, { recursive: true });
  const Db = memory ? PouchDB.defaults({ adapter: 'memory' }) : PouchDB.defaults({ adapter: 'leveldb', prefix: `${dir}${path.sep}` });
  const app = expressPouchDB(Db, {
    mode: 'fullCouchDB',
    inMemoryConfig: true,
    logPath: path.join(dir ?? os.tmpdir(), `icp-couch-${process.pid}.log`),
  });
  const corsHandler = allowCors ? cors({ origin: true, credentials: true, maxAge: 600 }) : null;
  const server = createServer((req, res) => {
    onRequest?.({ user: basicUser(req.headers.authorization), method: req.method, path: req.url });
    if (beforeAnswer) {
      const end = res.end.bind(res);
      res.end = (...args) => (beforeAnswer(req) ? res : end(...args));
    }
    if (corsHandler) corsHandler(req, res, () => app(req, res));
    else app(req, res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  const url = `http://127.0.0.1:${actualPort}`;
  // The first admin ends the "admin party" (anyone an admin); config lives in memory, so set it on every start.
  await request(url, 'PUT', '/_config/admins/' + ADMIN.name, JSON.stringify(ADMIN.password), null);
  return {
    url,
    port: actualPort,
    dataDir: dir,
    stop: () => new Promise((resolve) => server.close(() => resolve())).then(() => server.closeAllConnections?.()),
    kill: () => {
      server.closeAllConnections?.();
      server.close();
    },
  };
}

async function request(url, method, pathname, body, auth = ADMIN) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (auth) headers.authorization = `Basic ${Buffer.from(`${auth.name}:${auth.password}`).toString('base64')}`;
  const response = await fetch(url + pathname, { method, headers, body });
  const text = await response.text();
  if (!response.ok && response.status !== 412 && response.status !== 409) {
    throw new Error(`${method} ${pathname}: ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/**
 * Sets up one hiring team's database as the README describes: its members in `_security`, the owner
 * validation as a design document, and the user accounts (created when missing). Idempotent.
 * @param users `{ name, password }` of each member.
 */
export async function setupTeam(url, database, users, { members = users.map((u) => u.name) } = {}) {
  for (const user of users) {
    const id = `org.couchdb.user:${user.name}`;
    const existing = await fetch(`${url}/_users/${encodeURIComponent(id)}`, { headers: adminHeaders() }).then((r) => (r.ok ? r.json() : null));
    await request(url, 'PUT', `/_users/${encodeURIComponent(id)}`, JSON.stringify({ ...(existing ?? {}), _id: id, name: user.name, password: user.password, roles: [], type: 'user' }));
  }
  await request(url, 'PUT', `/${database}`, undefined);
  await request(url, 'PUT', `/${database}/_security`, JSON.stringify({ admins: { names: [], roles: [] }, members: { names: members, roles: [] } }));
  const existing = await fetch(`${url}/${database}/_design/owner`, { headers: adminHeaders() }).then((r) => (r.ok ? r.json() : null));
  await request(url, 'PUT', `/${database}/_design/owner`, JSON.stringify({ ...(existing ?? {}), validate_doc_update: VALIDATE_DOC_UPDATE }));
}

function adminHeaders() {
  return { authorization: `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` };
}

/** Reads every document of a database as the admin (tests' view of the server). */
export async function allDocs(url, database) {
  const answer = await request(url, 'GET', `/${database}/_all_docs?include_docs=true&conflicts=true`, undefined);
  return answer.rows.map((row) => row.doc).filter((doc) => !doc._id.startsWith('_design/'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name) => {
    const index = process.argv.indexOf(name);
    return index === -1 ? undefined : process.argv[index + 1];
  };
  const crashOn = Number(arg('--crash-on-bulk-docs') ?? 0);
  let bulkDocs = 0;
  const server = await startSyncServer({
    dataDir: arg('--data'),
    port: Number(arg('--port') ?? 0),
    memory: process.argv.includes('--memory'),
    cors: process.argv.includes('--cors'),
    onRequest: process.argv.includes('--log-requests') ? (request) => console.log(JSON.stringify({ request })) : undefined,
    // `--crash-on-bulk-docs N`: the Nth upload (`_bulk_docs`) is stored, then the process dies before answering:
    // a server killed in the middle of a replication.
    beforeAnswer: crashOn
      ? (req) => {
          if (req.method !== 'POST' || !/\/_bulk_docs(\?|$)/.test(req.url ?? '')) return false;
          if (++bulkDocs < crashOn) return false;
          console.log(JSON.stringify({ crash: req.url }));
          process.kill(process.pid, 'SIGKILL');
          return true;
        }
      : undefined,
  });
  console.log(JSON.stringify({ url: server.url, dataDir: server.dataDir }));
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
