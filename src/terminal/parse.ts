// Reads one terminal line as a slash command, checked against the same option definitions Discord shows its users.
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandStringOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
} from 'discord-api-types/v10';
import { definitionOptions, isSlashDefinition, type AttachmentInfo, type CommandDefinition, type CommandOptions } from '../interaction/types.ts';
import { terminalMessages } from './messages.ts';

/** A line understood as a command: what the Dispatcher needs, plus what autocomplete needs to pick its focus. */
export interface Invocation {
  readonly commandName: string;
  readonly subcommand: string | undefined;
  readonly options: CommandOptions;
  /** String option values by option name, as given. */
  readonly values: ReadonlyMap<string, string>;
  /** Option names in the order they were first given (by name or as free text). */
  readonly given: readonly string[];
  /** The options of the command (or of its subcommand), in definition order. */
  readonly optionDefinitions: readonly APIApplicationCommandBasicOption[];
}

export type ParseResult =
  | { readonly ok: true; readonly invocation: Invocation }
  | { readonly ok: false; readonly reason: 'unknown-command' | 'invalid'; readonly message: string };

export interface ParseOptions {
  /** Where relative attachment paths start; the process's working directory by default. */
  readonly cwd?: string;
  /** The line is still being typed (autocomplete): required options may be missing and lengths are not checked. */
  readonly partial?: boolean;
}

interface Token {
  /** The `name` of a `name:value` token, as typed. */
  readonly name: string | undefined;
  readonly value: string;
  /** The value was written in quotes, so an empty value is meant. */
  readonly quoted: boolean;
  /** The token as typed, quotes removed, for when a `name:` turns out to be ordinary text. */
  readonly text: string;
}

// Opening quote → closing quote. Typographic quotes are accepted because phones and word processors produce them.
const QUOTES: Readonly<Record<string, string>> = Object.freeze({ '"': '"', "'": "'", '“': '”', '„': '“', '«': '»' });
const OPTION_PREFIX = /^([\p{L}\p{N}_-]{1,32}):/u;
// Only a word starting with a letter is taken as a misspelt option; "10:30" and "https://…" are text.
const OPTION_LIKE = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

/** Splits a line into words, honouring quotes at the start of a word or value; an unclosed quote is an ordinary character. */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line.charAt(i))) i++;
    if (i >= line.length) break;
    let name: string | undefined;
    const prefix = OPTION_PREFIX.exec(line.slice(i));
    if (prefix?.[1] !== undefined && !line.startsWith('//', i + prefix[0].length)) {
      name = prefix[1];
      i += prefix[0].length;
    }
    const read = readValue(line, i);
    i = read.end;
    tokens.push({ name, value: read.value, quoted: read.quoted, text: name === undefined ? read.value : `${name}:${read.value}` });
  }
  return tokens;
}

function readValue(line: string, start: number): { value: string; quoted: boolean; end: number } {
  let value = '';
  let i = start;
  let quoted = false;
  const close = QUOTES[line.charAt(i)];
  if (close !== undefined) {
    const found = findClosingQuote(line, i + 1, close);
    if (found) {
      value = found.value;
      i = found.end;
      quoted = true;
    }
  }
  while (i < line.length && !/\s/.test(line.charAt(i))) value += line.charAt(i++);
  return { value, quoted, end: i };
}

function findClosingQuote(line: string, from: number, close: string): { value: string; end: number } | undefined {
  let value = '';
  for (let i = from; i < line.length; i++) {
    const char = line.charAt(i);
    // Inside quotes a backslash protects the closing quote or itself, so `"say \"hi\""` is possible.
    if (char === '\\' && (line.charAt(i + 1) === close || line.charAt(i + 1) === '\\')) {
      value += line.charAt(++i);
      continue;
    }
    if (char === close) return { value, end: i + 1 };
    value += char;
  }
  return undefined;
}

