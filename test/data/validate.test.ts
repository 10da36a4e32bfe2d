import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/config.ts';
import { articleJsonSchema, hasNoForbiddenCharacters, schemaMessages, type ArticleFileInput } from '../../src/data/schema.ts';
import { copyCheckMessages } from '../../src/data/copy-check.ts';
import { formatProblem, validateArticleFiles, validationMessages } from '../../src/data/validate.ts';

const run = promisify(execFile);
const BUNDLED_FILE = path.join(BUNDLED_DATA_DIR, 'articles', '2025-11-07-nyt-post-soviet-leaders.json');

async function bundledArticle(): Promise<ArticleFileInput> {
  return JSON.parse(await readFile(BUNDLED_FILE, 'utf8')) as ArticleFileInput;
}

function problemsOf(files: Record<string, unknown>): string[] {
  const result = validateArticleFiles(
    Object.entries(files).map(([file, content]) => ({ file, text: typeof content === 'string' ? content : JSON.stringify(content) })),
  );
  return result.ok ? [] : result.problems.map(formatProblem);
}

/** A second, minimal article that reuses people from the first. */
function smallArticle(overrides: Partial<ArticleFileInput> = {}): ArticleFileInput {
  return {
    source: { id: 'test-source', publisher: 'Test Times', published: '2026-01-02', authors: ['A. Writer'], subject: 'A test', summary: 'A test article.' },
    quotes: [{ id: 'q-test', speaker: 'kassym-jomart-tokayev', text: 'Words.', form: 'statement', context: 'In a test.', source: 'test-source' }],
    ...overrides,
  };
}

describe('validating article files', () => {
  it('given two articles where the second quotes a person defined in the first, then they validate together', async () => {
    expect(problemsOf({ 'a.json': await bundledArticle(), 'b.json': smallArticle() })).toEqual([]);
  });

  it('given the example article of the README, then it validates beside the bundled data with a quote, a deal and a fact', async () => {
    const readme = await readFile(path.join(BUNDLED_DATA_DIR, '..', 'README.md'), 'utf8');
    const example = /### The data format[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const article = JSON.parse(example) as ArticleFileInput;
    expect([article.quotes?.length, article.deals?.length, article.facts?.length]).toEqual([1, 1, 1]);
    expect(problemsOf({ 'a.json': await bundledArticle(), 'example.json': example })).toEqual([]);
  });

  it('given text that is not JSON, then the problem names the file and the parse error', () => {
    const [problem] = problemsOf({ 'broken.json': '{ "source": ' });
    expect(problem).toMatch(/^broken\.json: is not valid JSON \(/);
  });

  it('given a quote with an unknown speaker, then the problem points at its JSON path', () => {
    const problems = problemsOf({ 'b.json': smallArticle() });
    expect(problems).toEqual(['b.json: quotes[0].speaker: refers to unknown entity "kassym-jomart-tokayev"']);
  });

  it('given a duplicate id across files, then both places are named', async () => {
    const article = smallArticle({ quotes: [{ id: 'q-tokayev-inspires-me', speaker: 'kassym-jomart-tokayev', text: 'x', form: 'fragment', context: 'y', source: 'test-source' }] });
    const problems = problemsOf({ 'a.json': await bundledArticle(), 'b.json': article });
    expect(problems).toEqual([expect.stringMatching(/^b\.json: quotes\[0\]\.id: duplicate id "q-tokayev-inspires-me" \(first used in a\.json at quotes\[\d+\]\)$/)]);
  });

  it('given a missing field, a bad date and an unknown key, then each is reported with its path', async () => {
    const article = await bundledArticle();
    const broken = {
      ...article,
      quotes: [{ ...article.quotes?.[0], text: undefined, date: 'Thursday', mood: 'happy' }],
    };
    const problems = problemsOf({ 'a.json': broken });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^a\.json: quotes\[0\]\.text: /),
        'a.json: quotes[0].date: must be YYYY, YYYY-MM or YYYY-MM-DD',
        expect.stringMatching(/^a\.json: quotes\[0\]: .*mood/),
      ]),
    );
  });

  it('given a country reference that points at a person, then it is refused', async () => {
    const article = await bundledArticle();
    const entities = (article.entities ?? []).map((entity) => (entity.id === 'howard-lutnick' ? { ...entity, country: 'donald-trump' } : entity));
    const problems = problemsOf({ 'a.json': { ...article, entities } });
    expect(problems).toEqual([expect.stringMatching(/entities\[\d+\]\.country: "donald-trump" is a person, not a country$/)]);
  });

  it('given hostile text (a control character, a bidi override, 2,000 characters of quote), then each is refused', () => {
    const quote = (id: string, text: string) => ({ id, speaker: 'x', text, form: 'statement' as const, context: 'c', source: 'test-source' });
    const article = smallArticle({
      entities: [{ id: 'x', type: 'person', name: 'X', source: 'test-source' }],
      quotes: [quote('q-a', 'bell\u0007'), quote('q-b', 'evil\u202Etxt'), quote('q-c', 'x'.repeat(2000))],
    });
    const problems = problemsOf({ 'b.json': article });
    expect(problems).toEqual([
      'b.json: quotes[0].text: contains a control or direction-override character',
      'b.json: quotes[1].text: contains a control or direction-override character',
      'b.json: quotes[2].text: must be at most 1500 characters',
    ]);
  });

  it('given an entry pointing at another entry kind as its source, then it is refused', () => {
    const article = smallArticle({
      entities: [{ id: 'x', type: 'person', name: 'X', source: 'test-source' }],
      quotes: [{ id: 'q-a', speaker: 'x', text: 'Words.', form: 'statement', context: 'c', source: 'x' }],
    });
    expect(problemsOf({ 'b.json': article })).toEqual(['b.json: quotes[0].source: "x" is a person, not a source']);
  });
});

