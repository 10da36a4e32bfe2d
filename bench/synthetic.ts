// A deterministic synthetic newsroom archive in the dataset's own schema, for benchmarks and scale tests.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleFileInput } from '../src/data/schema.ts';

export interface SyntheticOptions {
  /** Quotes + deals + facts in total (people, organisations and sources come on top). */
  readonly size: number;
  readonly seed?: number;
  /** Entries per article file. */
  readonly perArticle?: number;
}

export interface SyntheticPerson {
  readonly id: string;
  readonly name: string;
  readonly surname: string;
  readonly aliases: readonly string[];
  readonly cyrillic: string;
}

export interface SyntheticDataset {
  readonly files: readonly { readonly name: string; readonly article: ArticleFileInput }[];
  readonly people: readonly SyntheticPerson[];
  readonly companies: readonly SyntheticPerson[];
  readonly countries: readonly { readonly id: string; readonly name: string; readonly demonym: string }[];
  /** Quote ids by speaker id and deal ids by company id: what a query naming them should find. */
  readonly quotesBySpeaker: ReadonlyMap<string, readonly string[]>;
  readonly dealsByCompany: ReadonlyMap<string, readonly string[]>;
  readonly products: readonly string[];
}

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_SYLLABLES = ['ka', 'nur', 'as', 'ser', 'dim', 'ol', 'ta', 'ru', 'ba', 'zha', 'al', 'mi', 'vla', 'ar', 'bo', 'ye', 'da', 'ir', 'ga', 'le', 'shav', 'ti', 'mu', 'ra'];
const FIRST_ENDINGS = ['nat', 'lan', 'gey', 'ras', 'mir', 'lan', 'bek', 'tan', 'kat', 'dar', 'lim', 'ris', 'na', 'ra', 'zat', 'lia', 'slav', 'kan'];
const SURNAME_ROOTS = ['tok', 'naz', 'mir', 'kar', 'luk', 'ber', 'dzh', 'abd', 'ras', 'sul', 'tash', 'yer', 'zhak', 'om', 'bek', 'sag', 'kul', 'mam', 'nurl', 'ism', 'kasy', 'ah', 'bay', 'dos', 'ges', 'kha', 'pav', 'vol', 'kuz', 'sokol'];
const SURNAME_MIDDLES = ['a', 'ay', 'i', 'u', 'iz', 'ash', 'en', 'im', 'ar', 'ul', 'ab', 'or', 'ish', 'ych', 'ov'];
const SURNAME_ENDINGS = ['ev', 'ov', 'enko', 'in', 'bekov', 'aliev', 'yev', 'ova', 'eva', 'uly', 'sky', 'vich', 'ovich', 'an', 'yan'];
const COMPANY_WORDS = ['Astra', 'Nordic', 'Steppe', 'Caspian', 'Orion', 'Silk', 'Altai', 'Zenith', 'Granite', 'Pioneer', 'Aurora', 'Vector', 'Summit', 'Harbor', 'Falcon', 'Meridian', 'Polar', 'Atlas', 'Crescent', 'Delta', 'Ember', 'Horizon', 'Keystone', 'Lumen'];
const COMPANY_KINDS = ['Mining', 'Rail', 'Aerospace', 'Energy', 'Capital', 'Logistics', 'Motors', 'Systems', 'Agro', 'Chemicals', 'Networks', 'Metals', 'Airlines', 'Shipping', 'Pharma', 'Semiconductors'];
const COUNTRIES: readonly [string, string][] = [
  ['Kazakhstan', 'Kazakh'], ['Uzbekistan', 'Uzbek'], ['Kyrgyzstan', 'Kyrgyz'], ['Tajikistan', 'Tajik'], ['Turkmenistan', 'Turkmen'],
  ['Russia', 'Russian'], ['China', 'Chinese'], ['United States', 'American'], ['Belarus', 'Belarusian'], ['Armenia', 'Armenian'],
  ['Azerbaijan', 'Azerbaijani'], ['Georgia', 'Georgian'], ['Ukraine', 'Ukrainian'], ['Mongolia', 'Mongolian'], ['Turkey', 'Turkish'],
  ['Iran', 'Iranian'], ['India', 'Indian'], ['Japan', 'Japanese'], ['South Korea', 'South Korean'], ['Germany', 'German'],
  ['France', 'French'], ['United Kingdom', 'British'], ['Poland', 'Polish'], ['Moldova', 'Moldovan'], ['Lithuania', 'Lithuanian'],
  ['Latvia', 'Latvian'], ['Estonia', 'Estonian'], ['Pakistan', 'Pakistani'], ['Afghanistan', 'Afghan'], ['Qatar', 'Qatari'],
];
const PRODUCTS = ['locomotives', 'airplanes', 'jets', 'tractors', 'turbines', 'chips', 'satellites', 'pipelines', 'fertilizer', 'uranium', 'tungsten', 'copper', 'wheat', 'vaccines', 'drones', 'trucks', 'helicopters', 'reactors', 'batteries', 'cables'];
const TOPICS = ['trade', 'energy', 'security', 'human rights', 'sanctions', 'transport', 'minerals', 'agriculture', 'technology', 'diplomacy', 'elections', 'migration', 'water', 'climate', 'finance'];
const WORDS = (
  'the a of and to in for on with that this we our will must have has more than new all very can be is are not it they their ' +
  'country government people economy investment partners partnership cooperation agreement deal market markets growth future region ' +
  'regional global world support strong important relations relationship values development infrastructure corridor energy security ' +
  'trade sanctions reform reforms stability peace dialogue neighbors business businesses companies jobs workers families children ' +
  'prices inflation budget taxes banks currency exports imports production factories railways roads ports airports gas oil coal ' +
  'power grid water climate drought harvest farmers wheat cotton minerals uranium copper gold tungsten rare earth elements technology ' +
  'digital artificial intelligence chips data networks schools universities students health hospitals doctors medicine vaccines ' +
  'freedom press media journalists elections parliament president minister ministry court law order justice rights citizens ' +
  'opposition protests police army defense border borders military alliance treaty summit visit meeting talks negotiations ' +
  'promise promised committed approved signed announced expects hopes believes said says told added warned praised criticized ' +
  'today tomorrow yesterday week month year decade history historic moment opportunity challenge challenges crisis recovery ' +
  'pragmatic efficient transparent sovereign independent traditional modern open closed honest fair'
).split(' ');

