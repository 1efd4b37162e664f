/**
 * The subset of PouchDB 9's API that team sync uses (https://pouchdb.com/api.html), typed by hand because the
 * packages ship no types and DefinitelyTyped's pull in Node's globals.
 */
export interface PouchDocBase {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
}

export interface PouchWriteResult {
  ok?: boolean;
  id: string;
  rev?: string;
  error?: string | boolean;
  status?: number;
  message?: string;
}

export interface PouchChange<D> {
  id: string;
  seq: number | string;
  deleted?: boolean;
  changes: { rev: string }[];
  doc?: D;
}

export interface PouchReplicationResult {
  ok: boolean;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  errors: { id?: string; name?: string; message?: string; status?: number }[];
  last_seq: number | string;
  status: string;
}

/** What `PouchDB.replicate` returns: a promise that can be cancelled. */
export interface PouchReplication extends PromiseLike<PouchReplicationResult> {
  cancel(): void;
  catch(onRejected: (error: unknown) => unknown): Promise<unknown>;
}

export interface PouchDatabase<D extends PouchDocBase = PouchDocBase> {
  name: string;
  adapter?: string;
  info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
  get(id: string, options?: { rev?: string; conflicts?: boolean }): Promise<D>;
  put(doc: D): Promise<PouchWriteResult>;
  bulkDocs(docs: D[]): Promise<PouchWriteResult[]>;
  allDocs(options: {
    keys?: string[];
    include_docs?: boolean;
    conflicts?: boolean;
    startkey?: string;
    endkey?: string;
    limit?: number;
  }): Promise<{
    total_rows: number;
    rows: { id: string; key: string; value: { rev: string; deleted?: boolean }; doc?: D | null; error?: string }[];
  }>;
  changes(options: {
    since?: number | string;
    include_docs?: boolean;
    conflicts?: boolean;
    limit?: number;
    return_docs?: boolean;
  }): Promise<{ results: PouchChange<D>[]; last_seq: number | string }>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
}

export interface PouchOptions {
  adapter?: string;
  /** Do not create the remote database when it is missing (a 404 is reported instead). */
  skip_setup?: boolean;
  auth?: { username: string; password: string };
  fetch?: (url: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

export interface PouchStatic {
  new <D extends PouchDocBase = PouchDocBase>(name: string, options?: PouchOptions): PouchDatabase<D>;
  plugin(plugin: unknown): PouchStatic;
  defaults(options: PouchOptions): PouchStatic;
  replicate(
    source: PouchDatabase<never> | PouchDatabase,
    target: PouchDatabase<never> | PouchDatabase,
    options?: { batch_size?: number; batches_limit?: number; retry?: boolean; live?: boolean },
  ): PouchReplication;
}