describe('the authoring checks', () => {
  const person = { id: 'x', type: 'person' as const, name: 'X', source: 'test-source' };
  type QuoteInput = NonNullable<ArticleFileInput['quotes']>[number];
  const quote = (fields: Partial<QuoteInput>): QuoteInput => ({ id: 'q-a', speaker: 'x', text: 'Words.', form: 'statement', context: 'c', source: 'test-source', ...fields });

  it.each([
    ['quotes[0].date', { quotes: [quote({ date: '2025-02-29' })] }, '2025-02-29'],
    ['quotes[0].date', { quotes: [quote({ date: '2024-04-31' })] }, '2024-04-31'],
    ['source.published', { source: { ...smallArticle().source, published: '2026-02-30' } }, '2026-02-30'],
  ])('given an impossible calendar date at %s (%j), then it is refused as not a date', (where, overrides, date) => {
    const article = smallArticle({ entities: [person], quotes: [quote({})], ...(overrides as Partial<ArticleFileInput>) });
    expect(problemsOf({ 'b.json': article })).toEqual([`b.json: ${where}: ${schemaMessages.notCalendarDate(date)}`]);
  });

  it('given 29 February of a leap year, then it is a date', () => {
    expect(problemsOf({ 'b.json': smallArticle({ entities: [person], quotes: [quote({ date: '2024-02-29' })] }) })).toEqual([]);
  });

  it.each([['“Words.”'], ['"Words"'], ['«Mots»'], ['“Words”.']])('given a quote stored with its enclosing quotation marks (%s), then it is refused with a hint', (text) => {
    const problems = problemsOf({ 'b.json': smallArticle({ entities: [person], quotes: [quote({ text })] }) });
    expect(problems).toEqual([`b.json: quotes[0].text: ${schemaMessages.enclosedQuote}`]);
  });

  it('given a quote that only begins with a quotation inside it, then it is kept', () => {
    expect(problemsOf({ 'b.json': smallArticle({ entities: [person], quotes: [quote({ text: '“Peace” is the word we use.' })] }) })).toEqual([]);
  });

  it('given a quote whose speaker is a country, then it is refused: a speaker is a person or an organisation', () => {
    const country = { id: 'elbonia', type: 'country' as const, name: 'Elbonia', source: 'test-source' };
    const problems = problemsOf({ 'b.json': smallArticle({ entities: [country], quotes: [quote({ speaker: 'elbonia' })] }) });
    expect(problems).toEqual([`b.json: quotes[0].speaker: ${validationMessages.speakerNotPersonOrOrganisation('elbonia', 'country')}`]);
  });

  it('given a quote, a deal and a fact dated after their article was published, then each is refused; the same month is allowed', () => {
    const article = smallArticle({
      entities: [person],
      quotes: [quote({ date: '2026-01-03' })],
      deals: [{ id: 'd-a', title: 'T', parties: ['x'], category: 'C', status: 'agreed', date: '2026-02', source: 'test-source' }],
      facts: [
        { id: 'f-a', text: 'A fact.', date: '2027', source: 'test-source' },
        { id: 'f-b', text: 'Same month.', date: '2026-01', source: 'test-source' },
      ],
    });
    expect(problemsOf({ 'b.json': article })).toEqual([
      `b.json: quotes[0].date: ${validationMessages.datedAfterPublication('2026-01-03', 'test-source', '2026-01-02')}`,
      `b.json: deals[0].date: ${validationMessages.datedAfterPublication('2026-02', 'test-source', '2026-01-02')}`,
      `b.json: facts[0].date: ${validationMessages.datedAfterPublication('2027', 'test-source', '2026-01-02')}`,
    ]);
  });

  it.each([['javascript:alert(1)'], ['ftp://example.org/a'], ['file:///etc/passwd']])('given source.url %s, then only http(s) is accepted', (url) => {
    const problems = problemsOf({ 'b.json': smallArticle({ entities: [person], quotes: [quote({})], source: { ...smallArticle().source, url } }) });
    expect(problems).toEqual([`b.json: source.url: ${schemaMessages.notWebUrl}`]);
  });

  it('given data/schema.json, then every field has a description and reference fields say what they refer to', () => {
    const missing: string[] = [];
    const references: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const schema = node as { properties?: Record<string, { description?: string }>; items?: unknown; anyOf?: unknown[] };
      for (const [name, field] of Object.entries(schema.properties ?? {})) {
        if (!field.description) missing.push(`${path}.${name}`);
        walk(field, `${path}.${name}`);
      }
      if (schema.items) walk(schema.items, `${path}[]`);
      for (const option of schema.anyOf ?? []) walk(option, path);
      const { description } = node as { description?: string };
      if (/(^|\.)(source|speaker|country)$|(parties|counterparties|subjects)\[\]$/.test(path) && !path.startsWith('.source')) references.push(`${path}: ${description ?? ''}`);
    };
    walk(articleJsonSchema(), '');
    expect(missing).toEqual([]);
    expect(references.length).toBeGreaterThanOrEqual(9);
    for (const reference of references) expect(reference).toMatch(/: The id of (the|a) .+/);
  });
});