function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const LATIN_TO_CYRILLIC: readonly [string, string][] = [
  ['shch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'], ['ch', 'ч'], ['sh', 'ш'], ['yu', 'ю'], ['ya', 'я'], ['yo', 'ё'], ['ye', 'е'],
  ['a', 'а'], ['b', 'б'], ['v', 'в'], ['g', 'г'], ['d', 'д'], ['e', 'е'], ['z', 'з'], ['i', 'и'], ['y', 'ы'], ['k', 'к'], ['l', 'л'],
  ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['r', 'р'], ['s', 'с'], ['t', 'т'], ['u', 'у'], ['f', 'ф'], ['h', 'х'], ['j', 'дж'],
  ['c', 'к'], ['w', 'в'], ['x', 'кс'], ['q', 'к'],
];

/** A plausible Cyrillic spelling of a Latin name, as users in the region might type it. */
export function toCyrillic(latin: string): string {
  let out = '';
  let rest = latin.toLowerCase();
  while (rest.length > 0) {
    const pair = LATIN_TO_CYRILLIC.find(([from]) => rest.startsWith(from));
    if (pair) {
      out += pair[1];
      rest = rest.slice(pair[0].length);
    } else {
      out += rest.charAt(0);
      rest = rest.slice(1);
    }
  }
  return out.split(' ').map((word) => (word ? (word[0] ?? '').toUpperCase() + word.slice(1) : word)).join(' ');
}

