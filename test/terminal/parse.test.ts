import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { isSlashDefinition, type CommandDefinition } from '../../src/interaction/types.ts';
import { terminalMessages } from '../../src/terminal/messages.ts';
import { focusedOption, parseCommandLine, type Invocation } from '../../src/terminal/parse.ts';

const definitions = commands.map((command) => command.data);

/** A moderator command shaped like the planned /data: subcommands, a group, an attachment. */
const dataCommand: CommandDefinition = {
  name: 'data',
  description: 'Manage the data',
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'status', description: 'What is loaded' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'import',
      description: 'Add an article file',
      options: [
        { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'The JSON file', required: true },
        { type: ApplicationCommandOptionType.String, name: 'note', description: 'Why' },
      ],
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'history',
      description: 'Past versions',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'list',
          description: 'List versions',
          options: [{ type: ApplicationCommandOptionType.String, name: 'limit', description: 'How many' }],
        },
      ],
    },
  ],
};

async function parse(line: string, defs: readonly CommandDefinition[] = definitions): Promise<Invocation> {
  const result = await parseCommandLine(line, defs);
  if (!result.ok) throw new Error(`expected "${line}" to parse, got: ${result.message}`);
  return result.invocation;
}

async function failure(line: string, defs: readonly CommandDefinition[] = definitions, cwd?: string): Promise<string> {
  const result = await parseCommandLine(line, defs, cwd ? { cwd } : {});
  if (result.ok) throw new Error(`expected "${line}" not to parse`);
  return result.message;
}

describe('parsing a terminal line', () => {
  it.each([
    ['/quote Tokayev', 'quote', 'query', 'Tokayev'],
    ['quote Tokayev', 'quote', 'query', 'Tokayev'],
    ['/QUOTE Tokayev', 'quote', 'query', 'Tokayev'],
    ['/deal query:boeing', 'deal', 'query', 'boeing'],
    ['/deal query: boeing', 'deal', 'query', 'boeing'],
    ['/who Токаев', 'who', 'name', 'Токаев'],
    ['/who name:Касым-Жомарт Токаев', 'who', 'name', 'Касым-Жомарт Токаев'],
    ['/quote "open for business"', 'quote', 'query', 'open for business'],
    ['/quote query:"open for business"', 'quote', 'query', 'open for business'],
    ['/quote “open for business”', 'quote', 'query', 'open for business'],
    ['/quote open   for business', 'quote', 'query', 'open for business'],
    ["/quote it's crucial", 'quote', 'query', "it's crucial"],
    ['/quote "say \\"hi\\""', 'quote', 'query', 'say "hi"'],
    ['/fact 10:30 https://example.com/a', 'fact', 'query', '10:30 https://example.com/a'],
  ])('given %j, then /%s gets %s = %j', async (line, command, option, value) => {
    const invocation = await parse(line);
    expect(invocation.commandName).toBe(command);
    expect(invocation.subcommand).toBeUndefined();
    expect(invocation.options.string(option)).toBe(value);
  });

  it.each([
    ['/search query:boeing kind:deal', 'boeing', 'deal'],
    ['/search boeing kind:deal', 'boeing', 'deal'],
    ['/search kind:deal boeing', 'boeing', 'deal'],
    ['/search QUERY:boeing Kind:DEAL', 'boeing', 'deal'],
    ['/search query:Kazakh kind:Deals', 'Kazakh', 'deal'],
    ['/search query:open for business kind:quote', 'open for business', 'quote'],
  ])('given %j, then /search gets the query %j and the kind %j', async (line, query, kind) => {
    const invocation = await parse(line);
    expect(invocation.commandName).toBe('search');
    expect(invocation.options.string('query')).toBe(query);
    expect(invocation.options.string('kind')).toBe(kind);
  });

  it('given /help or /sources, then they parse with no options', async () => {
    for (const line of ['/help', 'help', '/sources']) {
      const invocation = await parse(line);
      expect(invocation.given).toEqual([]);
      expect(invocation.options.string('query')).toBeUndefined();
    }
  });

  it('given an unknown command, then the message names it, suggests the nearest and lists every command that can be typed', async () => {
    const result = await parseCommandLine('/quot Tokayev', definitions);
    expect(result).toMatchObject({ ok: false, reason: 'unknown-command' });
    expect(result.ok ? '' : result.message).toBe(terminalMessages.unknownCommand('/quot', definitions.filter(isSlashDefinition).map((d) => `/${d.name}`), '/quote'));
    expect(await failure('/frobnicate')).toContain('Commands: /quote, /deal, /fact, /who, /search, /sources, /help, /data.');
  });

  it('given an unknown option, then the message lists the valid ones and the usage', async () => {
    const message = await failure('/search boeing sort:newest');
    expect(message).toContain('/search has no option “sort”');
    expect(message).toContain('Its options: query, kind.');
    expect(message).toContain('Usage: /search query:<text> [kind:quote|deal|fact|entity|source]');
  });

  it('given a kind that is not a choice, then the message lists the choices', async () => {
    expect(await failure('/search boeing kind:tweets')).toBe(terminalMessages.badChoice('kind', 'tweets', ['quote', 'deal', 'fact', 'entity', 'source']));
  });

  it('given a required option left out, then it says which, unless the line is still being typed', async () => {
    expect(await failure('/who')).toContain('The option name is required.');
    const partial = await parseCommandLine('/who', definitions, { partial: true });
    expect(partial.ok).toBe(true);
  });

  it('given an option twice, free text for a command without text, or an over-long query, then each is refused clearly', async () => {
    expect(await failure('/search boeing query:jets')).toBe(terminalMessages.givenTwice('query'));
    expect(await failure('/sources newest')).toContain('/sources takes no free text (got “newest”)');
    expect(await failure(`/quote ${'x'.repeat(101)}`)).toBe(terminalMessages.tooLong('query', 100, 101));
    expect(await failure('/deal query:')).toBe(terminalMessages.needsValue('query'));
    expect(await failure('')).toContain('Type a command');
  });

  it('given the line is still being typed, then the focused option is the last one given, else the first text option', async () => {
    expect(focusedOption(await parse('quote tok'))).toEqual({ name: 'query', value: 'tok' });
    expect(focusedOption(await parse('/search kind:deal boe'))).toEqual({ name: 'query', value: 'boe' });
    const bare = await parseCommandLine('/who', definitions, { partial: true });
    expect(bare.ok && focusedOption(bare.invocation)).toEqual({ name: 'name', value: '' });
  });
});