describe('npm run data:check', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function dataDir(files: Record<string, unknown>): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-check-'));
    dirs.push(dir);
    await mkdir(path.join(dir, 'articles'));
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, 'articles', name), JSON.stringify(content));
    return dir;
  }

  it('given the bundled data, then it prints the counts and exits 0', async () => {
    const { stdout } = await run('node', ['--import', 'tsx', 'src/data/check-cli.ts', BUNDLED_DATA_DIR]);
    expect(stdout).toMatch(/ok \(version [0-9a-f]{12}\): 1 sources, \d+ people and organisations, 22 quotes, 11 deals, \d+ facts/);
  });

  /** Runs the CLI on the bundled data; resolves with the exit code and output whatever the code. */
  async function check(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return run('node', ['--import', 'tsx', 'src/data/check-cli.ts', ...args], { env: { ...process.env, DATA_DIR: BUNDLED_DATA_DIR } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );
  }

  async function file(name: string, content: string | object): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-check-'));
    dirs.push(dir);
    const target = path.join(dir, name);
    await writeFile(target, typeof content === 'string' ? content : JSON.stringify(content));
    return target;
  }

  it('given one article file that quotes a person of the live data, then it is checked merged into that data and passes', async () => {
    const target = await file('new.json', smallArticle());
    const result = await check([target]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(`${target} (merged into ${BUNDLED_DATA_DIR}, as a new article): ok: 2 sources`);
  });

  it('given one article file with a dangling speaker, then the problem names that file and the exit code is 1', async () => {
    const target = await file('new.json', smallArticle({ quotes: [{ id: 'q-x', speaker: 'nobody', text: 'x', form: 'statement', context: 'c', source: 'test-source' }] }));
    const result = await check([target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${target}: quotes[0].speaker: refers to unknown entity "nobody"`);
  });

  it('given the bundled article file itself, then it replaces its live copy and passes', async () => {
    const result = await check([BUNDLED_FILE]);
    expect(result.stdout).toContain('replacing articles/2025-11-07-nyt-post-soviet-leaders.json): ok');
  });

  it('given --source and an article whose fact copies the text, then the copied run is a problem', async () => {
    const source = await file('article.txt', 'Yesterday the minister said the railway to the coast would be finished before the first snow falls.');
    const target = await file('new.json', smallArticle({ facts: [{ id: 'f-rail', text: 'The railway to the coast would be finished before the first snow falls.', source: 'test-source' }] }));
    const result = await check(['--source', source, target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${target}: facts[0].text: copies 13 consecutive words of the source text`);
    expect(result.stderr).toContain(`${target}: quotes[0].text: ${copyCheckMessages.notVerbatim}`);
  });

  it('given --source naming a file that is not there, then one line says so and the exit code is 2', async () => {
    const result = await check(['--source', '/nonexistent/article.txt', BUNDLED_FILE]);
    expect(result).toMatchObject({ code: 2, stderr: '/nonexistent/article.txt: does not exist (the article text for --source)\n' });
  });

  it('given a dangling speaker, then it prints `file: json.path: message` on stderr and exits non-zero', async () => {
    // execFile rejects on a non-zero exit: the rejection carries the exit code and output.
    const dir = await dataDir({ 'b.json': smallArticle() });
    const failure = await run('node', ['--import', 'tsx', 'src/data/check-cli.ts', dir]).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('articles/b.json: quotes[0].speaker: refers to unknown entity "kassym-jomart-tokayev"');
  });
});

describe('the fast path for files without forbidden characters', () => {
  it.each([
    ['a bell escape', '"\\u0007"'],
    ['an escaped right-to-left override', '"\\u202E"'],
    ['a literal right-to-left override', '"\u202E"'],
    ['a surrogate escape', '"\\uD83D"'],
    ['an escaped DEL', '"\\u007F"'],
  ])('given %s in the raw JSON, then the file takes the full per-string check', (_label, json) => {
    expect(hasNoForbiddenCharacters(json)).toBe(false);
  });

  it('given ordinary text with newlines, tabs, quotes and Cyrillic, then the fast path is taken', () => {
    expect(hasNoForbiddenCharacters(JSON.stringify({ text: 'Line one\nline two\t“Токаев” — “it’s”' }))).toBe(true);
  });
});
