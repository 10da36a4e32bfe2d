// `npm run ask -- quote Tokayev`: one command answered on stdout and the process ends; for scripts and quick checks.
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { createApp, DataLoadError, type App } from '../app.ts';
import { ConfigError, DEFAULTS, loadConfig, readEnvironment, type Config } from '../config.ts';
import { LOCALES, parseLocale, type Locale } from '../locale/locale.ts';
import { createLogger } from '../logger.ts';
import { FileShelf, formatBytes } from './files.ts';
import { terminalMessages } from './messages.ts';
import { focusedOption, parseCommandLine } from './parse.ts';
import { DEFAULT_WIDTH, renderNote, renderReply } from './render.ts';
import { terminalRequestBase } from './session.ts';

export interface AskIO {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: NodeJS.WritableStream;
  /** Where relative attachment paths start; the process's working directory by default. */
  readonly cwd?: string;
  /** By default, logs go to stderr (fd 2) at LOG_LEVEL or "warn", so stdout holds the answer alone. */
  readonly logger?: Logger;
}

export const ASK_USAGE = [
  'Usage: npm run ask -- <command> [text] [option:value …] [--json | --autocomplete] [--locale ru] [--color | --no-color]',
  '  npm run ask -- quote Tokayev',
  '  npm run ask -- "/search query:boeing kind:deal" --json',
  '  npm run ask -- quote tok --autocomplete',
  '--json          print the interaction response data that would be sent to Discord',
  '--autocomplete  print the autocomplete choices for the last option given (or the first text option)',
  `--locale        the language of the answer: ${LOCALES.join(' or ')} (default en)`,
].join('\n');

interface Args {
  readonly line: string;
  readonly json: boolean;
  readonly autocomplete: boolean;
  readonly help: boolean;
  readonly color: boolean | undefined;
  readonly locale: Locale;
}

/** Answers one command line given as arguments; resolves with the exit code (0 answered, 1 not understood or failed). */
export async function runAsk(argv: readonly string[], io: AskIO): Promise<number> {
  const args = readArgs(argv);
  if (typeof args === 'string') return fail(io, args);
  if (args.help) {
    io.stdout.write(`${ASK_USAGE}\n`);
    return 0;
  }
  if (!args.line.trim()) return fail(io, `Nothing to ask. ${ASK_USAGE.split('\n')[0] ?? ''}`);

  let config: Config;
  let app: App;
  try {
    config = loadConfig(io.env);
    app = await createApp(config, io.logger ?? createLogger(config.logLevel ?? DEFAULTS.terminalLogLevel, 2));
  } catch (error) {
    if (error instanceof ConfigError) return fail(io, `Config error: ${error.message}`);
    if (error instanceof DataLoadError) return fail(io, error.message);
    throw error;
  }

  const definitions = app.services.commands.map((command) => command.data);
  const parsed = await parseCommandLine(args.line, definitions, { cwd: io.cwd ?? process.cwd(), partial: args.autocomplete });
  if (!parsed.ok) return fail(io, parsed.message);
  const { invocation } = parsed;
  const { dispatcher } = app;
  const base = terminalRequestBase(app, args.locale);

  if (args.autocomplete) {
    const focused = focusedOption(invocation);
    const choices = focused ? dispatcher.autocomplete({ ...base, commandName: invocation.commandName, options: invocation.options, focused }) : [];
    io.stdout.write(`${JSON.stringify(choices, null, 2)}\n`);
    return 0;
  }

  const result = await dispatcher.command({ ...base, commandName: invocation.commandName, options: invocation.options });
  const saved = await new FileShelf().save(result.reply.files);
  const notes = saved.map((file) => terminalMessages.savedFile(file.name, formatBytes(file.size), file.file));
  if (args.json) {
    io.stdout.write(`${JSON.stringify(result.reply.data, null, 2)}\n`);
    // Files travel beside the data, not in it: say where they went without touching stdout.
    for (const note of notes) io.stderr.write(`${note}\n`);
  } else {
    const options = { color: args.color ?? (io.stdout.isTTY === true && !('NO_COLOR' in io.env)), width: io.stdout.columns || DEFAULT_WIDTH, hints: false };
    const text = [renderReply(result.reply.data, options), ...notes.map((note) => renderNote(note, options))].join('\n\n');
    io.stdout.write(`${text}\n`);
  }
  // A bug in a command is answered (with its reference) but is not success for a script.
  return result.outcome === 'error' ? 1 : 0;
}

function readArgs(argv: readonly string[]): Args | string {
  const words: string[] = [];
  let json = false;
  let autocomplete = false;
  let help = false;
  let color: boolean | undefined;
  let locale: Locale = 'en';
  let flagsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    // Only `--word` and -h are flags, so a query may start with a dash (`fact -5%`).
    if (flagsEnded || !(arg.startsWith('--') || arg === '-h')) {
      words.push(arg);
      continue;
    }
    if (arg === '--') flagsEnded = true;
    else if (arg === '--json') json = true;
    else if (arg === '--autocomplete') autocomplete = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--color' || arg === '--colour') color = true;
    else if (arg === '--no-color' || arg === '--no-colour') color = false;
    else if (arg === '--locale' || arg.startsWith('--locale=')) {
      const value = arg === '--locale' ? argv[++i] : arg.slice('--locale='.length);
      const chosen = parseLocale(value);
      if (!chosen) return `--locale takes ${LOCALES.join(' or ')}${value ? `, not "${value}"` : ''}.`;
      locale = chosen;
    } else return `Unknown flag ${arg}. Flags: --json, --autocomplete, --locale, --color, --no-color, --help.`;
  }
  if (json && autocomplete) return 'Choose one of --json and --autocomplete.';
  // One argument is a whole line (`"/deal query:boeing"`); several are words the shell split, so keep their grouping.
  const line = words.length === 1 ? (words[0] ?? '') : words.map(requote).join(' ');
  return { line, json, autocomplete, help, color, locale };
}

/** Quotes an argument that holds spaces (`open for business`, `query:open for business`) so it stays one value. */
function requote(arg: string): string {
  if (arg !== '' && !/\s/.test(arg)) return arg;
  const escape = (text: string): string => `"${text.replace(/[\\"]/g, '\\$&')}"`;
  const named = /^([\p{L}\p{N}_-]{1,32}):(.*)$/su.exec(arg);
  return named?.[1] !== undefined ? `${named[1]}:${escape(named[2] ?? '')}` : escape(arg);
}

function fail(io: AskIO, message: string): number {
  io.stderr.write(`${message}\n`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await runAsk(process.argv.slice(2), { env: readEnvironment(), stdout: process.stdout, stderr: process.stderr });
  process.exit(code);
}
