/** The port every chat platform implements. Ids carry their platform: `discord:…`, `slack:…`, `console:…`. */
import type { Reply } from './reply.js';

export interface ChatAdapter {
  readonly platform: 'console' | 'discord' | 'slack';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts a scheduled post or alert to a channel (platform-prefixed id). */
  send(channel: string, reply: Reply): Promise<void>;
}
