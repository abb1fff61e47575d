/**
 * Errors never carry a secret or a file's content (issue #16): a STORE_URL password, a token in a
 * URL, a secret query parameter, or the bytes of whatever file `--config` was pointed at.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig, redact } from '../../src/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tracker-secrets-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
};

describe('redact', () => {
  it.each([
    ['postgres://user:PASSWORD@host:5432/db', 'postgres://user:***@host:5432/db'],
    ['redis://:PASSWORD@cache:6379', 'redis://:***@cache:6379'],
    ['https://TOKEN123@proxy.example/api/', 'https://***@proxy.example/api/'],
    ['postgres://u:p@ss@word@h/db', 'postgres://u:***@h/db'],
    ['https://api.example/v1?symbol=ABCD&apikey=K3Y&token=T0K', 'https://api.example/v1?symbol=ABCD&apikey=***&token=***'],
    ['no url here', 'no url here'],
  ])('%s → %s', (input, out) => {
    expect(redact(input)).toBe(out);
  });
});

describe('config errors', () => {
  it('show STORE_URL without its password', () => {
    // A scheme the store does not take, so the value is refused and shown.
    const msg = failure(() => loadConfig({ env: { STORE_URL: 'postgresx://user:PASSWORD@host/db' }, file: false }));
    expect(msg).not.toContain('PASSWORD');
    expect(msg).toContain('"postgresx://user:***@host/db"');
  });

  it('show a URL from the config file without credentials', () => {
    const msg = failure(() => loadConfig({ env: {}, file: file('c.json', JSON.stringify({ store: { url: 'mysql://admin:S3CRET@db/x' } })) }));
    expect(msg).toBe('Config error: store.url must be sqlite://path, postgres://user:password@host:port/db or memory://, but got "mysql://admin:***@db/x".');
  });

  it("never show a secret key's value at all", () => {
    const msg = failure(() => loadConfig({ env: { SLACK_BOT_TOKEN: 'xoxp-not-a-bot-token-SECRET' }, file: false }));
    expect(msg).not.toContain('SECRET');
    expect(msg).toContain('but got a value');
  });

  it.each([
    ['a text file', 'root:x:0:0:hunter2:/root:/bin/bash\n', 'not valid JSON'],
    ['JSON that breaks after a secret', '{"password": "hunter2" oops}', 'not valid JSON (line 1, column 24)'],
    ['a JSON array of secrets', '["hunter2"]', 'not a JSON object'],
  ])('name the file but never print its bytes: %s', (_label, text, says) => {
    const path = file('bad.json', text);
    const msg = failure(() => loadConfig({ env: {}, file: path }));
    expect(msg).toContain(path);
    expect(msg).toContain(says);
    expect(msg).not.toMatch(/hunter2|root:x|oops/);
  });

  it('the real bot, started with --config on a file of secrets, prints one sentence without them', async () => {
    const path = file('shadow', 'root:$6$hunter2$abcdef:19000:0:99999:7:::\n');
    const run = promisify(execFile);
    const out = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', '--config', path], {
      env: { PATH: process.env.PATH ?? '' },
      timeout: 30_000,
    }).catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect(out.stderr.trim()).toBe(`Config error: ${path} is not valid JSON.`);
    expect(`${out.stdout}${out.stderr}`).not.toContain('hunter2');
  }, 40_000);

  it('the real bot, given STORE_URL=postgres://user:PASSWORD@… it cannot reach, names the store without the password', async () => {
    const run = promisify(execFile);
    const env = { PATH: process.env.PATH ?? '', STORE_URL: 'postgres://user:PASSWORD@127.0.0.1:1/db' };
    const out = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, timeout: 30_000 }).catch((e: { stdout: string; stderr: string }) => e);
    expect(out.stderr).toContain('postgres://user:***@127.0.0.1:1/db');
    expect(`${out.stdout}${out.stderr}`).not.toContain('PASSWORD');
  }, 40_000);
});
