/** Reading and writing the fixture layout: DIR/index.json + one wrapper JSON per response. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndexEntry } from './match.js';

export interface Recording {
  request: { url: string; method?: string; headers?: Record<string, unknown>; bodyText?: string };
  response: {
    ok?: boolean;
    status: number;
    statusText?: string;
    /** v3: string values (set-cookie: string[]); v2: every value is string[]. */
    headers: Record<string, string | string[]>;
    bodyJson?: unknown;
    bodyText?: string;
  };
}

export interface FixtureIndex {
  meta?: Record<string, unknown>;
  files: IndexEntry[];
}

export async function readIndex(dir: string): Promise<FixtureIndex> {
  const text = await readFile(join(dir, 'index.json'), 'utf8');
  const parsed = JSON.parse(text) as FixtureIndex;
  if (!Array.isArray(parsed.files)) throw new Error(`${join(dir, 'index.json')} has no "files" list`);
  return parsed;
}

export async function readRecording(dir: string, file: string): Promise<Recording> {
  return JSON.parse(await readFile(join(dir, file), 'utf8')) as Recording;
}

/** Headers that describe the wire encoding of the original body, not the body we serve. */
const WIRE = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);
const FUTURE = (): string => new Date(Date.now() + 365 * 86_400_000).toUTCString();

/**
 * A Response from a recording. Cookie expiry dates are moved a year ahead: the recorder's
 * session is long expired, and the client drops expired cookies before asking for a crumb.
 */
export function toResponse(rec: Recording, bodyOverride?: unknown): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(rec.response.headers ?? {})) {
    const key = name.toLowerCase();
    if (WIRE.has(key)) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      headers.append(key, key === 'set-cookie' ? v.replace(/Expires=[^;]+/gi, `Expires=${FUTURE()}`) : v);
    }
  }
  const json = bodyOverride ?? rec.response.bodyJson;
  const body = json !== undefined ? JSON.stringify(json) : (rec.response.bodyText ?? '');
  if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json;charset=utf-8');
  const nullBody = [101, 204, 205, 304].includes(rec.response.status);
  return new Response(nullBody ? null : body, { status: rec.response.status, statusText: rec.response.statusText ?? '', headers });
}
