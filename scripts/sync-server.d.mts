/** Types of scripts/sync-server.mjs (the PouchDB Server used by the tests). */
export const ADMIN: { name: string; password: string };
export const VALIDATE_DOC_UPDATE: string;
export interface SyncServer {
  url: string;
  port: number;
  dataDir: string | null;
  stop(): Promise<void>;
  kill(): void;
}
export interface ServerRequest {
  user: string | null;
  method: string | undefined;
  path: string | undefined;
}
export function startSyncServer(options?: {
  dataDir?: string;
  port?: number;
  memory?: boolean;
  cors?: boolean;
  onRequest?: (request: ServerRequest) => void;
  beforeAnswer?: (request: import('node:http').IncomingMessage) => boolean;
}): Promise<SyncServer>;
export function setupTeam(url: string, database: string, users: { name: string; password: string }[], options?: { members?: string[] }): Promise<void>;
export function allDocs(url: string, database: string): Promise<({ _id: string; _rev: string; _conflicts?: string[] } & Record<string, unknown>)[]>;
