// /help: what each command does, with examples, and what the data holds right now.
import { describeCounts, KIND_COLOURS } from '../src/format/embeds.ts';
import { AVAILABLE_EVERYWHERE, isSlashDefinition, type Command } from '../src/interaction/types.ts';
import { messages } from '../src/messages.ts';

const EXAMPLES: Readonly<Record<string, string>> = Object.freeze({
  quote: '`/quote Tokayev` · `/quote open for business`',
  deal: '`/deal boeing` · `/deal kazakhstan` · `/deal locomotives`',
  fact: '`/fact political prisoners` · `/fact Turkmenistan`',
  who: '`/who Lutnick` · `/who Токаев`',
  search: '`/search query:tungsten` · `/search query:Kazakh kind:Deals`',
  sources: '`/sources`',
});

export default {
  data: {
    name: 'help',
    description: 'What this bot can do, with examples',
    ...AVAILABLE_EVERYWHERE,
  },
  execute: (request) => {
    // Moderator tools stay out of everyone's help; moderators find /data in Discord's command list.
    const commands = request.services.commands.filter((command) => command.data.name !== 'help' && !command.moderatorOnly);
    return {
      embeds: [
        {
          color: KIND_COLOURS.source,
          title: 'Newsdesk: quotes, deals and facts from the news',
          description:
            'Search verbatim quotes, deals, facts and people taken from news articles. Every answer shows its source. ' +
            'Names forgive typos and other spellings (Tokaev, Токаев), and results with several matches have buttons to page through them.',
          fields: [
            ...commands.map((command) =>
              isSlashDefinition(command.data)
                ? { name: `/${command.data.name}`, value: [command.data.description, EXAMPLES[command.data.name]].filter(Boolean).join('\n') }
                : { name: messages.helpMessageCommandName(command.data.name), value: messages.helpMessageCommand },
            ),
            { name: 'In the data now', value: describeCounts(request.snapshot.dataset) },
          ],
        },
      ],
      ephemeral: true,
    };
  },
} satisfies Command;
