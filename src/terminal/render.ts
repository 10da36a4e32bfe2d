// Shows a reply as Discord would, in plain terminal text: embeds with a bar in their colour, markdown, paging controls.
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { EPHEMERAL_FLAG } from '../format/limits.ts';
import type { ReplyData } from '../format/reply.ts';
import { readControls, type MessageControls } from './controls.ts';
import { terminalMessages } from './messages.ts';

export interface RenderOptions {
  /** ANSI colours and styles; when false the output holds no escape sequence at all. */
  readonly color: boolean;
  /** Columns to wrap at. */
  readonly width: number;
  /** Hints about what to type to page or choose; off where nothing can be typed next (`npm run ask`). */
  readonly hints?: boolean;
}

/** Used when the output's width is unknown (a pipe, a file). */
export const DEFAULT_WIDTH = 100;
// Narrower than this, wrapping would leave a word or two per line: better to let the terminal wrap.
const MIN_WIDTH = 40;

// Text styles, as bit flags so a run's style is one number.
const BOLD = 1;
const ITALIC = 2;
const UNDERLINE = 4;
const STRIKE = 8;
const CODE = 16;
const DIM = 32;
const SPOILER = 64;
// Italic written with underscores, kept apart from `*` so `*a_` cannot close the wrong marker.
const ITALIC_UNDERSCORE = 128;

const SGR: readonly (readonly [number, string])[] = [
  [BOLD, '1'],
  [DIM, '2'],
  [ITALIC | ITALIC_UNDERSCORE, '3'],
  [UNDERLINE, '4'],
  [STRIKE, '9'],
  [CODE, '36'],
];
const RESET = '\u001b[0m';
const DEFAULT_BAR_COLOUR = 0x4f545c;

interface Run {
  readonly text: string;
  readonly style: number;
}

interface BlockLine {
  readonly runs: readonly Run[];
  /** Inside a `>` or `>>>` block quote. */
  readonly quote: boolean;
}

/** Renders the `data` of a reply (what Discord would receive) as terminal text, without a trailing newline. */
export function renderReply(data: ReplyData, options: RenderOptions): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width));
  const sections: string[] = [];
  const content = (data.content ?? '').replace(/\u200b/g, '').trim();
  if (content) sections.push(new Layout(options.color, width, noPrefix).markdown(content).toString());
  for (const embed of data.embeds) sections.push(renderEmbed(embed, options.color, width));
  const controls = renderControls(readControls(data.components), options.color, width, options.hints ?? true);
  if (controls) sections.push(controls);
  if (((data.flags ?? 0) & EPHEMERAL_FLAG) !== 0) sections.push(paint(terminalMessages.ephemeral, DIM, options.color));
  return sections.join('\n\n');
}

/** Renders a line the terminal itself says (a hint, a parse error): wrapped, dimmed when `dim` and colour is on. */
export function renderNote(text: string, options: RenderOptions & { readonly dim?: boolean }): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width));
  const layout = new Layout(options.color, width, noPrefix);
  for (const line of sanitize(text).split('\n')) layout.runs([{ text: line, style: options.dim ? DIM : 0 }], { hanging: 2 });
  return layout.toString();
}

