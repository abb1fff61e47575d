import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { PRESET_NAMES } from '../src/core/scanner/presets.js';
import { trackRecord } from '../src/track/index.js';
import { trackReply } from './views/track.js';
import { trackData } from './schemas/track.js';

export { trackData as dataSchema };

/** The `data` of a /track reply. */
export { TrackData as TrackDataSchema } from '../src/track/index.js';

export default defineCommand({
  name: 'track',
  description: 'Track record of every posted pick: returns after 1, 5 and 20 trading days vs the benchmark',
  category: 'market',
  examples: ['/track', '/track momentum', '/track days=90'],
  args: z.object({
    preset: z
      .enum([...PRESET_NAMES, 'custom'])
      .optional()
      .describe('Only this scan preset (custom = /scan with your own filters)'),
    days: z.number().int().min(1).max(365).default(30).describe('Picks posted in the last N calendar days, 1 to 365 (default 30)'),
  }),
  positional: ['preset', 'days'],
  dataSchema: trackData,
  async run(ctx, { preset, days }) {
    const data = await trackRecord(ctx.services, ctx.tenant, { preset, days }, ctx.services.clock.now());
    return trackReply(data);
  },
});
