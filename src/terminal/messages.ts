// Every sentence the terminal mode says on its own (parse errors, paging hints, the banner), in one place for tests.

const list = (items: readonly string[]): string => items.join(', ');

export const terminalMessages = Object.freeze({
  emptyCommand: (commands: readonly string[]) => `Type a command, for example /quote Tokayev. Commands: ${list(commands)}.`,
  unknownCommand: (word: string, commands: readonly string[], suggestion: string | undefined) =>
    `Unknown command “${word}”.${suggestion ? ` Did you mean ${suggestion}?` : ''} Commands: ${list(commands)}.`,
  unknownOption: (command: string, name: string, valid: readonly string[], usage: string) =>
    valid.length > 0 ? `${command} has no option “${name}”. Its options: ${list(valid)}. Usage: ${usage}` : `${command} takes no options (got “${name}:”).`,
  unexpectedText: (command: string, text: string, usage: string) => `${command} takes no free text (got “${text}”). Usage: ${usage}`,
  givenTwice: (name: string) => `The option ${name} is given twice.`,
  needsValue: (name: string) => `The option ${name}: needs a value, e.g. ${name}:"some words".`,
  missingOption: (name: string, usage: string) => `The option ${name} is required. Usage: ${usage}`,
  missingSubcommand: (command: string, subcommands: readonly string[]) => `/${command} needs one of: ${list(subcommands)}.`,
  unknownSubcommand: (command: string, word: string, subcommands: readonly string[]) =>
    `/${command} has no “${word}”. Choose one of: ${list(subcommands)}.`,
  badChoice: (name: string, value: string, choices: readonly string[]) => `“${value}” is not a choice for ${name}. Choose one of: ${list(choices)}.`,
  tooLong: (name: string, max: number, length: number) => `The option ${name} takes at most ${max} characters (got ${length}).`,
  tooShort: (name: string, min: number) => `The option ${name} needs at least ${min} characters.`,
  unsupportedOption: (name: string) => `The option ${name} cannot be given in the terminal yet.`,
  noSuchFile: (name: string, file: string) => `${name}: there is no file at ${file}.`,
  notAFile: (name: string, file: string) => `${name}: ${file} is a folder, not a file.`,
  nothingToPage: 'Nothing to page through: run a lookup with several results first, e.g. /quote Tokayev.',
  nothingToChoose: 'Nothing to choose from: run a lookup with several results first, e.g. /quote Tokayev.',
  atFirst: 'This is the first result already.',
  atLast: 'This is the last result already.',
  chooseInRange: (max: number) => `Type a number from 1 to ${max}.`,
  pagingHint: (total: number) => `type next (n), prev (p), first or last to page, or a number 1–${total} to jump`,
  chooseHint: (count: number) => `type a number 1–${count} to choose`,
  pressHint: 'type a button’s label to press it',
  ephemeral: '(only you can see this)',
  terminalHelp: 'In the terminal: page with next, prev, first, last or a number; quit (or Ctrl-D) leaves.',
  bannerTitle: 'Newsdesk: quotes, deals, facts and people from the news, answered in your terminal.',
  bannerData: (version: string, counts: string) => `Data ${version}: ${counts}.`,
  bannerExamples: 'Try /quote Tokayev · /deal boeing · /who Токаев · /search query:tungsten · /sources · /help',
  bannerPaging: 'Page through results with next, prev, first, last or a number; quit or Ctrl-D leaves.',
  bannerDiscord:
    'To serve Discord instead: put DISCORD_TOKEN (and DISCORD_CLIENT_ID) in .env, run npm run deploy once, then npm start. See README.md.',
  savedFile: (name: string, size: string, file: string) => `📎 ${name} (${size}) saved to ${file}`,
});