function renderEmbed(embed: APIEmbed, color: boolean, width: number): string {
  const rgb = embed.color ?? DEFAULT_BAR_COLOUR;
  const bar: Prefix = color ? { painted: `${trueColour(rgb)}▌${RESET} `, width: 2 } : { painted: '│ ', width: 2 };
  const layout = new Layout(color, width, bar);
  const groups: (() => void)[] = [];

  if (embed.author || embed.title || embed.url) {
    groups.push(() => {
      if (embed.author) layout.markdown(embed.author.name, { base: DIM });
      if (embed.title) layout.markdown(embed.title, { base: BOLD });
      if (embed.url) layout.runs([{ text: sanitize(embed.url), style: DIM | UNDERLINE }]);
      if (embed.description) layout.markdown(embed.description);
    });
  } else if (embed.description) {
    groups.push(() => {
      layout.markdown(embed.description ?? '');
    });
  }
  const fields = embed.fields ?? [];
  if (fields.length > 0) {
    groups.push(() => {
      renderFields(layout, fields, width - bar.width);
    });
  }
  const images = [embed.image?.url, embed.thumbnail?.url].filter((url): url is string => Boolean(url));
  const footer = [embed.footer?.text, embed.timestamp ? new Date(embed.timestamp).toUTCString() : undefined].filter(Boolean).join(' · ');
  if (images.length > 0 || footer) {
    groups.push(() => {
      for (const url of images) layout.runs([{ text: `image: ${sanitize(url)}`, style: DIM }]);
      if (footer) layout.markdown(footer, { base: DIM });
    });
  }

  groups.forEach((group, index) => {
    if (index > 0) layout.blank();
    group();
  });
  return layout.toString();
}

/** Fields read as "Name: value"; short inline fields share a line, long or multi-line values are indented under it. */
function renderFields(layout: Layout, fields: readonly APIEmbedField[], available: number): void {
  const GAP = '   ';
  let shared: Run[][] = [];
  let sharedWidth = 0;
  const flush = (): void => {
    if (shared.length === 0) return;
    layout.runs(shared.flatMap((runs, index) => (index === 0 ? runs : [{ text: GAP, style: 0 }, ...runs])), { hanging: 2 });
    shared = [];
    sharedWidth = 0;
  };

  for (const field of fields) {
    const label = [...parseInline(sanitize(field.name).replace(/\n/g, ' '), BOLD), { text: ':', style: BOLD }];
    const lines = parseBlock(field.value);
    const first = lines[0];
    if (field.inline && lines.length === 1 && first && !first.quote) {
      const runs = [...label, { text: ' ', style: 0 }, ...first.runs];
      const size = runsWidth(runs);
      if (shared.length > 0 && sharedWidth + GAP.length + size > available) flush();
      if (size <= available / 2 || shared.length > 0) {
        shared.push(runs);
        sharedWidth += (shared.length > 1 ? GAP.length : 0) + size;
        continue;
      }
    }
    flush();
    // A list reads best with each item on its own line; other text starts beside its name.
    const isList = lines.length > 1 && lines.every((line) => /^\s*(?:[•◦▪‣⚠-]|\d+\.)/u.test(runsText(line.runs)));
    if (!first || first.quote || isList) {
      layout.runs(label);
      for (const line of lines) layout.runs(line.runs, { indent: 2, hanging: 2, quote: line.quote });
      continue;
    }
    layout.runs([...label, { text: ' ', style: 0 }, ...first.runs], { hanging: 2 });
    for (const line of lines.slice(1)) layout.runs(line.runs, { indent: 2, hanging: 2, quote: line.quote });
  }
  flush();
}

function renderControls(controls: MessageControls, color: boolean, width: number, hints: boolean): string {
  const layout = new Layout(color, width, noPrefix);
  const button = (label: string, disabled: boolean): Run | undefined => {
    // Without colour a disabled button cannot be shown as such: leave it out rather than invite a useless word.
    if (disabled && !color) return undefined;
    return { text: `[${label}]`, style: disabled ? DIM : 0 };
  };
  const row = (items: readonly (Run | undefined)[]): void => {
    const shown = items.filter((item): item is Run => item !== undefined);
    if (shown.length > 0) layout.runs(shown.flatMap((item, index) => (index === 0 ? [item] : [{ text: ' ', style: 0 }, item])), { hanging: 2 });
  };

  const { paging } = controls;
  if (paging) {
    const { first, prev, next, last } = paging.buttons;
    row([
      first && button('⏮ first', first.disabled),
      prev && button('◀ prev', prev.disabled),
      { text: `${paging.page + 1} / ${paging.total}`, style: BOLD },
      next && button('next ▶', next.disabled),
      last && button('last ⏭', last.disabled),
    ]);
    if (hints) layout.runs([{ text: terminalMessages.pagingHint(paging.total), style: DIM }], { hanging: 2 });
  }
  if (controls.buttons.length > 0) {
    row(controls.buttons.map((item) => button(sanitize(item.label), item.disabled)));
    if (hints) layout.runs([{ text: terminalMessages.pressHint, style: DIM }]);
  }
  for (const link of controls.links) layout.runs([{ text: `${sanitize(link.label)}: `, style: 0 }, { text: sanitize(link.url), style: UNDERLINE }], { hanging: 2 });
  for (const menu of controls.menus) {
    if (menu.placeholder) layout.runs([{ text: sanitize(menu.placeholder), style: DIM }]);
    menu.options.forEach((option, index) => {
      const description = option.description ? [{ text: ` — ${sanitize(option.description)}`, style: DIM }] : [];
      layout.runs([{ text: `${index + 1}. ${sanitize(option.label)}`, style: 0 }, ...description], { indent: 2, hanging: 3 });
    });
    if (hints) layout.runs([{ text: terminalMessages.chooseHint(menu.options.length), style: DIM }]);
  }
  return layout.toString();
}