/** Parses `/name [subcommand] [free text] [option:value …]` against the command definitions; never throws. */
export async function parseCommandLine(line: string, allDefinitions: readonly CommandDefinition[], options: ParseOptions = {}): Promise<ParseResult> {
  // Context-menu commands are used on a message in Discord; there is nothing to type for them here.
  const definitions = allDefinitions.filter(isSlashDefinition);
  const names = definitions.map((definition) => `/${definition.name}`);
  const tokens = tokenize(line.trim());
  const head = tokens[0];
  if (!head) return invalid(terminalMessages.emptyCommand(names));
  const word = head.text.replace(/^\//, '').toLowerCase();
  const definition = definitions.find((candidate) => candidate.name.toLowerCase() === word);
  if (!definition) {
    if (!word) return invalid(terminalMessages.emptyCommand(names));
    return { ok: false, reason: 'unknown-command', message: terminalMessages.unknownCommand(head.text, names, suggest(word, definitions)) };
  }

  const target = selectSubcommand(definition, tokens.slice(1));
  if (!target.ok) return invalid(target.message);
  const { subcommand, optionDefinitions, rest } = target;
  const usage = usageOf(definition.name, subcommand, optionDefinitions);
  const command = subcommand ? `/${definition.name} ${subcommand}` : `/${definition.name}`;

  const assigned = assignTokens(rest, optionDefinitions, { command, usage }, options.partial === true);
  if (!assigned.ok) return invalid(assigned.message);

  const values = new Map<string, string>();
  const attachments = new Map<string, AttachmentInfo>();
  for (const option of optionDefinitions) {
    const pieces = assigned.pieces.get(option.name);
    if (pieces === undefined) {
      if (option.required && !options.partial) return invalid(terminalMessages.missingOption(option.name, usage));
      continue;
    }
    const raw = pieces.join(' ');
    if (option.type === ApplicationCommandOptionType.String) {
      const value = checkString(option, raw, options.partial === true);
      if (!value.ok) return invalid(value.message);
      values.set(option.name, value.value);
    } else if (option.type === ApplicationCommandOptionType.Attachment) {
      const file = await attachmentOf(option.name, raw, options.cwd ?? process.cwd(), attachments.size);
      if (!file.ok) return invalid(file.message);
      attachments.set(option.name, file.attachment);
    } else {
      return invalid(terminalMessages.unsupportedOption(option.name));
    }
  }

  return {
    ok: true,
    invocation: {
      commandName: definition.name,
      subcommand,
      options: { subcommand, string: (name) => values.get(name), attachment: (name) => attachments.get(name) },
      values,
      given: assigned.given,
      optionDefinitions,
    },
  };
}

/** The option autocomplete should complete: the last string option given that offers suggestions, else the first that does. */
export function focusedOption(invocation: Invocation): { readonly name: string; readonly value: string } | undefined {
  const strings = invocation.optionDefinitions.filter((option) => option.type === ApplicationCommandOptionType.String);
  const suggesting = strings.filter((option) => option.autocomplete === true);
  const givenLast = [...invocation.given].reverse().find((name) => suggesting.some((option) => option.name === name));
  const name = givenLast ?? suggesting[0]?.name ?? invocation.given.at(-1) ?? strings[0]?.name;
  return name === undefined ? undefined : { name, value: invocation.values.get(name) ?? '' };
}

/** How a command is typed, e.g. `/search query:<text> [kind:quote|deal|…]`. */
export function usageOf(command: string, subcommand: string | undefined, options: readonly APIApplicationCommandBasicOption[]): string {
  const parts = [`/${command}`, ...(subcommand ? [subcommand] : [])];
  for (const option of options) {
    const choices = 'choices' in option && option.choices ? option.choices.map((choice) => String(choice.value)).join('|') : undefined;
    const placeholder = option.type === ApplicationCommandOptionType.Attachment ? '<file>' : (choices ?? '<text>');
    parts.push(option.required ? `${option.name}:${placeholder}` : `[${option.name}:${placeholder}]`);
  }
  return parts.join(' ');
}

type SubcommandResult =
  | { ok: true; subcommand: string | undefined; optionDefinitions: readonly APIApplicationCommandBasicOption[]; rest: readonly Token[] }
  | { ok: false; message: string };

/** A command whose options are subcommands (or groups of them) takes the next word(s) as the subcommand. */
function selectSubcommand(definition: CommandDefinition, tokens: readonly Token[]): SubcommandResult {
  const options = definitionOptions(definition);
  const branches = options.filter(isBranch);
  if (branches.length === 0) {
    return { ok: true, subcommand: undefined, optionDefinitions: options.filter(isBasicOption), rest: tokens };
  }
  let choices: readonly Branch[] = branches;
  let rest = tokens;
  let path = definition.name;
  for (;;) {
    const names = choices.map((option) => option.name);
    const next = rest[0];
    if (next === undefined || next.name !== undefined) return { ok: false, message: terminalMessages.missingSubcommand(path, names) };
    const chosen = choices.find((option) => option.name.toLowerCase() === next.text.toLowerCase());
    if (!chosen) return { ok: false, message: terminalMessages.unknownSubcommand(path, next.text, names) };
    rest = rest.slice(1);
    path = `${path} ${chosen.name}`;
    if (chosen.type === ApplicationCommandOptionType.Subcommand) {
      return { ok: true, subcommand: chosen.name, optionDefinitions: chosen.options ?? [], rest };
    }
    choices = chosen.options ?? [];
  }
}

type Branch = APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption;

function isBranch(option: APIApplicationCommandOption): option is Branch {
  return option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;
}

function isBasicOption(option: APIApplicationCommandOption): option is APIApplicationCommandBasicOption {
  return !isBranch(option);
}

type AssignResult = { ok: true; pieces: Map<string, string[]>; given: string[] } | { ok: false; message: string };

/**
 * Gives each token to an option. `name:value` names its option; other words continue the free-text option just named
 * (so `query:open for business` reads as in Discord), else go to the first free-text string option.
 */
function assignTokens(
  tokens: readonly Token[],
  options: readonly APIApplicationCommandBasicOption[],
  context: { readonly command: string; readonly usage: string },
  partial: boolean,
): AssignResult {
  const pieces = new Map<string, string[]>();
  const given: string[] = [];
  const freeText = (option: APIApplicationCommandBasicOption): boolean =>
    option.type === ApplicationCommandOptionType.String && !(option.choices && option.choices.length > 0);
  const strings = options.filter((option) => option.type === ApplicationCommandOptionType.String);
  const fallback = strings.find(freeText) ?? strings[0];
  let current: APIApplicationCommandBasicOption | undefined;

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token) continue;
    const option = token.name === undefined ? undefined : options.find((candidate) => candidate.name.toLowerCase() === token.name?.toLowerCase());
    if (token.name !== undefined && !option && OPTION_LIKE.test(token.name)) {
      const valid = options.map((candidate) => candidate.name);
      return { ok: false, message: terminalMessages.unknownOption(context.command, token.name, valid, context.usage) };
    }
    if (option) {
      if (pieces.has(option.name)) return { ok: false, message: terminalMessages.givenTwice(option.name) };
      let value = token.value;
      const next = tokens[index + 1];
      // `query: boeing` (a space after the colon) means what it looks like.
      if (value === '' && !token.quoted && next && next.name === undefined) {
        value = next.value;
        index++;
      } else if (value === '' && !token.quoted && !partial) {
        return { ok: false, message: terminalMessages.needsValue(option.name) };
      }
      pieces.set(option.name, [value]);
      given.push(option.name);
      current = freeText(option) ? option : undefined;
      continue;
    }
    const into = current ?? fallback;
    if (!into) {
      const text = tokens.slice(index).map((rest) => rest.text).join(' ');
      return { ok: false, message: terminalMessages.unexpectedText(context.command, text, context.usage) };
    }
    const list = pieces.get(into.name);
    if (list) list.push(token.text);
    else {
      pieces.set(into.name, [token.text]);
      given.push(into.name);
    }
  }
  return { ok: true, pieces, given };
}

