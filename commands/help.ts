// /help: what each command does, with examples, and what the data holds right now, in the reader's language.
import { describeCounts, KIND_COLOURS } from '../src/format/embeds.ts';
import { COMMAND_WORDS } from '../src/locale/commands.ts';
import { localeOf } from '../src/locale/locale.ts';
import { AVAILABLE_EVERYWHERE, isSlashDefinition, type Command, type CommandDefinition } from '../src/interaction/types.ts';
import { catalogue } from '../src/messages.ts';

/** What Discord shows this reader for a command: its name and description in their language, English otherwise. */
function shown(data: CommandDefinition, locale: ReturnType<typeof localeOf>): { name: string; description: string } {
  const words = locale === 'en' ? undefined : COMMAND_WORDS[locale][data.name];
  return { name: words?.name ?? data.name, description: words?.description ?? (isSlashDefinition(data) ? data.description : '') };
}

export default {
  data: {
    name: 'help',
    description: 'What this bot can do, with examples',
    ...AVAILABLE_EVERYWHERE,
  },
  execute: (request) => {
    const locale = localeOf(request.locale);
    const words = catalogue(locale);
    const examples: Readonly<Record<string, string>> = words.help.examples;
    // Moderator tools stay out of everyone's help; moderators find /data in Discord's command list.
    const commands = request.services.commands.filter((command) => command.data.name !== 'help' && !command.moderatorOnly);
    return {
      embeds: [
        {
          color: KIND_COLOURS.source,
          title: words.help.title,
          description: words.help.description,
          fields: [
            ...commands.map((command) => {
              const { name, description } = shown(command.data, locale);
              return isSlashDefinition(command.data)
                ? { name: `/${name}`, value: [description, examples[command.data.name]].filter(Boolean).join('\n') }
                : { name: words.help.messageCommandName(name), value: words.help.messageCommand };
            }),
            { name: words.help.inTheData, value: describeCounts(request.snapshot.dataset, words) },
          ],
        },
      ],
      ephemeral: true,
    };
  },
} satisfies Command;