interface Prefix {
  /** What starts every line, already painted. */
  readonly painted: string;
  readonly width: number;
}

const noPrefix: Prefix = { painted: '', width: 0 };

/** Lines of output sharing a prefix (an embed's bar), wrapped to the width. */
class Layout {
  private readonly lines: string[] = [];

  constructor(
    private readonly color: boolean,
    private readonly width: number,
    private readonly prefix: Prefix,
  ) {}

  /** Discord markdown: block quotes, headings, bold, italic, code; escapes undone; timestamps written out. */
  markdown(text: string, options: { readonly base?: number } = {}): this {
    for (const line of parseBlock(discordTimestamps(text), options.base ?? 0)) this.runs(line.runs, { quote: line.quote, hanging: 0 });
    return this;
  }

  /** One logical line; continuation lines are indented by `hanging`. */
  runs(runs: readonly Run[], options: { readonly indent?: number; readonly hanging?: number; readonly quote?: boolean } = {}): this {
    const indent = ' '.repeat(options.indent ?? 0);
    const quoteBar = options.quote ? paint('│ ', DIM, this.color) : '';
    const hanging = options.hanging ?? 0;
    const available = this.width - this.prefix.width - indent.length - (options.quote ? 2 : 0);
    const wrapped = wrapRuns(runs, available, Math.max(1, available - hanging));
    wrapped.forEach((line, index) => {
      const text = ' '.repeat(index > 0 ? hanging : 0) + paintRuns(line, this.color);
      this.lines.push(`${this.prefix.painted}${indent}${quoteBar}${text}`.trimEnd());
    });
    return this;
  }

  blank(): this {
    this.lines.push(this.prefix.painted.trimEnd());
    return this;
  }

  toString(): string {
    return this.lines.join('\n');
  }
}