function sentence(rand: () => number, words: number, extra: readonly string[] = []): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rand() < 0.08 && extra.length > 0 ? pick(rand, extra) : pick(rand, WORDS));
  return `${capitalise(out.join(' '))}.`;
}

/** Generates the archive: thousands of speakers and companies with aliases, multilingual names, near-duplicates. */
export function generateDataset(options: SyntheticOptions): SyntheticDataset {
  const rand = random(options.seed ?? 42);
  const perArticle = options.perArticle ?? 50;
  const articleCount = Math.max(1, Math.ceil(options.size / perArticle));
  const personCount = Math.max(20, Math.round(options.size / 30));
  const companyCount = Math.max(10, Math.round(options.size / 60));

  const usedIds = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };
  const slug = (text: string): string => text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'x';

  const countries = COUNTRIES.map(([name, demonym]) => ({ id: uniqueId(`c-${slug(name)}`), name, demonym }));

  const people: SyntheticPerson[] = [];
  const surnames: string[] = [];
  for (let i = 0; i < personCount; i++) {
    // One surname in eight is a near-duplicate of an earlier one: Tokayev / Tokarev, the classic trap for fuzzy search.
    let surname: string;
    const earlier = surnames.length > 0 ? pick(rand, surnames) : undefined;
    if (earlier && rand() < 0.125) {
      const at = 1 + Math.floor(rand() * (earlier.length - 2));
      surname = earlier.slice(0, at) + pick(rand, ['a', 'e', 'i', 'o', 'u', 'r', 'k', 'l']) + earlier.slice(at + 1);
    } else {
      surname = capitalise(pick(rand, SURNAME_ROOTS) + pick(rand, SURNAME_MIDDLES) + pick(rand, SURNAME_ENDINGS));
    }
    surnames.push(surname);
    const first = capitalise(pick(rand, FIRST_SYLLABLES) + pick(rand, FIRST_ENDINGS));
    const name = `${first} ${surname}`;
    const transliterated = surname.replace(/yev$/, 'ev').replace(/iy/g, 'i').replace(/kh/g, 'h');
    const cyrillic = toCyrillic(surname);
    const aliases = [...new Set([surname, transliterated, cyrillic, toCyrillic(name)])];
    people.push({ id: uniqueId(`p-${slug(name)}`), name, surname, aliases, cyrillic });
  }

  const companies: SyntheticPerson[] = [];
  for (let i = 0; i < companyCount; i++) {
    const brand = pick(rand, COMPANY_WORDS) + (rand() < 0.5 ? pick(rand, ['', 'ia', 'on', 'ex', 'ix']) : '');
    const name = `${brand} ${pick(rand, COMPANY_KINDS)}${rand() < 0.3 ? ' Group' : ''}`;
    const initials = name.split(' ').map((word) => word.charAt(0)).join('');
    companies.push({ id: uniqueId(`o-${slug(name)}`), name, surname: brand, aliases: [brand, initials, toCyrillic(brand)], cyrillic: toCyrillic(brand) });
  }

  const quotesBySpeaker = new Map<string, string[]>();
  const dealsByCompany = new Map<string, string[]>();
  const declared = new Set<string>();
  const files: { name: string; article: ArticleFileInput }[] = [];
  let made = 0;

  for (let a = 0; a < articleCount && made < options.size; a++) {
    const sourceId = uniqueId(`s-${a}`);
    const published = `20${String(10 + Math.floor(rand() * 16)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const article: Required<Pick<ArticleFileInput, 'entities' | 'quotes' | 'deals' | 'facts'>> & ArticleFileInput = {
      source: {
        id: sourceId,
        publisher: pick(rand, ['The Daily Ledger', 'Steppe Herald', 'Caspian Review', 'The Observer Wire', 'Northern Courier']),
        published,
        authors: [pick(rand, people).name],
        subject: sentence(rand, 8),
        summary: sentence(rand, 30),
      },
      entities: [],
      quotes: [],
      deals: [],
      facts: [],
    };
    const declare = (entity: SyntheticPerson | (typeof countries)[number], type: 'person' | 'organisation' | 'country'): void => {
      if (declared.has(entity.id)) return;
      declared.add(entity.id);
      if (type === 'country' && 'demonym' in entity) {
        article.entities.push({ id: entity.id, type, name: entity.name, aliases: [entity.demonym, toCyrillic(entity.name)], source: sourceId });
      } else if ('aliases' in entity) {
        article.entities.push({ id: entity.id, type, name: entity.name, aliases: [...entity.aliases], role: sentence(rand, 4).slice(0, -1), source: sourceId });
      }
    };

    const entries = Math.min(perArticle, options.size - made);
    for (let e = 0; e < entries; e++, made++) {
      const roll = rand();
      if (roll < 0.5) {
        const speaker = pick(rand, people);
        declare(speaker, 'person');
        const id = uniqueId(`q-${a}-${e}`);
        const long = rand() < 0.15;
        article.quotes.push({
          id,
          speaker: speaker.id,
          text: sentence(rand, long ? 60 + Math.floor(rand() * 100) : 6 + Math.floor(rand() * 20), PRODUCTS),
          form: rand() < 0.5 ? 'statement' : 'fragment',
          context: sentence(rand, 12),
          topics: [pick(rand, TOPICS)],
          source: sourceId,
        });
        quotesBySpeaker.set(speaker.id, [...(quotesBySpeaker.get(speaker.id) ?? []), id]);
      } else if (roll < 0.75) {
        const company = pick(rand, companies);
        const country = pick(rand, countries);
        declare(company, 'organisation');
        declare(country, 'country');
        const product = pick(rand, PRODUCTS);
        const id = uniqueId(`d-${a}-${e}`);
        article.deals.push({
          id,
          title: `${country.name} to buy ${product} from ${company.name}`,
          parties: [country.id],
          counterparties: [company.id],
          category: capitalise(product),
          value: rand() < 0.7 ? { amount: Math.round(1 + rand() * 99) * 1e8, currency: 'USD', ...(rand() < 0.3 ? { qualifier: 'up to' } : {}) } : { text: 'billions of dollars' },
          quantity: { count: 1 + Math.floor(rand() * 300), unit: product },
          status: pick(rand, ['committed', 'promised', 'agreed', 'approved', 'reported', 'unclear'] as const),
          notes: [sentence(rand, 15)],
          source: sourceId,
        });
        dealsByCompany.set(company.id, [...(dealsByCompany.get(company.id) ?? []), id]);
      } else {
        const subject = pick(rand, people);
        const country = pick(rand, countries);
        declare(subject, 'person');
        declare(country, 'country');
        article.facts.push({
          id: uniqueId(`f-${a}-${e}`),
          text: sentence(rand, 10 + Math.floor(rand() * 25), PRODUCTS),
          subjects: [subject.id, country.id],
          figures: rand() < 0.5 ? [{ value: Math.round(rand() * 10000), unit: pick(rand, PRODUCTS) }] : [],
          topics: [pick(rand, TOPICS)],
          source: sourceId,
        });
      }
    }
    files.push({ name: `${String(a).padStart(5, '0')}-${sourceId}.json`, article });
  }
  return { files, people, companies, countries, quotesBySpeaker, dealsByCompany, products: PRODUCTS };
}

/** Writes a generated archive as a data directory (`DIR/articles/*.json`) that the bot can start on. */
export async function writeDataset(dir: string, dataset: SyntheticDataset): Promise<void> {
  const articles = path.join(dir, 'articles');
  await rm(articles, { recursive: true, force: true });
  await mkdir(articles, { recursive: true });
  for (const { name, article } of dataset.files) await writeFile(path.join(articles, name), JSON.stringify(article));
}

/** The archive as raw files, as the loader reads them from disk. */
export function rawFiles(dataset: SyntheticDataset): { file: string; text: string }[] {
  return dataset.files.map(({ name, article }) => ({ file: `articles/${name}`, text: JSON.stringify(article) }));
}
