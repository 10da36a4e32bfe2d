import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/config.ts';
import { loadDataDirectory } from '../../src/data/load.ts';
import { checkArticleCopies, prepareSource } from '../../src/data/copy-check.ts';
import { articleJsonSchema } from '../../src/data/schema.ts';
import { formatProblem } from '../../src/data/validate.ts';

// The article the first data file was extracted from lives beside the repository, never inside it.
const SEED = path.resolve(BUNDLED_DATA_DIR, '..', '..', 'shared', 'seeds', '000_a36b35fe41de2781.txt');
const seed = existsSync(SEED) ? readFileSync(SEED, 'utf8') : undefined;

// Quoted words in the article that nobody says: the title of an index, and the term a bill uses. Facts hold them.
const NOT_SPEECH = new Set(['Freedom in the World', 'L.G.B.T. propaganda']);

async function bundled() {
  const result = await loadDataDirectory(BUNDLED_DATA_DIR);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.dataset;
}

describe('the bundled data', () => {
  it('given the data directory, then it validates with no problems (the check behind npm run data:check)', async () => {
    const result = await loadDataDirectory(BUNDLED_DATA_DIR);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it('given the zod schema, then data/schema.json is its current JSON Schema (run npm run data:schema after changing it)', async () => {
    const published = JSON.parse(await readFile(path.join(BUNDLED_DATA_DIR, 'schema.json'), 'utf8')) as unknown;
    expect(published).toEqual(articleJsonSchema());
  });

  it('given the article, then its source names the publisher, date and authors and invents no headline or URL', async () => {
    const [source] = (await bundled()).sources;
    expect(source).toMatchObject({
      publisher: 'The New York Times',
      published: '2025-11-07',
      authors: ['Anton Troianovski', 'Paul Sonne', 'Ana Swanson'],
    });
    expect(source?.url).toBeUndefined();
  });

  it('given every quote, then its date is never after the publication date', async () => {
    const dataset = await bundled();
    for (const quote of dataset.quotes) {
      if (quote.date) expect(quote.date <= '2025-11-07', quote.id).toBe(true);
    }
  });

  it('given the deals, then both Boeing deals, the chips, locomotive, tungsten and farm-machinery deals carry their figures', async () => {
    const dataset = await bundled();
    const deal = (id: string) => dataset.deals.find((entry) => entry.id === id);
    expect(deal('d-central-asian-airlines-boeing')).toMatchObject({ counterparties: ['boeing'], status: 'committed', quantity: { text: 'dozens' } });
    expect(deal('d-uzbekistan-boeing-dreamliners')).toMatchObject({
      value: { amount: 8_000_000_000, currency: 'USD' },
      quantity: { count: 22, qualifier: 'as many as' },
    });
    expect(deal('d-kazakhstan-ai-chips')).toMatchObject({ value: { amount: 2_000_000_000, qualifier: 'up to' }, counterparties: ['openai', 'nvidia'] });
    expect(deal('d-kazakhstan-locomotives')).toMatchObject({ value: { amount: 4_000_000_000 }, quantity: { count: 300 }, counterparties: [] });
    expect(deal('d-cove-capital-tungsten')).toMatchObject({ status: 'approved', counterparties: ['cove-capital'] });
    expect(deal('d-john-deere-agricultural-machinery')).toMatchObject({ value: { text: 'billions of dollars' }, status: 'promised' });
  });

  it('given the deals the article says a country "said it would" make, then their status is announced, not promised', async () => {
    const dataset = await bundled();
    const status = (id: string) => dataset.deals.find((entry) => entry.id === id)?.status;
    expect([status('d-kyrgyzstan-rail-services'), status('d-kazakhstan-ai-chips'), status('d-john-deere-agricultural-machinery')]).toEqual(['announced', 'announced', 'promised']);
  });

  it('given deals the article dates only by when they were praised or signed where, then no date or party is invented', async () => {
    const dataset = await bundled();
    const deal = (id: string) => dataset.deals.find((entry) => entry.id === id);
    expect(deal('d-kazakhstan-locomotives')?.date).toBeUndefined();
    expect(deal('d-kazakhstan-locomotives')?.notes.join(' ')).toMatch(/September 2025/);
    expect(deal('d-armenia-azerbaijan-peace-pledge')).toMatchObject({ category: 'Peace pledge', counterparties: [], counterpartiesNote: 'The article names no other party.' });
    expect(deal('d-uzbekistan-boeing-dreamliners')?.caveats.join(' ')).toMatch(/whole deal as Mr\. Trump described it/);
  });

  it('given the bill’s term “L.G.B.T. propaganda”, then no quote presents it as someone’s words and a fact holds it', async () => {
    const dataset = await bundled();
    expect(dataset.quotes.filter((quote) => quote.text.includes('propaganda'))).toEqual([]);
    expect(dataset.quotes.filter((quote) => quote.speaker === 'kazakh-parliament')).toEqual([]);
    for (const term of NOT_SPEECH) expect(dataset.facts.some((fact) => fact.text.includes(`“${term}”`)), term).toBe(true);
  });

  it('given facts about the Central Asian states, then each names them as subjects so /fact Kazakhstan finds it', async () => {
    const dataset = await bundled();
    for (const id of ['f-post-soviet-states-gain-attention', 'f-ukraine-war-balancing-act']) {
      expect(dataset.facts.find((fact) => fact.id === id)?.subjects, id).toEqual(expect.arrayContaining(['kazakhstan', 'kyrgyzstan', 'tajikistan', 'turkmenistan', 'uzbekistan']));
    }
  });

  it('given the aliases, then none is a generic title or a short name another article’s entity could share', async () => {
    const aliases = (await bundled()).entities.flatMap((entity) => entity.aliases.map((alias) => alias.toLowerCase()));
    for (const generic of ['senior official', 'anonymous official', 'commerce secretary', 'carnegie', 'hudson', 'cove', 'freedom in the world', 'the times']) {
      expect(aliases, generic).not.toContain(generic);
    }
  });

  it('given the summit deals, then each carries the article’s caveat that it is unclear which were newly signed', async () => {
    const dataset = await bundled();
    for (const id of ['d-central-asian-airlines-boeing', 'd-john-deere-agricultural-machinery', 'd-kyrgyzstan-rail-services', 'd-kazakhstan-ai-chips']) {
      const caveats = dataset.deals.find((deal) => deal.id === id)?.caveats ?? [];
      expect(caveats.join(' '), id).toMatch(/unclear how many/);
    }
  });

  it('given the key figures of the article, then each is in the facts', async () => {
    const figures = (await bundled()).facts.flatMap((fact) => fact.figures.map((figure) => figure.value));
    for (const value of [1242, 4_000_000_000, 300, 8_000_000_000, 22, 10, 1998]) expect(figures).toContain(value);
  });

  it('given the people, then surnames, transliterations and Cyrillic spellings are aliases', async () => {
    const dataset = await bundled();
    const aliases = (id: string) => dataset.entities.find((entity) => entity.id === id)?.aliases ?? [];
    expect(aliases('kassym-jomart-tokayev')).toEqual(expect.arrayContaining(['Tokayev', 'Tokaev', 'Токаев']));
    expect(aliases('shavkat-mirziyoyev')).toEqual(expect.arrayContaining(['Mirziyoyev', 'Mirziyoev', 'Мирзиёев']));
    expect(aliases('aleksandr-lukashenko')).toEqual(expect.arrayContaining(['Lukashenko', 'Лукашенко']));
    expect(aliases('kazakhstan')).toEqual(expect.arrayContaining(['Kazakh', 'Казахстан']));
    expect(aliases('uzbekistan')).toContain('Uzbek');
  });
});

describe.skipIf(seed === undefined)('the bundled data against the article text', () => {
  const article = seed ?? '';
  const printedQuotes = [...article.matchAll(/“([^”]*)”/g)].map((match) => match[1] ?? '');

  it('given every quote, then its words appear in the article character for character, starting at an opening quote mark', async () => {
    for (const quote of (await bundled()).quotes) {
      expect(article, quote.id).toContain(`“${quote.text}`);
      const printed = printedQuotes.find((span) => span.startsWith(quote.text));
      // Only the comma that American style puts inside the closing mark may be left out.
      expect([quote.text, `${quote.text},`], quote.id).toContain(printed);
    }
  });

  it('given every quotation in the article, then the data holds it as a quote', async () => {
    const texts = (await bundled()).quotes.map((quote) => quote.text);
    const missing = printedQuotes.filter((span) => !NOT_SPEECH.has(span) && !texts.includes(span) && !texts.includes(span.replace(/,$/, '')));
    expect(missing).toEqual([]);
  });

  it('given the copy check against the article, then no field copies 12 words of it and every quote is verbatim', async () => {
    const source = prepareSource(article);
    for (const document of (await bundled()).documents) expect(checkArticleCopies(source, document.article)).toEqual([]);
  });

  it('given the repository, then it ships extracted data only and never the article text', async () => {
    const file = await readFile(path.join(BUNDLED_DATA_DIR, 'articles', '2025-11-07-nyt-post-soviet-leaders.json'), 'utf8');
    const paragraphs = article.split('\n').filter((line) => line.length > 200);
    for (const paragraph of paragraphs) expect(file).not.toContain(paragraph);
  });
});
