/** `/track` data: the service's own schema (`src/track/schema.ts`), the posted picks and their returns. */
export { TrackData as trackData } from '../../src/track/index.js';
