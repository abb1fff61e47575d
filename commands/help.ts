import { z } from 'zod';
import { defineCommand, type Command } from '../src/chat/command.js';
import { CommandError } from '../src/chat/errors.js';
import { okReply } from '../src/chat/reply.js';
import { optionLines, usage } from '../src/chat/usage.js';
import { helpData } from './schemas/help.js';

export { helpData as dataSchema };

const CATEGORY_TITLES: Record<Command['category'], string> = {
  market: 'Market',
  options: 'Options',
  portfolio: 'Portfolio',
  risk: 'Risk',
  bot: 'Bot',
};

/** /help is built from the command list itself, so it cannot drift from what exists. */
export function helpCommand(list: () => readonly Command[]) {
  return defineCommand({
    name: 'help',
    description: 'List the commands, or explain one',
    category: 'bot',
    examples: ['/help', '/help greeks'],
    args: z.object({ command: z.string().optional().describe('A command name, e.g. greeks') }),
    positional: ['command'],
    dataSchema: helpData,
    async run(_ctx, { command }) {
      const commands = list();
      if (command) {
        const name = command.replace(/^\//, '').toLowerCase();
        const c = commands.find((x) => x.name === name);
        if (!c) throw new CommandError('UNKNOWN_COMMAND', `There is no /${name.slice(0, 30)} command; type /help to see them.`);
        return okReply('help', {
          title: `/${c.name} — ${c.description}`,
          text: `Usage: \`${usage(c)}\``,
          fields: [
            { name: 'Options', value: optionLines(c).join('\n') || 'none' },
            ...(c.limits ? [{ name: 'Limits', value: c.limits }] : []),
            { name: 'Examples', value: c.examples.join('\n') },
          ],
          data: { command: c.name, usage: usage(c), examples: c.examples },
        });
      }
      const groups = new Map<string, Command[]>(Object.keys(CATEGORY_TITLES).map((cat) => [cat, []]));
      for (const c of commands) groups.set(c.category, [...(groups.get(c.category) ?? []), c]);
      for (const [cat, cs] of groups) if (!cs.length) groups.delete(cat);
      return okReply('help', {
        title: 'Small-Cap Market Tracker — commands',
        text: 'Type `/help <command>` for options and examples.',
        fields: [...groups].map(([cat, cs]) => ({
          name: CATEGORY_TITLES[cat as Command['category']] ?? cat,
          value: cs.map((c) => `\`${usage(c)}\` — ${c.description}`).join('\n'),
        })),
        data: { commands: commands.map((c) => ({ name: c.name, description: c.description, usage: usage(c) })) },
      });
    },
  });
}
