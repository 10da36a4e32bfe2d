// Turns an uploaded article (plain text, Markdown or HTML) into its paragraphs of plain text, or says clearly why not.
import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import { marked, type Token, type Tokens } from 'marked';
import { UserError } from '../interaction/errors.ts';
import { draftMessages } from './messages.ts';

export type ArticleFormat = 'text' | 'markdown' | 'html';

/** Limits that keep a draft to one article and the bot responsive while it is made. */
export const DRAFT_LIMITS = Object.freeze({
  /** Characters of article text after markup is removed: a long feature is 50,000. */
  maxTextCharacters: 200_000,
  /** Bytes read at all, markup included. */
  maxInputBytes: 4 * 1024 * 1024,
});

/** An article as uploaded: its file name (for messages and the format) and its bytes or text. */
export interface ArticleUpload {
  readonly name: string;
  readonly content: Uint8Array | string;
  /** Overrides what the file name and content suggest. */
  readonly format?: ArticleFormat;
}

export interface ArticleText {
  readonly format: ArticleFormat;
  readonly paragraphs: readonly string[];
  /** Paragraphs dropped because they repeat an earlier one word for word. */
  readonly repeatedParagraphs: number;
}

/** Reads an upload into paragraphs of plain text. Throws a UserError for an empty, binary or over-long file. */
export function readArticle(upload: ArticleUpload): ArticleText {
  const text = decodeUpload(upload);
  const format = upload.format ?? formatOf(upload.name, text);
  const blocks = format === 'html' ? htmlParagraphs(text) : format === 'markdown' ? markdownParagraphs(text) : textParagraphs(text);
  const seen = new Set<string>();
  const paragraphs: string[] = [];
  let repeatedParagraphs = 0;
  let characters = 0;
  for (const block of blocks) {
    const paragraph = cleanParagraph(block);
    if (!paragraph) continue;
    if (seen.has(paragraph)) {
      repeatedParagraphs++;
      continue;
    }
    seen.add(paragraph);
    paragraphs.push(paragraph);
    characters += paragraph.length;
  }
  if (paragraphs.length === 0) throw new UserError('draft-no-text', draftMessages.noText(upload.name));
  if (characters > DRAFT_LIMITS.maxTextCharacters) {
    throw new UserError('draft-too-long', draftMessages.tooLong(upload.name, characters, DRAFT_LIMITS.maxTextCharacters));
  }
  return { format, paragraphs, repeatedParagraphs };
}

/** The format a file's name says, or its content when the name says nothing (a .txt holding HTML is read as HTML). */
function formatOf(name: string, text: string): ArticleFormat {
  if (/\.x?html?$/i.test(name)) return 'html';
  if (/\.(md|markdown|mdown)$/i.test(name)) return 'markdown';
  return /^\s*(<!doctype html|<html[\s>])/i.test(text) ? 'html' : 'text';
}

function decodeUpload(upload: ArticleUpload): string {
  const { name, content } = upload;
  const size = typeof content === 'string' ? content.length : content.byteLength;
  if (size === 0) throw new UserError('draft-empty', draftMessages.empty(name));
  if (size > DRAFT_LIMITS.maxInputBytes) {
    throw new UserError('draft-too-long', draftMessages.tooLong(name, size, DRAFT_LIMITS.maxTextCharacters));
  }
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    // A NUL byte never occurs in text files and always in images, archives and office documents.
    if (content.subarray(0, 64 * 1024).includes(0)) throw new UserError('draft-binary', draftMessages.binary(name));
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      throw new UserError('draft-not-utf8', draftMessages.notUtf8(name));
    }
  }
  if (text.includes('\u0000')) throw new UserError('draft-binary', draftMessages.binary(name));
  if (!text.trim()) throw new UserError('draft-empty', draftMessages.empty(name));
  return text.replace(/\r\n?/g, '\n');
}

// Control characters, direction overrides and invisible formatting would make the draft invalid or unreadable;
// no-break and thin spaces become plain spaces so quotes compare as printed.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
const ODD_SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

function cleanParagraph(block: string): string {
  return block.replace(INVISIBLE, '').replace(ODD_SPACES, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Plain text: every line is a paragraph, unless the text is wrapped (blank lines between paragraphs, and lines
 * that mostly stop mid-sentence), when a blank line ends a paragraph.
 */
function textParagraphs(text: string): string[] {
  const lines = text.split('\n');
  const followed = lines.filter((line, i) => line.trim() !== '' && (lines[i + 1] ?? '').trim() !== '');
  const midSentence = followed.filter((line) => !/[.!?:"”’)]\s*$/.test(line)).length;
  const wrapped = /\n[ \t]*\n/.test(text) && followed.length > 0 && midSentence * 2 > followed.length;
  return wrapped ? text.split(/\n[ \t]*\n/) : lines;
}

/** Elements whose content is never article text. */
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head', 'iframe', 'object', 'embed', 'canvas', 'select', 'button', 'textarea']);
/** Elements that end a paragraph. */
const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'header', 'footer', 'aside',
  'nav', 'figure', 'figcaption', 'tr', 'td', 'th', 'dd', 'dt', 'pre', 'hr', 'table', 'ul', 'ol', 'main', 'address', 'caption',
]);

/** HTML: the text of the page without scripts, styles or markup, entities decoded, one paragraph per block. */
function htmlParagraphs(html: string): string[] {
  const paragraphs: string[] = [];
  let current = '';
  let skipping = 0;
  const flush = (): void => {
    if (current.trim()) paragraphs.push(current);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipping++;
        else if (skipping === 0 && BLOCK_ELEMENTS.has(name)) flush();
        // Browsers show <q> with quotation marks: the reader sees them, so the draft does too.
        else if (skipping === 0 && name === 'q') current += '“';
      },
      ontext(text) {
        if (skipping === 0) current += text;
      },
      onclosetag(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipping = Math.max(0, skipping - 1);
        else if (skipping === 0 && BLOCK_ELEMENTS.has(name)) flush();
        else if (skipping === 0 && name === 'q') current += '”';
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return paragraphs;
}

/** Markdown: the text of its paragraphs, headings, quotes, list items and tables; code and images left out. */
function markdownParagraphs(markdown: string): string[] {
  const paragraphs: string[] = [];
  const block = (token: Token): void => {
    switch (token.type) {
      case 'paragraph':
      case 'heading':
        paragraphs.push(inline((token as Tokens.Paragraph | Tokens.Heading).tokens));
        return;
      case 'text': {
        const text = token as Tokens.Text;
        paragraphs.push(text.tokens ? inline(text.tokens) : decodeHTML(text.text));
        return;
      }
      case 'blockquote':
        (token as Tokens.Blockquote).tokens.forEach(block);
        return;
      case 'list':
        for (const item of (token as Tokens.List).items) item.tokens.forEach(block);
        return;
      case 'table': {
        const table = token as Tokens.Table;
        for (const cell of [...table.header, ...table.rows.flat()]) paragraphs.push(inline(cell.tokens));
        return;
      }
      case 'html':
        paragraphs.push(...htmlParagraphs((token as Tokens.HTML).text));
        return;
      default:
        // Code, rules, spaces and link definitions hold no article prose.
        return;
    }
  };
  marked.lexer(markdown).forEach(block);
  return paragraphs;
}

function inline(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens) {
    if (token.type === 'image' || token.type === 'html') continue;
    if (token.type === 'br') out += ' ';
    else if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0) out += inline(token.tokens);
    else if (token.type === 'text' || token.type === 'escape' || token.type === 'codespan') out += decodeHTML((token as Tokens.Text).text);
  }
  return out;
}
