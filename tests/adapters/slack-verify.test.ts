/**
 * Slack v0 request signing, checked on the raw bytes (reference: Slack's "Verifying requests from
 * Slack" — HMAC-SHA256 over `v0:<timestamp>:<body>`, hex, `v0=` prefix), and the replay memory.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignature, ReplayGuard } from '../../src/chat/slack/verify.js';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const now = 1_531_420_618;
const sign = (body: Buffer, ts: number | string, key = secret) =>
  `v0=${createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`v0:${ts}:`), body]))
    .digest('hex')}`;
const check = (body: Buffer, signature: string | undefined, timestamp: string | undefined, nowSeconds = now) =>
  checkSignature({ secret, signature, timestamp, body, nowSeconds });

describe('checkSignature', () => {
  const body = Buffer.from('token=xyz&team_id=T1&command=%2Fgreeks&text=ABCD');

  it("matches Slack's documented example signature", () => {
    const example = Buffer.from(
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    );
    expect(check(example, 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503', String(now))).toBe('ok');
  });

  it('accepts a body that is not valid UTF-8, signed over its bytes', () => {
    const raw = Buffer.from([0x74, 0x65, 0x78, 0x74, 0x3d, 0xff, 0xfe, 0xc3]);
    expect(check(raw, sign(raw, now), String(now))).toBe('ok');
    // Re-encoding the body as a string first (what Bolt does) would change these bytes.
    expect(check(Buffer.from(raw.toString('utf8')), sign(raw, now), String(now))).toBe('bad-signature');
  });

  it.each([
    ['a changed body', Buffer.from('token=xyz&team_id=T2'), sign(body, now), String(now), 'bad-signature'],
    ['another secret', body, sign(body, now, 'other'), String(now), 'bad-signature'],
    ['a short signature', body, 'v0=abc', String(now), 'bad-signature'],
    ['no signature', body, undefined, String(now), 'missing-headers'],
    ['no timestamp', body, sign(body, now), undefined, 'missing-headers'],
    ['a timestamp that is not a number', body, sign(body, '1e9'), '1e9', 'bad-timestamp'],
    ['a timestamp 301 s old', body, sign(body, now - 301), String(now - 301), 'stale-timestamp'],
    ['a timestamp 301 s ahead', body, sign(body, now + 301), String(now + 301), 'future-timestamp'],
  ] as const)('refuses %s', (_label, b, sig, ts, verdict) => {
    expect(check(b, sig, ts)).toBe(verdict);
  });

  it('accepts timestamps up to 300 s either way', () => {
    expect(check(body, sign(body, now - 300), String(now - 300))).toBe('ok');
    expect(check(body, sign(body, now + 300), String(now + 300))).toBe('ok');
  });
});

describe('ReplayGuard', () => {
  it('refuses a pair seen inside its memory and forgets it afterwards', () => {
    let t = 0;
    const guard = new ReplayGuard(600, () => t);
    expect(guard.firstTime('sig:1')).toBe(true);
    t = 3_000;
    expect(guard.firstTime('sig:1')).toBe(false);
    expect(guard.firstTime('sig:2')).toBe(true);
    t = 601_000;
    expect(guard.firstTime('sig:1')).toBe(true);
  });
});
