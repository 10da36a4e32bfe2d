// `npm start` without a token: the bot in a terminal, interactive at a TTY, or answering piped lines one by one.
import { createInterface, type Completer } from 'node:readline';
import type { App } from '../app.ts';
import { describeCounts } from '../format/embeds.ts';
import { isSlashDefinition } from '../interaction/types.ts';
import type { Locale } from '../locale/locale.ts';
import { catalogue } from '../messages.ts';
import { terminalMessages } from './messages.ts';
import { DEFAULT_WIDTH, renderNote, type RenderOptions } from './render.ts';
import { TerminalSession } from './session.ts';

export interface TerminalOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream & { readonly columns?: number };
  /** Interactive: a banner, a prompt and line editing. Otherwise each line is answered in turn and nothing else is written. */
  readonly isTTY: boolean;
  /** ANSI colours; the caller decides (a TTY, and NO_COLOR unset). */
  readonly color: boolean;
  /** The language of the replies (`--locale ru`); English by default. */
  readonly locale?: Locale;
}

const PROMPT = 'newsdesk> ';
const WORDS = ['next', 'prev', 'first', 'last', 'help', 'quit'];

/** Serves the bot's commands on a terminal until the input ends or the user types quit; never exits the process. */
export async function runTerminal(app: App, options: TerminalOptions): Promise<void> {
  const { input, output, isTTY, color } = options;
  // A pseudo-terminal with no size reports 0 columns: treat it as unknown.
  const width = (): number => (output.columns !== undefined && output.columns > 0 ? output.columns : DEFAULT_WIDTH);
  const session = new TerminalSession(app, { color, width, ...(options.locale ? { locale: options.locale } : {}) });
  const lines = createInterface({
    input,
    ...(isTTY ? { output, prompt: PROMPT, completer: completer(app), historySize: 200 } : {}),
    terminal: isTTY,
    crlfDelay: Infinity,
  });
  // A closed pipe (`| head`) ends the session instead of crashing the process with EPIPE.
  const state = { outputGone: false, closed: false };
  lines.once('close', () => {
    state.closed = true;
  });
  const onOutputError = (): void => {
    state.outputGone = true;
    lines.close();
  };
  output.once('error', onOutputError);
  // At a TTY, Ctrl-C would otherwise only pause the input and leave the loop waiting forever.
  lines.on('SIGINT', () => {
    lines.close();
  });

  const write = async (text: string): Promise<void> => {
    if (state.outputGone) return;
    if (!output.write(text)) await drained(output);
  };

  // Listen for lines before the first await: a line read meanwhile would otherwise be emitted to no one and lost.
  const pending = lines[Symbol.asyncIterator]();
  try {
    if (isTTY) {
      await write(`${banner(app, { color, width: width() }, options.locale)}\n\n`);
      lines.prompt();
    }
    for await (const line of { [Symbol.asyncIterator]: () => pending }) {
      const answer = await session.answer(line);
      if (answer.text) await write(`${answer.text}\n\n`);
      if (answer.quit || state.outputGone) break;
      if (isTTY && !state.closed) lines.prompt();
    }
    if (isTTY) await write('\n');
  } finally {
    output.off('error', onOutputError);
    lines.close();
  }
}

/** Resolves when a full output buffer empties, or when the output fails or closes and never will. */
function drained(output: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      output.off('drain', done);
      output.off('close', done);
      output.off('error', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
    output.on('error', done);
  });
}

/** What the bot is, what data it holds, how to use it and how to take it to Discord. */
export function banner(app: App, options: RenderOptions, locale: Locale = 'en'): string {
  const { dataset } = app.live.current;
  return [
    renderNote(terminalMessages.bannerTitle, options),
    renderNote(terminalMessages.bannerData(dataset.version, describeCounts(dataset, catalogue(locale))), options),
    renderNote(terminalMessages.bannerExamples, options),
    renderNote(terminalMessages.bannerPaging, { ...options, dim: true }),
    renderNote(terminalMessages.bannerDiscord, { ...options, dim: true }),
  ].join('\n');
}

/** Tab completion of command names and paging words. */
function completer(app: App): Completer {
  return (line: string): [string[], string] => {
    if (/\s/.test(line)) return [[], line];
    const names = app.services.commands.filter((command) => isSlashDefinition(command.data)).map((command) => `/${command.data.name}`);
    const candidates = line.startsWith('/') ? names : [...names, ...WORDS];
    const typed = line.toLowerCase();
    return [candidates.filter((candidate) => candidate.startsWith(typed) || candidate.startsWith(`/${typed}`)), line];
  };
}
