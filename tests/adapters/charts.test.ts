import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chartSize, renderChartPng } from '../../src/chat/charts/png.js';
import { defineCommand, type Command } from '../../src/chat/command.js';
import { okReply, type Reply, type ReplyChart } from '../../src/chat/reply.js';
import { createRouter } from '../../src/chat/router.js';
import { DiscordHarness } from './discord-harness.js';
import { CHANNEL_ID } from './fakes/discord.js';
import { CHANNEL } from './fakes/slack.js';
import { SlackHarness } from './slack-harness.js';
import { fakeCommands, fakeServices } from './support.js';

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after the 8-byte signature. */
const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });
const PNG_SIGNATURE = '89504e470d0a1a0a';

/** A quickchart-style URL for `config` at w × h, as quickchart-js builds them. */
const quickchartUrl = (config: unknown, w: number, h: number) =>
  `https://quickchart.io/chart?c=${encodeURIComponent(JSON.stringify(config))}&w=${w}&h=${h}&bkg=%23ffffff&f=png&v=4`;

function barChart(bars: number, w = 500, h = 260): ReplyChart {
  const config = {
    type: 'bar',
    data: {
      labels: Array.from({ length: bars }, (_, i) => `SYM${i}`),
      datasets: [{ label: 'score', data: Array.from({ length: bars }, (_, i) => (i * 37) % 100) }],
    },
  };
  return { title: `Top ${bars} by score`, url: quickchartUrl(config, w, h), config };
}

const longChart = barChart(300);
const shortChart = barChart(3);

const chartCommand = defineCommand({
  name: 'chart',
  description: 'A reply with a chart',
  category: 'market',
  examples: ['/chart', '/chart long'],
  args: z.object({ size: z.enum(['short', 'long']).default('short').describe('short or long URL') }),
  positional: ['size'],
  async run(_ctx, args) {
    return okReply('chart', {
      title: 'Chart test',
      text: 'see the chart',
      chart: args.size === 'long' ? longChart : shortChart,
      footer: 'fake · 2026-12-01 11:00 ET',
    });
  },
});
const commands = [...fakeCommands, chartCommand as unknown as Command];

describe('renderChartPng', () => {
  it('renders a chart.js config to a PNG of the asked size', async () => {
    const png = await renderChartPng(shortChart.config, 640, 320);
    expect(png.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(pngSize(png)).toEqual({ width: 640, height: 320 });
    expect(png.length).toBeGreaterThan(1000);
  }, 20_000);

  it('renders a config too long for any URL, and rejects a non-config', async () => {
    expect(longChart.url?.length).toBeGreaterThan(3000);
    expect(pngSize(await renderChartPng(longChart.config, 500, 260))).toEqual({ width: 500, height: 260 });
    await expect(renderChartPng(undefined, 100, 100)).rejects.toThrow(/chart.js configuration/);
  }, 20_000);

  it('reads the size from the quickchart URL, with a default', () => {
    expect(chartSize(longChart)).toEqual({ width: 500, height: 260 });
    expect(chartSize({ url: 'not a url' })).toEqual({ width: 600, height: 300 });
  });
});

describe('Discord charts', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await DiscordHarness.start(await fakeServices(), createRouter(commands));
  }, 30_000);
  afterAll(async () => h?.close());

  it('embeds a chart URL that fits Discord’s 2,048 characters, attaching nothing', async () => {
    const out = await h.command('chart', [{ name: 'size', type: 3, value: 'short' }]);
    const edit = out.payloads.find((c) => c.method === 'PATCH');
    expect((edit?.body as { embeds: { image?: { url: string } }[] }).embeds[0]?.image?.url).toBe(shortChart.url);
    expect(edit?.files ?? []).toEqual([]);
  });

  it('attaches a longer chart as chart.png rendered locally, shown in the embed', async () => {
    const out = await h.command('chart', [{ name: 'size', type: 3, value: 'long' }]);
    const edit = out.payloads.find((c) => c.method === 'PATCH');
    const body = edit?.body as { embeds: { image?: { url: string }; description?: string }[]; attachments: { id: number | string }[] };
    expect(body.embeds[0]?.image?.url).toBe('attachment://chart.png');
    expect(body.attachments.map((a) => String(a.id))).toEqual(['0']);
    const file = edit?.files?.[0];
    expect(file?.name).toBe('chart.png');
    expect(file?.data.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
    expect(pngSize(file?.data as Buffer)).toEqual({ width: 500, height: 260 });
    expect(out.text).not.toMatch(/could not be embedded/);
  }, 30_000);

  it('attaches the PNG to scheduled posts too, mentions still disabled', async () => {
    const reply: Reply = okReply('scan', { kind: 'post', title: 'Morning picks', chart: longChart });
    await h.adapter.send(`discord:${CHANNEL_ID}`, reply);
    const post = await h.fake.waitFor((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages` && !!c.files?.length);
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [] }, embeds: [{ title: 'Morning picks', image: { url: 'attachment://chart.png' } }] });
    expect(post.files?.[0]?.data.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
  }, 30_000);
});

describe.each(['http', 'socket'] as const)('Slack charts (%s)', (mode) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start(await fakeServices(), createRouter(commands), mode);
  }, 30_000);
  afterAll(async () => h?.close());

  it('shows a chart URL within 3,000 characters as an image block, uploading nothing', async () => {
    const out = await h.command('/chart', 'short');
    const blocks = out.payloads[0]?.body.blocks as { type: string; image_url?: string }[];
    expect(blocks.find((b) => b.type === 'image')?.image_url).toBe(shortChart.url);
    expect(h.fake.api.some((r) => r.path === 'files.getUploadURLExternal')).toBe(false);
  });

  it('uploads a longer chart as a PNG to the channel after answering in it', async () => {
    const out = await h.command('/chart', 'long');
    expect(out.text).toContain('Chart "Top 300 by score" follows as an image.');
    const done = await h.fake.waitFor((r) => r.path === 'files.completeUploadExternal');
    expect(done.body.channel_id).toBe(CHANNEL);
    const ask = h.fake.api.find((r) => r.path === 'files.getUploadURLExternal');
    expect(ask?.body.filename).toBe('chart.png');
    const png = [...h.fake.uploads.values()][0] as Buffer;
    expect(png.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 500, height: 260 });
    expect(Number(ask?.body.length)).toBe(png.length);
  }, 30_000);

  it('uploads the PNG for scheduled posts to the channel posted to', async () => {
    const before = h.fake.api.filter((r) => r.path === 'files.completeUploadExternal').length;
    await h.adapter.send('slack:C0PICKS', okReply('scan', { kind: 'post', title: 'Morning picks', chart: longChart }));
    const uploads = h.fake.api.filter((r) => r.path === 'files.completeUploadExternal');
    expect(uploads.length).toBe(before + 1);
    expect(uploads.at(-1)?.body.channel_id).toBe('C0PICKS');
  }, 30_000);
});
