/**
 * A reply's Discord message with its chart: the quickchart URL as the embed image when it fits
 * Discord's 2,048 characters, else the chart.js config rendered here to a PNG and attached
 * (`attachment://chart.png`). If rendering fails the embed says the chart could not be shown.
 */
import type { Logger } from '../../logger.js';
import { chartPng } from '../charts/png.js';
import type { Reply } from '../reply.js';
import { needsChartFile, replyPages, type DiscordPage } from './embeds.js';

export const CHART_FILE = 'chart.png';

export interface ChartFile {
  name: string;
  data: Buffer;
}

export interface DiscordMessage {
  pages: DiscordPage[];
  /** Files to attach to the first page (the one whose head embed shows the chart). */
  files: ChartFile[];
}

export async function discordMessage(reply: Reply, logger?: Logger): Promise<DiscordMessage> {
  if (!needsChartFile(reply)) return { pages: replyPages(reply), files: [] };
  const png = await chartPng(reply.chart, (err) => logger?.warn({ err, command: reply.command }, 'chart could not be rendered to PNG'));
  if (!png) return { pages: replyPages(reply), files: [] };
  return { pages: replyPages(reply, { chartFile: CHART_FILE }), files: [{ name: CHART_FILE, data: png }] };
}

/** discord.js `files` for an interaction reply (omitted when there are none, so edits keep what is attached). */
export const interactionFiles = (files: ChartFile[]) => (files.length ? { files: files.map((f) => ({ attachment: f.data, name: f.name })) } : {});