describe('parsing subcommands and attachments', () => {
  const ARTICLE = '{"source":{}}';
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'newsdesk-parse-'));
    await writeFile(path.join(folder, 'x.json'), ARTICLE);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('given /data status, then the word after the command selects the subcommand', async () => {
    const invocation = await parse('/data status', [dataCommand]);
    expect(invocation.commandName).toBe('data');
    expect(invocation.subcommand).toBe('status');
    expect(invocation.options.subcommand).toBe('status');
  });

  it('given /data import file:./x.json, then the file is described like an upload with a file:// URL', async () => {
    const result = await parseCommandLine('/data IMPORT file:./x.json note:first try', [dataCommand], { cwd: folder });
    if (!result.ok) throw new Error(result.message);
    const file = path.join(folder, 'x.json');
    expect(result.invocation.subcommand).toBe('import');
    expect(result.invocation.options.attachment('file')).toMatchObject({
      filename: 'x.json',
      size: Buffer.byteLength(ARTICLE),
      url: pathToFileURL(file).href,
      contentType: 'application/json',
    });
    expect(result.invocation.options.string('note')).toBe('first try');
    expect(result.invocation.options.string('file')).toBeUndefined();
  });

  it('given a subcommand group, then both words select the subcommand and its options parse as usual', async () => {
    const invocation = await parse('/data history list limit:5', [dataCommand]);
    expect(invocation.subcommand).toBe('list');
    expect(invocation.options.string('limit')).toBe('5');
  });

  it('given no subcommand, an unknown one or a missing file, then the message says what is possible', async () => {
    expect(await failure('/data', [dataCommand])).toBe(terminalMessages.missingSubcommand('data', ['status', 'import', 'history']));
    expect(await failure('/data purge', [dataCommand])).toBe(terminalMessages.unknownSubcommand('data', 'purge', ['status', 'import', 'history']));
    expect(await failure('/data import file:./missing.json', [dataCommand], folder)).toBe(
      terminalMessages.noSuchFile('file', path.join(folder, 'missing.json')),
    );
    expect(await failure('/data import', [dataCommand], folder)).toContain('The option file is required. Usage: /data import file:<file> [note:<text>]');
    expect(await failure(`/data import file:${folder}`, [dataCommand])).toBe(terminalMessages.notAFile('file', folder));
    expect(await failure('/data import file:./x.json force:yes', [dataCommand], folder)).toBe(
      terminalMessages.unknownOption('/data import', 'force', ['file', 'note'], '/data import file:<file> [note:<text>]'),
    );
    expect(await failure('/data status now', [dataCommand])).toContain('/data status takes no free text (got “now”)');
  });
});
