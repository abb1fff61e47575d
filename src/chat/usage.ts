/** Usage lines derived from a command's schema, shared by /help, Slack usage hints and errors. */
import type { Command } from './command.js';
import { describeOptions } from './options.js';
import { expected } from './parse.js';

export function usage(command: Command): string {
  const options = describeOptions(command.args);
  const parts = options.map((o) => {
    const label = command.positional.includes(o.name) ? o.name : `${o.name}=…`;
    return o.required ? `<${label}>` : `[${label}]`;
  });
  return [`/${command.name}`, ...parts].join(' ');
}

export function optionLines(command: Command): string[] {
  return describeOptions(command.args).map((o) => {
    const dflt = o.defaultValue !== undefined ? `; default ${JSON.stringify(o.defaultValue)}` : '';
    const what = expected(o);
    // A free-text option's "expected" is its own description: say it once.
    const more = o.description && what.toLowerCase() !== o.description.toLowerCase() ? ` — ${what}` : '';
    return `${o.name}${o.required ? '' : ' (optional)'}: ${o.description || what}${more}${dflt}`;
  });
}
