// One person at a keyboard: each line becomes a command or a click on the last message, answered as terminal text.
import type { App } from '../app.ts';
import type { Locale } from '../locale/locale.ts';
import { EPHEMERAL_FLAG } from '../format/limits.ts';
import type { ReplyData } from '../format/reply.ts';
import { finalizeReply } from '../format/reply.ts';
import type { Dispatcher, DispatchResult } from '../interaction/dispatch.ts';
import { newReferenceId } from '../interaction/errors.ts';
import type { ComponentRequest, Invoker } from '../interaction/types.ts';
import { catalogue } from '../messages.ts';
import { readControls, type PageWord } from './controls.ts';
import { FileShelf, formatBytes } from './files.ts';
import { terminalMessages } from './messages.ts';
import { parseCommandLine, type Invocation } from './parse.ts';
import { DEFAULT_WIDTH, renderNote, renderReply, type RenderOptions } from './render.ts';

/** Who runs commands in the terminal: a fixed user, in no server and with no member record. */
export const TERMINAL_USER: Invoker = Object.freeze({ id: '100000000000000001', username: 'terminal' });

/** What a line is answered with, and whether the user asked to leave. */
export interface TerminalAnswer {
  readonly text: string;
  readonly quit: boolean;
}

export interface SessionOptions {
  readonly color: boolean;
  /** Columns to wrap at, read for every answer so a resized window is honoured; 100 by default. */
  readonly width?: () => number;
  /** Where relative attachment paths start; the process's working directory by default. */
  readonly cwd?: string;
  /** The path commands and clicks take; by default the app's own (trusted terminal requests have no cooldown). */
  readonly dispatcher?: Dispatcher;
  /** The language replies are written in (`--locale`); English by default. */
  readonly locale?: Locale;
  /** Where files attached to replies are saved. */
  readonly files?: FileShelf;
}

const QUIT_WORDS = new Set(['quit', 'exit', '/quit', '/exit', ':q']);
const PAGE_WORDS: Readonly<Record<string, PageWord>> = Object.freeze({
  next: 'next',
  n: 'next',
  prev: 'prev',
  p: 'prev',
  previous: 'prev',
  first: 'first',
  last: 'last',
});

/**
 * The request fields every terminal command and click shares; the snapshot is read now, once per request. A
 * terminal has no channel to flood: trusted requests have no cooldown.
 */
export function terminalRequestBase(app: App, locale: Locale = 'en'): Omit<ComponentRequest, 'customId' | 'values'> {
  // The person at the terminal runs the bot on this machine: they may manage its data, with local files as uploads.
  return { user: TERMINAL_USER, guildId: undefined, member: undefined, trusted: true, locale, snapshot: app.live.current, services: app.services };
}

/** Answers lines one at a time, remembering the last message shown so its buttons can be pressed by typing. */
export class TerminalSession {
  private readonly dispatcher: Dispatcher;
  private readonly files: FileShelf;
  /** The last message everyone would see (not an ephemeral notice): the one paging words act on. */
  private message: ReplyData | undefined;

  constructor(
    private readonly app: App,
    private readonly options: SessionOptions,
  ) {
    this.dispatcher = options.dispatcher ?? app.dispatcher;
    this.files = options.files ?? new FileShelf();
  }

  /** Answers one line; never throws: a bug is logged with a reference the user is shown. */
  async answer(line: string): Promise<TerminalAnswer> {
    try {
      return await this.route(line.trim());
    } catch (error) {
      const reference = newReferenceId();
      this.app.logger.error({ err: error, reference, line }, 'terminal line failed');
      return this.show(renderReply(finalizeReply({ content: catalogue(this.options.locale ?? 'en').messages.internalError(reference), ephemeral: true }).data, this.renderOptions()));
    }
  }