function checkString(option: APIApplicationCommandStringOption, value: string, partial: boolean): { ok: true; value: string } | { ok: false; message: string } {
  const choices = option.choices ?? [];
  if (choices.length > 0) {
    const wanted = value.toLowerCase();
    // Either the value Discord sends or the name Discord shows: /help's examples use the shown name (kind:Deals).
    const choice = choices.find((candidate) => candidate.value.toLowerCase() === wanted || candidate.name.toLowerCase() === wanted);
    if (choice) return { ok: true, value: choice.value };
    if (partial) return { ok: true, value };
    return { ok: false, message: terminalMessages.badChoice(option.name, value, choices.map((candidate) => candidate.value)) };
  }
  if (!partial && option.max_length !== undefined && value.length > option.max_length) {
    return { ok: false, message: terminalMessages.tooLong(option.name, option.max_length, value.length) };
  }
  if (!partial && option.min_length !== undefined && value.length < option.min_length) {
    return { ok: false, message: terminalMessages.tooShort(option.name, option.min_length) };
  }
  return { ok: true, value };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
});

/** In the terminal an attachment is a local file: described as Discord would describe an upload, with a file:// URL. */
async function attachmentOf(
  name: string,
  given: string,
  cwd: string,
  index: number,
): Promise<{ ok: true; attachment: AttachmentInfo } | { ok: false; message: string }> {
  const expanded = given === '~' || given.startsWith('~/') ? path.join(homedir(), given.slice(1)) : given;
  const file = path.resolve(cwd, expanded);
  let stats;
  try {
    stats = await stat(file);
  } catch {
    return { ok: false, message: terminalMessages.noSuchFile(name, file) };
  }
  if (!stats.isFile()) return { ok: false, message: terminalMessages.notAFile(name, file) };
  return {
    ok: true,
    attachment: {
      id: `terminal-${index + 1}`,
      filename: path.basename(file),
      size: stats.size,
      url: pathToFileURL(file).href,
      contentType: CONTENT_TYPES[path.extname(file).toLowerCase()],
    },
  };
}

function invalid(message: string): ParseResult {
  return { ok: false, reason: 'invalid', message };
}

/** The closest command name, for "did you mean": a unique prefix, or one typo away (two for longer words). */
function suggest(word: string, definitions: readonly CommandDefinition[]): string | undefined {
  const prefixed = definitions.filter((definition) => definition.name.startsWith(word));
  if (prefixed.length === 1 && prefixed[0]) return `/${prefixed[0].name}`;
  // In a short word two typos leave too little of it: "foo" is not a misspelt "who".
  const allowed = word.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const definition of definitions) {
    const distance = editDistance(word, definition.name);
    if (distance <= allowed && (!best || distance < best.distance)) best = { name: definition.name, distance };
  }
  return best ? `/${best.name}` : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
