import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** One request the server saw: the basic-auth user (null without), method and path with query. */
export interface SeenRequest {
  user: string | null;
  method: string;
  path: string;
}

export interface SyncServerOptions {
  /** Answer cross-origin requests (Chromium's tests, whose worker has no host permission: see below). */
  cors?: boolean;
  /** The Nth `_bulk_docs` is stored, then the server dies before answering it. */
  crashOnBulkDocs?: number;
}

const SCRIPT = path.resolve('scripts/sync-server.mjs');
const running = new Set<ChildProcess>();
// A test run cut short must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * The CouchDB-protocol test server (scripts/sync-server.mjs: PouchDB Server on LevelDB) as a child process on
 * 127.0.0.1, with its data in a temporary folder, so a test can kill it outright and start it again on the same
 * folder and port. Every request it sees is recorded in `requests` (with `--log-requests`), so tests wait on
 * what the extension sent instead of on time.
 *
 * Headless Chromium cannot answer `permissions.request` (the browser's prompt), so the Chromium tests stub that
 * call in the options page and start the server with CORS; the Firefox test grants the real permission.
 */
export class SyncServerProcess {
  readonly requests: SeenRequest[] = [];
  private waiters: (() => void)[] = [];
  private child: ChildProcess | null = null;
  private exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  url = '';
  port = 0;

  private constructor(
    readonly dataDir: string,
    private readonly options: SyncServerOptions,
  ) {}

  /** Starts a server on a free random port with a new temporary data folder. */
  static async start(options: SyncServerOptions = {}): Promise<SyncServerProcess> {
    const server = new SyncServerProcess(mkdtempSync(path.join(os.tmpdir(), 'icp-couch-e2e-')), options);
    await server.launch(0, options);
    return server;
  }

  /** Starts the server again on the same port and data folder (after `kill` or a crash). */
  async restart(options: SyncServerOptions = this.options): Promise<void> {
    if (this.child) throw new Error('the sync server is still running');
    await this.launch(this.port, options);
  }

  private async launch(port: number, options: SyncServerOptions): Promise<void> {
    const args = [SCRIPT, '--data', this.dataDir, '--port', String(port), '--log-requests'];
    if (options.cors) args.push('--cors');
    if (options.crashOnBulkDocs) args.push('--crash-on-bulk-docs', String(options.crashOnBulkDocs));
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    this.child = child;
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk) => stderr.push(String(chunk)));
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        if (this.child === child) this.child = null;
        this.notify();
        resolve({ code, signal });
      }),
    );
    const listening = new Promise<void>((resolve, reject) => {
      void this.exit!.then(({ code, signal }) => reject(new Error(`sync server exited (${code ?? signal}) before listening: ${stderr.join('')}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        let message: { url?: string; request?: SeenRequest };
        try {
          message = JSON.parse(line) as typeof message;
        } catch {
          return;
        }
        if (message.request) {
          this.requests.push(message.request);
          this.notify();
        } else if (message.url) {
          this.url = message.url;
          this.port = Number(new URL(message.url).port);
          resolve();
        }
      });
    });
    await listening;
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
  }

  /** Whether the server process is running. */
  get alive(): boolean {
    return this.child !== null;
  }

  /**
   * Waits until `ready()` holds, re-checking on each request the server sees and when it exits.
   * @throws after `timeoutMs` with `what` in the message (a deadline for a state, not a measured time).
   */
  async waitFor(what: string, ready: () => boolean, timeoutMs = 30_000): Promise<void> {
    if (ready()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!ready()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`sync server: still waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(check);
    });
  }

  /** Requests seen from `user` after index `from` of `requests`. */
  requestsOf(user: string, from = 0): SeenRequest[] {
    return this.requests.slice(from).filter((r) => r.user === user);
  }

  /** Waits for the process to end by itself (the crash option) and returns how it ended. */
  async exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exit) throw new Error('the sync server was never started');
    return this.exit;
  }

  /** Kills the server at once (SIGKILL: no clean shutdown) and waits until it is gone. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await this.exit;
  }

  /** Kills the server and removes its data folder. */
  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
