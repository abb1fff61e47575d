/**
 * Charts Slack cannot show by URL (an image block's URL is limited to 3,000 characters): the
 * chart.js config is rendered here to a PNG and uploaded with files.uploadV2 into the channel
 * the message went to. A failed render or upload leaves the message's text note and a log line.
 */
import type { Logger } from '../../logger.js';
import { chartPng } from '../charts/png.js';
import type { Reply } from '../reply.js';
import { needsChartUpload } from './blocks.js';

/** The slice of Slack's WebClient the upload needs (Bolt's `client`). */
export interface ChartClient {
  filesUploadV2(args: { channel_id: string; file: Buffer; filename: string; title: string; alt_text?: string }): Promise<unknown>;
}

/** The PNG to upload for this reply, if its chart needs one and rendering works. */
export function slackChartPng(reply: Reply, logger: Logger): Promise<Buffer | undefined> {
  if (!needsChartUpload(reply)) return Promise.resolve(undefined);
  return chartPng(reply.chart, (err) => logger.warn({ err, command: reply.command }, 'chart could not be rendered to PNG'));
}

export async function uploadChart(client: ChartClient, channel: string, reply: Reply, png: Buffer, logger: Logger): Promise<void> {
  const title = (reply.chart?.title || 'Chart').slice(0, 250);
  try {
    await client.filesUploadV2({ channel_id: channel, file: png, filename: 'chart.png', title, alt_text: title });
  } catch (err) {
    // Usually the bot is not in the channel (files need membership) or lacks files:write.
    logger.warn({ err: err instanceof Error ? err.message : String(err), channel }, 'chart upload to Slack failed');
  }
}
