import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/data/validate.ts';
import { UserError } from '../../src/interaction/errors.ts';
import { resolveDate } from '../../src/draft/dates.ts';
import { draftArticle } from '../../src/draft/draft.ts';
import { draftMessages } from '../../src/draft/messages.ts';
import { DRAFT_LIMITS } from '../../src/draft/read.ts';
import { RIVERTON } from './articles.ts';

const SOURCE = { publisher: 'Riverton Courier', published: '2026-03-06', authors: ['A. Writer'] };

function refusal(content: Uint8Array | string, name = 'article.txt', source = SOURCE): string {
  try {
    draftArticle({ upload: { name, content }, source });
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error('the draft was not refused');
}

describe('bad input to a draft', () => {
  it('given an empty file or only whitespace, then the draft is refused as empty', () => {
    expect(refusal(new Uint8Array())).toBe(draftMessages.empty('article.txt'));
    expect(refusal(' \n\n ')).toBe(draftMessages.empty('article.txt'));
  });

  it('given a binary file or text that is not UTF-8, then the draft is refused saying which', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(refusal(png, 'photo.txt')).toBe(draftMessages.binary('photo.txt'));
    expect(refusal(Buffer.from('“Caf\xe9,” she said.', 'latin1'))).toBe(draftMessages.notUtf8('article.txt'));
  });

  it('given an article with no quotation marks, or only a title in them, then the draft is refused: nothing to draft', () => {
    expect(refusal('The council met on Tuesday.\nIt adjourned at noon.')).toBe(draftMessages.noQuotations('article.txt'));
    expect(refusal('The council read the report “Rivers in Retreat” aloud.')).toBe(draftMessages.noQuotations('article.txt'));
  });

  it('given 1 MiB of text, then the draft is refused as too long in one line, quickly', () => {
    const text = '“We will,” said Ana Lima. '.repeat(Math.ceil((1024 * 1024) / 26)).slice(0, 1024 * 1024);
    const message = refusal(text);
    expect(message).toBe(draftMessages.tooLong('article.txt', text.trim().length, DRAFT_LIMITS.maxTextCharacters));
    expect(message).not.toContain('\n');
  });

  it('given HTML whose scripts and styles hold quotation marks, then only text a reader sees is drafted', () => {
    const html = '<html><head><style>q::before{content:"“"}</style></head><body><script>x = "“Hidden,” said Eve.";</script><p>&ldquo;Shown,&rdquo; said Ana Lima, the coach.</p><noscript>“Also hidden,” said Eve.</noscript></body></html>';
    const draft = draftArticle({ upload: { name: 'page.html', content: html }, source: SOURCE });
    expect(draft.article.quotes.map((quote) => quote.text)).toEqual(['Shown']);
  });

  it('given an impossible publication date, a non-web URL or no publisher, then the draft is refused saying what to fix', () => {
    expect(refusal(RIVERTON, 'a.txt', { ...SOURCE, published: '2026-02-30' })).toBe(draftMessages.badPublished('2026-02-30'));
    expect(refusal(RIVERTON, 'a.txt', { ...SOURCE, url: 'ftp://example.com/a' } as typeof SOURCE)).toBe(draftMessages.badUrl('ftp://example.com/a'));
    expect(refusal(RIVERTON, 'a.txt', { ...SOURCE, publisher: ' ' })).toBe(draftMessages.noPublisher);
  });
});

describe('relative dates', () => {
  // Friday 7 November 2025
  const published = '2025-11-07';
  it.each([
    ['Thursday', '2025-11-06'],
    ['on Friday', '2025-11-07'],
    ['last Friday', '2025-10-31'],
    ['Monday morning', '2025-11-03'],
    ['yesterday', '2025-11-06'],
    ['today', '2025-11-07'],
    ['last month', '2025-10'],
    ['this year', '2025'],
    ['in September', '2025-09'],
    ['December', '2024-12'],
    ['Nov. 6', '2025-11-06'],
    ['6 November 2024', '2024-11-06'],
    ['in 2023', '2023'],
  ])('given “%s” in an article of Friday 7 Nov 2025, then the date is %s', (expression, date) => {
    expect(resolveDate(expression, published)).toEqual({ date, note: draftMessages.dateResolved(expression, published) });
  });

  it('given “last week” or “next week”, then no date is given and the note says why', () => {
    expect(resolveDate('last week', published)).toEqual({ note: draftMessages.dateNoDay('last week') });
    expect(resolveDate('next week', published)).toEqual({ note: draftMessages.dateNoDay('next week') });
  });

  it('given a date after publication, then it is left out: a quote cannot be dated after its article', () => {
    expect(resolveDate('Nov. 9', published)).toEqual({ note: draftMessages.dateAfterPublication('Nov. 9') });
    expect(resolveDate('in 2026', published)).toEqual({ note: draftMessages.dateAfterPublication('in 2026') });
  });

  it('given words that are not a date or an impossible one, then nothing is resolved', () => {
    expect(resolveDate('the weekend before the vote', published)).toBeUndefined();
    expect(resolveDate('Feb. 30', published)).toBeUndefined();
  });
});

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

async function draftCli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/draft/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: 'data' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run data:draft', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-draft-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('given an article and its source, then it writes a valid draft and prints the summary', async () => {
    const article = path.join(dir, 'riverton.txt');
    const out = path.join(dir, 'draft.json');
    await writeFile(article, RIVERTON);
    const result = await draftCli([article, '--publisher', 'Riverton Courier', '--published', '2026-03-06', '--authors', 'A. Writer, B. Editor', '--url', 'https://example.com/riverton', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Drafted 13 quotes from 15 paragraphs: 13 speakers resolved, 0 flagged;/);
    expect(result.stderr).toContain('✓ Amina Okafor (named) fragment, 2026-03-02: “running out of patience.”');
    const parsed = parseArticleFile({ file: 'draft.json', text: await readFile(out, 'utf8') });
    expect(parsed.problems).toEqual([]);
    expect(parsed.document?.article.source).toMatchObject({ authors: ['A. Writer', 'B. Editor'], url: 'https://example.com/riverton' });
  });

  it('given bad input, then it answers in one line and exits 1 without writing anything', async () => {
    const empty = path.join(dir, 'empty.txt');
    const out = path.join(dir, 'never.json');
    await writeFile(empty, '');
    const result = await draftCli([empty, '--publisher', 'Riverton Courier', '--published', '2026-03-06', '--out', out]);
    expect(result).toMatchObject({ code: 1, stderr: `${draftMessages.empty(empty)}\n` });
    await expect(readFile(out)).rejects.toThrow();
    const missing = await draftCli([path.join(dir, 'nope.txt'), '--publisher', 'X', '--published', '2026-03-06']);
    expect(missing).toMatchObject({ code: 1, stderr: `${path.join(dir, 'nope.txt')}: no such file\n` });
  });
});