/** Splits text into lines, recognising `>>> ` (quote to the end), `> ` (one quoted line), headings and list markers. */
function parseBlock(text: string, base = 0): BlockLine[] {
  const result: BlockLine[] = [];
  let quoteRest = false;
  for (const raw of sanitize(text).split('\n')) {
    let line = raw;
    let quote = quoteRest;
    let style = base;
    if (!quote && /^>>> ?/.test(line)) {
      quoteRest = true;
      quote = true;
      line = line.replace(/^>>> ?/, '');
    } else if (!quote && /^> ?/.test(line)) {
      quote = true;
      line = line.replace(/^> ?/, '');
    }
    if (/^-# /.test(line)) {
      line = line.slice(3);
      style |= DIM;
    } else if (/^#{1,3} /.test(line)) {
      line = line.replace(/^#{1,3} /, '');
      style |= BOLD;
    } else if (/^\s*[-*] /.test(line)) {
      line = line.replace(/^(\s*)[-*] /, '$1• ');
    }
    result.push({ runs: parseInline(line, style), quote });
  }
  return result;
}

const MARKERS: readonly (readonly [string, number])[] = [
  ['**', BOLD],
  ['__', UNDERLINE],
  ['~~', STRIKE],
  ['||', SPOILER],
  ['*', ITALIC],
  ['_', ITALIC_UNDERSCORE],
];
// Discord lets a backslash escape any ASCII punctuation.
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Inline markdown of one line: styles for paired markers, code spans verbatim, escapes removed; unpaired markers stay. */
function parseInline(line: string, base: number): Run[] {
  const runs: Run[] = [];
  let open = 0;
  let buffer = '';
  const flush = (): void => {
    if (buffer) runs.push({ text: buffer, style: base | open });
    buffer = '';
  };
  let i = 0;
  while (i < line.length) {
    const char = line.charAt(i);
    if (char === '\\' && ESCAPABLE.test(line.charAt(i + 1))) {
      buffer += line.charAt(i + 1);
      i += 2;
      continue;
    }
    if (char === '`') {
      const end = line.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        // Discord shows code spans verbatim: no escapes are undone inside them.
        runs.push({ text: line.slice(i + 1, end), style: base | open | CODE });
        i = end + 1;
        continue;
      }
    }
    const marker = MARKERS.find(([text]) => line.startsWith(text, i));
    if (marker) {
      const [text, flag] = marker;
      const before = line.charAt(i - 1);
      const after = line.charAt(i + text.length);
      // Snake_case words are not italics: underscores only count at word edges.
      const inWord = flag === ITALIC_UNDERSCORE && (open & flag ? WORD_CHARACTER.test(after) : WORD_CHARACTER.test(before));
      if (!inWord && open & flag) {
        flush();
        open &= ~flag;
        i += text.length;
        continue;
      }
      if (!inWord && hasCloser(line, i + text.length, text)) {
        flush();
        open |= flag;
        i += text.length;
        continue;
      }
      buffer += text;
      i += text.length;
      continue;
    }
    buffer += char;
    i++;
  }
  flush();
  return runs;
}

function hasCloser(line: string, from: number, marker: string): boolean {
  for (let i = from; i < line.length; i++) {
    const char = line.charAt(i);
    if (char === '\\' && ESCAPABLE.test(line.charAt(i + 1))) {
      i++;
      continue;
    }
    if (char === '`') {
      const end = line.indexOf('`', i + 1);
      if (end > i + 1) {
        i = end;
        continue;
      }
    }
    if (marker === '*' && line.startsWith('**', i)) {
      i++;
      continue;
    }
    if (line.startsWith(marker, i)) return i > from;
  }
  return false;
}

interface Word {
  readonly parts: Run[];
  width: number;
  readonly space: boolean;
}

