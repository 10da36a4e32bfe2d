// Every sentence the bot says to users, in one place: commands and tests import these instead of repeating them.
import { escapeMarkdown } from './format/text.ts';

const quoted = (text: string): string => `“${escapeMarkdown(text)}”`;

export const messages = Object.freeze({
  noMatch: (noun: string, query: string) => `No ${noun} matches ${quoted(query)}.`,
  didYouMean: (suggestions: readonly string[]) => `Did you mean ${suggestions.map(quoted).join(', ')}?`,
  searchTips: 'Try a surname (“Tokayev”), a company (“Boeing”), a country (“Kazakh”) or a product (“locomotives”).',
  emptyKind: (noun: string) => `There are no ${noun} in the data yet.`,
  matchListTitle: (count: number, noun: string, query: string) =>
    query ? `${count.toLocaleString('en-US')} ${noun} match ${quoted(query)}` : `All ${count.toLocaleString('en-US')} ${noun}`,
  notYourButtons: (command: string, query: string) =>
    `These buttons belong to whoever ran the command. Run \`/${command}${query ? ` ${query.replace(/`/g, "'")}` : ''}\` to browse these results yourself.`,
  staleButton: 'This button is no longer valid. Run the command again.',
  staleForm: 'This form is no longer valid. Run the command again.',
  restarting: 'I’m restarting right now. Try again in a moment.',
  restartedBeforeFinishing: 'I was restarted before I could finish this. Try again in a moment.',
  restartedDuringChange: 'I was restarted while this was running. Check `/data status` in a moment to see whether the change went through.',
  resultsGone: 'Those results are no longer in the data. Run the command again.',
  postPublicly: 'Post in the channel',
  helpMessageCommandName: (name: string) => `Apps → ${name}`,
  helpMessageCommand: 'Right-click (or long-press) any message, then Apps: what the data holds about the people, companies, countries and topics it mentions, shown only to you.',
  messageHasNoText: 'That message has no text to look up (only images, files or stickers).',
  messageMentionsNothing: 'Nothing in the data matches the people, organisations, countries or topics this message mentions.',
  unknownCommand: (name: string) => `I don’t know the command \`/${name.replace(/`/g, "'")}\`. Try \`/help\`.`,
  missingOption: (name: string) => `The option \`${name}\` is required.`,
  cooldown: (seconds: number) => `You’re going a little fast: try again in ${seconds} s.`,
  internalError: (reference: string) =>
    `Sorry, something went wrong on my side. If it keeps happening, tell the bot’s operator this reference: \`${reference}\`.`,
  guildOnly: 'This command works in servers only.',
  notModerator: 'Only moderators can use this command: you need the Manage Server permission or a moderator role.',
  dataManagedElsewhere:
    'The data is shared by every server that uses this bot, so it is managed only in the bot’s home server, by its moderators. Ask there to add or correct something.',
  dataManagementOff: 'Data management is turned off: the bot’s operator has not named a home server for the data (DATA_GUILD_IDS).',
  unknownSubcommand: (command: string, sub: string) => `\`/${command}\` has no subcommand “${escapeMarkdown(sub)}”. Try \`/help\`.`,
  dataUnavailable: 'Data management is not available in this process.',
  dataUnchanged: (version: string) => `Nothing changed: version \`${version}\` is already live.`,
  importExpired: 'This import preview has expired or was already handled. Upload the file again with `/data import`.',
  importCancelled: 'Import cancelled. Nothing was changed.',
  importStale: (version: string) => `The data changed since this preview (version \`${version}\` is live now). Run \`/data import\` again to see the new diff.`,
  notYourImport: 'Only the moderator who uploaded this file can confirm or cancel it.',
  exported: (count: number, version: string) => `Exported ${String(count)} article file${count === 1 ? '' : 's'} of version \`${version}\`.`,
});

/** Logged at start-up and printed by deploy when no server owns the data, so an operator knows how to enable /data. */
export const DATA_HOME_HINT =
  '/data is off: no server owns the data. Set DATA_GUILD_IDS (or DISCORD_GUILD_ID) to the id of the server whose moderators manage it, then run npm run deploy.';