  private async route(line: string): Promise<TerminalAnswer> {
    if (!line) return { text: '', quit: false };
    const word = line.toLowerCase();
    if (QUIT_WORDS.has(word)) return { text: '', quit: true };
    if (word === 'help' || word === '?') return this.command('/help');
    const pageWord = PAGE_WORDS[word];
    if (pageWord) return this.page(pageWord);
    if (/^\d+$/.test(word)) return this.choose(Number(word));
    const button = this.buttonLabelled(word);
    if (button) return this.click(button, []);
    return this.command(line);
  }

  private async command(line: string): Promise<TerminalAnswer> {
    const parsed = await parseCommandLine(line, this.app.services.commands.map((command) => command.data), this.options.cwd ? { cwd: this.options.cwd } : {});
    if (!parsed.ok) return this.note(parsed.message);
    const result = await this.dispatcher.command({ ...terminalRequestBase(this.app, this.options.locale), commandName: parsed.invocation.commandName, options: parsed.invocation.options });
    return this.present(result, parsed.invocation);
  }

  private async page(word: PageWord): Promise<TerminalAnswer> {
    const paging = this.message ? readControls(this.message.components).paging : undefined;
    const button = paging?.buttons[word];
    if (!button) return this.note(terminalMessages.nothingToPage);
    if (button.disabled) return this.note(word === 'first' || word === 'prev' ? terminalMessages.atFirst : terminalMessages.atLast);
    return this.click(button.customId, []);
  }

  private async choose(number: number): Promise<TerminalAnswer> {
    const controls = this.message ? readControls(this.message.components) : undefined;
    const paging = controls?.paging;
    if (paging?.jump) {
      if (number < 1 || number > paging.total) return this.note(terminalMessages.chooseInRange(paging.total));
      // The jump menu's option values are page indexes; the menu lists only a window, the handler accepts any page.
      return this.click(paging.jump.customId, [String(number - 1)]);
    }
    const menu = controls?.menus.find((candidate) => !candidate.disabled);
    if (!menu) return this.note(terminalMessages.nothingToChoose);
    const option = menu.options[number - 1];
    if (!option) return this.note(terminalMessages.chooseInRange(menu.options.length));
    return this.click(menu.customId, [option.value]);
  }

  /** A button other than paging, pressed by typing its label (emoji and punctuation aside). */
  private buttonLabelled(word: string): string | undefined {
    if (!this.message) return undefined;
    const wanted = plainLabel(word);
    if (!wanted) return undefined;
    return readControls(this.message.components).buttons.find((button) => !button.disabled && plainLabel(button.label) === wanted)?.customId;
  }

  private async click(customId: string, values: readonly string[]): Promise<TerminalAnswer> {
    const result = await this.dispatcher.component({ ...terminalRequestBase(this.app, this.options.locale), customId, values });
    return this.present(result);
  }

  private async present(result: DispatchResult, invocation?: Invocation): Promise<TerminalAnswer> {
    const { data } = result.reply;
    // An update replaces the clicked message and a new public message becomes the one to page (whatever the mode says,
    // a public reply is the newest message). A private message with buttons (an import preview) can be clicked by its
    // invoker, so it becomes current too; a private notice ("no match", "not your buttons") leaves the last one be.
    if (((data.flags ?? 0) & EPHEMERAL_FLAG) === 0 || data.components.length > 0) this.message = data;
    const parts = [renderReply(data, this.renderOptions())];
    for (const saved of await this.files.save(result.reply.files)) {
      parts.push(renderNote(terminalMessages.savedFile(saved.name, formatBytes(saved.size), saved.file), this.renderOptions()));
    }
    if (invocation?.commandName === 'help') parts.push(renderNote(terminalMessages.terminalHelp, { ...this.renderOptions(), dim: true }));
    return this.show(parts.join('\n\n'));
  }

  private note(text: string): TerminalAnswer {
    return this.show(renderNote(text, this.renderOptions()));
  }

  private show(text: string): TerminalAnswer {
    return { text, quit: false };
  }

  private renderOptions(): RenderOptions {
    return { color: this.options.color, width: this.options.width?.() ?? DEFAULT_WIDTH };
  }
}

function plainLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