/** Wraps runs at spaces to `firstWidth` then `restWidth` columns; a word longer than a line is cut. */
function wrapRuns(runs: readonly Run[], firstWidth: number, restWidth: number): Run[][] {
  const words: Word[] = [];
  for (const run of runs) {
    for (const piece of run.text.replace(/\t/g, '  ').split(/( +)/)) {
      if (!piece) continue;
      const space = piece.startsWith(' ');
      const last = words.at(-1);
      if (last && last.space === space) {
        last.parts.push({ text: piece, style: run.style });
        last.width += displayWidth(piece);
      } else {
        words.push({ parts: [{ text: piece, style: run.style }], width: displayWidth(piece), space });
      }
    }
  }

  const lines: Run[][] = [];
  let line: Run[] = [];
  let used = 0;
  let limit = Math.max(1, firstWidth);
  const endLine = (): void => {
    lines.push(trimTrailingSpaces(line));
    line = [];
    used = 0;
    limit = Math.max(1, restWidth);
  };
  for (const word of words) {
    if (word.space) {
      if (used > 0) {
        line.push(...word.parts);
        used += word.width;
      }
      continue;
    }
    if (used > 0 && used + word.width > limit && runsWidth(trimTrailingSpaces(line)) > 0) endLine();
    if (word.width <= limit - used) {
      line.push(...word.parts);
      used += word.width;
      continue;
    }
    // Longer than a whole line (a URL, say): cut it where the line ends.
    for (const part of word.parts) {
      let chunk = '';
      for (const { segment: char } of GRAPHEMES.segment(part.text)) {
        const size = displayWidth(char);
        if (used + displayWidth(chunk) + size > limit && (used > 0 || chunk)) {
          if (chunk) line.push({ text: chunk, style: part.style });
          chunk = '';
          endLine();
        }
        chunk += char;
      }
      if (chunk) {
        line.push({ text: chunk, style: part.style });
        used += displayWidth(chunk);
      }
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(trimTrailingSpaces(line));
  return lines;
}

function trimTrailingSpaces(line: readonly Run[]): Run[] {
  const trimmed = [...line];
  for (;;) {
    const last = trimmed.at(-1);
    if (!last) return trimmed;
    const text = last.text.replace(/ +$/, '');
    if (text === last.text) return trimmed;
    trimmed.pop();
    if (text) {
      trimmed.push({ text, style: last.style });
      return trimmed;
    }
  }
}

function paintRuns(runs: readonly Run[], color: boolean): string {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && last.style === run.style) merged[merged.length - 1] = { text: last.text + run.text, style: run.style };
    else merged.push(run);
  }
  return merged.map((run) => paint(run.text, run.style, color)).join('');
}

function paint(text: string, style: number, color: boolean): string {
  if (!color || !text) return text;
  const codes = SGR.filter(([flag]) => (style & flag) !== 0).map(([, code]) => code);
  return codes.length > 0 ? `\u001b[${codes.join(';')}m${text}${RESET}` : text;
}

function trueColour(rgb: number): string {
  return `\u001b[38;2;${(rgb >> 16) & 0xff};${(rgb >> 8) & 0xff};${rgb & 0xff}m`;
}

function runsWidth(runs: readonly Run[]): number {
  return runs.reduce((sum, run) => sum + displayWidth(run.text), 0);
}

function runsText(runs: readonly Run[]): string {
  return runs.map((run) => run.text).join('');
}

/**
 * Discord shows `<t:1700000000:R>` as a date in the reader's time zone (R: relative, "in 5 minutes"); the terminal
 * writes the moment out in UTC, with "in"/"ago" for the relative style.
 */
export function discordTimestamps(text: string, now = Date.now()): string {
  return text.replace(/<t:(-?\d{1,13})(?::([tTdDfFR]))?>/g, (_match, seconds: string, style: string | undefined) => {
    const at = Number(seconds) * 1000;
    const written = `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    if (style !== 'R') return written;
    const minutes = Math.round((at - now) / 60_000);
    if (Math.abs(minutes) < 1) return `now (${written})`;
    const amount = Math.abs(minutes) < 120 ? `${String(Math.abs(minutes))} min` : `${String(Math.round(Math.abs(minutes) / 60))} h`;
    return minutes > 0 ? `in ${amount} (${written})` : `${amount} ago (${written})`;
  });
}

// Data could hold terminal control sequences; shown raw they could clear the screen or retitle the window.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function sanitize(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '');
}

const COMBINING = /^[\p{Mn}\p{Me}]+$/u;
const WIDE = /^[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]$/u;

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Columns a string takes in a terminal: emoji and East Asian characters take two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of GRAPHEMES.segment(text)) {
    const first = segment.codePointAt(0) ?? 0;
    // Zero-width spaces and joiners, and a lone variation selector or combining mark, take no column.
    if ((first >= 0x200b && first <= 0x200f) || first === 0x2060 || (first >= 0xfe00 && first <= 0xfe0f) || COMBINING.test(segment)) continue;
    // A text symbol followed by the emoji selector (⚠️) is drawn as a two-column emoji, as are ZWJ sequences.
    const wide = WIDE.test(String.fromCodePoint(first)) || segment.includes('\ufe0f') || segment.includes('\u200d');
    width += wide ? 2 : 1;
  }
  return width;
}
