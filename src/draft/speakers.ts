// Who said each quotation: the attribution next to it, pronouns and descriptions followed back to a name, or a flag.
import { kindOf, type DraftEntity, type EntityRegistry } from './entities.ts';
import type { AnalysedParagraph, Sentence, Token } from './language.ts';
import { findMentions, type Mention } from './mentions.ts';
import type { QuoteSpan } from './quotes.ts';
import { findCountry } from './countries.ts';
import { ORGANISATION_NOUNS, PERSON_ROLE_NOUNS, SPEECH_VERBS } from './words.ts';

/** A sentence's mentions, each with the entity it refers to when known, and the entity that is its subject. */
export interface ReadSentence {
  readonly sentence: Sentence;
  readonly mentions: readonly Mention[];
  readonly entities: readonly (DraftEntity | undefined)[];
  readonly subject?: DraftEntity;
}

export type Resolution = 'named' | 'pronoun' | 'description' | 'anonymous' | 'according to' | 'continuation';

export interface Attribution {
  readonly speaker?: DraftEntity;
  readonly how?: Resolution;
  /** Why no speaker could be given: the quote is kept and shown as flagged. */
  readonly flag?: string;
  /** The reporting verb, for the summary: "said", "told". */
  readonly verb?: string;
  /** Offsets in the paragraph of the verb, to find the date said next to it. */
  readonly verbAt?: number;
  /** Short, unattributed words in quotation marks: a scare quote, not anyone's words. */
  readonly scareQuote?: boolean;
  /** The quote this one continues, for its date. */
  readonly continues?: number;
}

const eligible = (mention: Mention): boolean => !mention.possessive && !mention.prepositional && !mention.modifier;

/** The last entity a gendered pronoun (he, his, him; she, her) referred to, and in which sentence. */
type Chains = Map<'he' | 'she', { readonly entity: DraftEntity; readonly sentence: number }>;

const POSSESSIVE_PRONOUNS: ReadonlyMap<string, 'he' | 'she'> = new Map([['his', 'he'], ['him', 'he'], ['her', 'she'], ['hers', 'she']]);

/** Reads every sentence in order: mentions, who they refer to, appositions, and each sentence's subject. */
export function readSentences(paragraphs: readonly AnalysedParagraph[], registry: EntityRegistry): ReadSentence[] {
  const read: ReadSentence[] = [];
  const chains: Chains = new Map();
  for (const paragraph of paragraphs) {
    for (const sentence of paragraph.sentences) {
      const mentions = findMentions(sentence, paragraph.text);
      const entities: (DraftEntity | undefined)[] = [];
      const pronounAt = (index: number, pronoun: string): DraftEntity | undefined => {
        const before = mentions.filter((mention) => mention.first < index);
        return resolvePronoun(pronoun, before, entities, read, chains, sentence.index);
      };
      let nextToken = 0;
      mentions.forEach((mention) => {
        // "Her deputy, Lars Berg": a possessive pronoun before a mention keeps the chain of who "she" is.
        for (; nextToken < mention.first; nextToken++) {
          const token = sentence.tokens[nextToken];
          const pronoun = token && !token.quoted && token.pos === 'PRON' ? POSSESSIVE_PRONOUNS.get(token.text.toLowerCase()) : undefined;
          if (pronoun) pronounAt(nextToken, pronoun);
        }
        nextToken = mention.last + 1;
        if (mention.kind === 'name') entities.push(registry.named(mention, sentence.index));
        else if (mention.kind === 'anonymous') entities.push(registry.anonymous(mention, sentence.index));
        else if (mention.kind === 'description') entities.push(registry.described(mention, sentence.index));
        else entities.push(pronounAt(mention.first, mention.text));
      });
      learnRoles(sentence, paragraph.text, mentions, entities, registry);
      const first = mentions.findIndex(eligible);
      const subject = first >= 0 ? entities[first] : undefined;
      read.push({ sentence, mentions, entities, ...(subject ? { subject } : {}) });
    }
  }
  return read;
}

function fits(entity: DraftEntity | undefined, pronoun: string): entity is DraftEntity {
  if (!entity) return false;
  const kind = kindOf(entity);
  if (pronoun === 'he') return kind === 'person' && entity.gender !== 'f';
  if (pronoun === 'she') return kind === 'person' && entity.gender !== 'm';
  // "it" and "they" need evidence of an organisation: a capitalised word that opens a headline is not one.
  const organisation = kind === 'country' || (kind === 'organisation' && (entity.organisationEvidence > 0 || entity.existing !== undefined));
  if (pronoun === 'it') return organisation;
  return entity.anonymous || organisation;
}

/**
 * What a pronoun refers to: the subject of the same sentence when a name opens it ("Mr. Tokayev praised what he
 * called…"); otherwise the subject of the nearest sentence before that fits, unless the same pronoun was used for
 * someone else since ("Her deputy, Lars Berg, sat beside her. She said…" is still about her).
 */
function resolvePronoun(
  pronoun: string, before: readonly Mention[], entities: readonly (DraftEntity | undefined)[], read: readonly ReadSentence[], chains: Chains, sentence: number,
): DraftEntity | undefined {
  const first = before.findIndex(eligible);
  const inSentence = first >= 0 && before[first]?.kind !== 'pronoun' ? entities[first] : undefined;
  let found = fits(inSentence, pronoun) ? inSentence : undefined;
  let foundIn = sentence;
  for (let back = read.length - 1; !found && back >= Math.max(0, read.length - 8); back--) {
    const entry = read[back];
    if (fits(entry?.subject, pronoun)) {
      found = entry.subject;
      foundIn = entry.sentence.index;
    }
  }
  const gendered = pronoun === 'he' || pronoun === 'she' ? pronoun : undefined;
  const chain = gendered ? chains.get(gendered) : undefined;
  if (gendered && chain && chain.sentence >= foundIn && chain.entity !== found && fits(chain.entity, gendered) && !inSentence) found = chain.entity;
  if (found && gendered) {
    found.gender ??= gendered === 'he' ? 'm' : 'f';
    chains.set(gendered, { entity: found, sentence });
  }
  return found;
}

const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our']);
/** What a noun phrase before an apposition's comma may hold: "the president of Uzbekistan", "Belarus’s ruler". */
const PHRASE_PARTS = new Set(['NOUN', 'ADJ', 'PROPN', 'PART', 'ADP', 'PUNCT']);

/** "In a letter to the council, Senator X wrote": a phrase before the sentence's first verb, opened by a preposition. */
function opensWithPrepositionalPhrase(tokens: readonly Token[], determiner: number): boolean {
  return tokens[determiner - 1]?.pos === 'ADP' && !tokens.slice(0, determiner).some((token) => token.pos === 'VERB' || token.pos === 'AUX');
}

/** "democracy-focused": a participle joined by a hyphen is part of the noun phrase. */
function isCompoundPart(tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1];
  return tokens[i]?.pos === 'VERB' && previous?.text === '-' && previous.end === tokens[i].start;
}

const ROLE_WORD = (token: Token | undefined): boolean => {
  const word = token?.text.toLowerCase() ?? '';
  return PERSON_ROLE_NOUNS.has(word) || ORGANISATION_NOUNS.has(word);
};

/**
 * Roles from appositions: "Gerard Toal, a professor of…, said", "Kazakhstan’s president, Kassym-Jomart Tokayev",
 * "the president of Uzbekistan, Shavkat Mirziyoyev", "the Belarusian human rights group Viasna",
 * "President Vladimir V. Putin of Russia", "Anton Troianovski is the Moscow bureau chief".
 */
function learnRoles(sentence: Sentence, text: string, mentions: readonly Mention[], entities: readonly (DraftEntity | undefined)[], registry: EntityRegistry): void {
  const tokens = sentence.tokens;
  const slice = (from: number, to: number): string => text.slice(tokens[from]?.start ?? 0, tokens[to]?.end ?? 0);
  mentions.forEach((mention, i) => {
    const entity = entities[i];
    if (mention.kind !== 'name' || !entity || entity.country || entity.existing) return;
    // President X of Y
    if (mention.title) {
      const of = tokens[mention.last + 1]?.text === 'of' ? mentions.find((other) => other.first === mention.last + 2) : undefined;
      const country = of ? findCountry(of.text) : undefined;
      registry.setRole(entity, country ? `${mention.title} of ${country.name}` : mention.title, !country, sentence.index);
    }
    // X, a professor of government… — up to the next comma, before any relative clause.
    if (!mention.possessive && tokens[mention.last + 1]?.text === ',') {
      let start = mention.last + 2;
      const article = ['a', 'an', 'the'].includes(tokens[start]?.text.toLowerCase() ?? '');
      if (article) start++;
      let end = start;
      while (end < tokens.length && ![',', ';', '—', '–', '(', ')'].includes(tokens[end]?.text ?? '') && !['who', 'which', 'that', 'whose', 'where'].includes(tokens[end]?.text.toLowerCase() ?? '') && !tokens[end]?.quoted) end++;
      const phrase = tokens.slice(start, end);
      const described = article ? phrase.slice(0, 6).some(ROLE_WORD) : ROLE_WORD(phrase[0]) && /^\p{Ll}/u.test(phrase[0]?.text ?? '');
      if (described && phrase[0]?.pos !== 'VERB' && !phrase.some((token) => SPEECH_VERBS.has(token.text.toLowerCase()) && token.pos === 'VERB')) {
        registry.setRole(entity, slice(start, end - 1).replace(/\.$/, ''), false, sentence.index);
      }
    }
    // Kazakhstan’s president, X,  /  Belarus’s authoritarian ruler, X,  /  the president of Uzbekistan, X,
    if (tokens[mention.first - 1]?.text === ',') {
      let start = mention.first - 1;
      while (start > 0 && start > mention.first - 12 && PHRASE_PARTS.has(tokens[start - 1]?.pos ?? '') && tokens[start - 1]?.text !== ',' && !DETERMINERS.has(tokens[start - 1]?.text.toLowerCase() ?? '')) start--;
      const phrase = tokens.slice(start, mention.first - 1);
      const possessive = phrase.findIndex((token) => /^['’]s$/.test(token.text));
      const owner = possessive > 0 ? mentions.find((other) => other.last === start + possessive - 1) : undefined;
      const country = owner ? findCountry(owner.text) : undefined;
      if (phrase.some(ROLE_WORD) && country && possessive + 1 < phrase.length) {
        registry.setRole(entity, `${slice(start + possessive + 1, mention.first - 2)} of ${country.name}`, false, sentence.index);
      } else if (phrase.some(ROLE_WORD) && possessive < 0 && DETERMINERS.has(tokens[start - 1]?.text.toLowerCase() ?? '') && /^\p{Ll}/u.test(phrase[0]?.text ?? '') && !opensWithPrepositionalPhrase(tokens, start - 1)) {
        registry.setRole(entity, slice(start, mention.first - 2), false, sentence.index);
      }
    }
    // the Belarusian human rights group Viasna
    if (ROLE_WORD(tokens[mention.first - 1]) && !/^\p{Lu}/u.test(tokens[mention.first - 1]?.text ?? '')) {
      let start = mention.first - 1;
      while (start > 0 && (['NOUN', 'ADJ', 'PROPN', 'PUNCT'].includes(tokens[start - 1]?.pos ?? '') || isCompoundPart(tokens, start - 1)) && tokens[start - 1]?.text !== ',') start--;
      if (DETERMINERS.has(tokens[start - 1]?.text.toLowerCase() ?? '')) registry.setRole(entity, slice(start, mention.first - 1), false, sentence.index);
    }
    // X is the Moscow bureau chief for The Times.
    if (mention.first === 0 && ['is', 'was'].includes(tokens[mention.last + 1]?.text ?? '') && ['a', 'an', 'the'].includes(tokens[mention.last + 2]?.text ?? '')) {
      let end = mention.last + 3;
      while (end < tokens.length && ![',', '.', ';'].includes(tokens[end]?.text ?? '')) end++;
      if (tokens.slice(mention.last + 3, end).some(ROLE_WORD)) registry.setRole(entity, slice(mention.last + 3, end - 1), false, sentence.index);
    }
  });
}

/** Words between a name and its verb that do not break the link: "Mr. Tokayev also said", "he had told". */
const BETWEEN_SUBJECT_AND_VERB = new Set(['ADV', 'AUX', 'PART']);
/** Forms of speech verbs that are verbs whatever the tagger thinks ("activists say" can be tagged a noun). */
const ALWAYS_VERBS = new Set(['said', 'says', 'told', 'tells', 'added', 'adds', 'wrote', 'writes', 'asked']);

/**
 * A speech verb the tagger took for something else: "…, promising both to…" (an adjective, unlike "a promising
 * start"), "Critics call it…" (a noun, unlike "the call that…").
 */
function isMistaggedVerb(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const previous = tokens[i - 1];
  const next = tokens[i + 1];
  if (!token || !next) return false;
  if (token.pos === 'ADJ') return /(ing|ed)$/.test(token.text) && previous?.text === ',' && next.pos !== 'NOUN';
  return token.pos === 'NOUN' && !['DET', 'ADJ', 'ADP', 'NUM', 'PRON'].includes(previous?.pos ?? 'DET') && ['PRON', 'SCONJ', 'DET'].includes(next.pos);
}

interface Located {
  readonly read: ReadSentence;
  readonly token: number;
}

/** Attributes each quotation to its speaker, in the article's order. */
export function attributeQuotes(spans: readonly QuoteSpan[], paragraphs: readonly AnalysedParagraph[], read: readonly ReadSentence[]): Attribution[] {
  const byParagraph = groupBy(read, (entry) => entry.sentence.paragraph);
  const spansOf = groupBy(spans, (span) => span.paragraph);
  const attributions = spans.map((span) => attributeOne(span, spansOf.get(span.paragraph) ?? [], byParagraph.get(span.paragraph) ?? []));
  // A quotation standing alone takes the speaker of the quotation next to it in the paragraph, or of the
  // paragraph before when it opens its paragraph (news style for a speaker who goes on).
  return attributions.map((attribution, i) => {
    if (attribution.speaker || attribution.flag !== STANDALONE) return attribution;
    const span = spans[i];
    if (!span) return attribution;
    const same = (j: number): boolean => spans[j]?.paragraph === span.paragraph && attributions[j]?.speaker !== undefined && attributions[j].how !== 'continuation';
    let j = i - 1;
    while (j >= 0 && spans[j]?.paragraph === span.paragraph && !same(j)) j--;
    if (j < 0 || !same(j)) {
      j = i + 1;
      while (j < spans.length && spans[j]?.paragraph === span.paragraph && !same(j)) j++;
    }
    if (!same(j)) {
      j = i - 1;
      const previous = spans[j];
      const opensParagraph = (paragraphs[span.paragraph]?.text.slice(0, span.open).trim() ?? '') === '';
      if (!(previous && opensParagraph && previous.paragraph === span.paragraph - 1 && attributions[j]?.speaker)) return { flag: NO_ATTRIBUTION };
    }
    const source = attributions[j];
    return source?.speaker ? { speaker: source.speaker, how: 'continuation' as const, continues: j } : { flag: NO_ATTRIBUTION };
  });
}

const STANDALONE = 'standalone';
const NO_ATTRIBUTION = 'no attribution is given next to it';

/** Map.groupBy, which ES2023 lacks. */
function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Attributes one quotation, given the quotations and sentences of its paragraph. */
function attributeOne(span: QuoteSpan, spans: readonly QuoteSpan[], read: readonly ReadSentence[]): Attribution {
  const frame = read.filter(({ sentence }) => sentence.end > span.open && sentence.start <= span.close);
  const others = spans.filter((other) => other !== span);
  const reporter: Located[] = frame.flatMap((entry) => entry.sentence.tokens.map((token, i) => ({ read: entry, token: i })).filter(({ read: r, token }) => !r.sentence.tokens[token]?.quoted));
  const tokenOf = (located: Located): Token | undefined => located.read.sentence.tokens[located.token];
  const between = (from: number, to: number): number => reporter.filter((located) => {
    const token = tokenOf(located);
    return token !== undefined && token.start >= from && token.end <= to && !/^\p{P}+$/u.test(token.text);
  }).length;

  let best: { located: Located; distance: number; after: boolean } | undefined;
  for (const located of reporter) {
    const token = tokenOf(located);
    if (!token) continue;
    const word = token.text.toLowerCase();
    const isVerb = (SPEECH_VERBS.has(word) && (token.pos === 'VERB' || ALWAYS_VERBS.has(word) || isMistaggedVerb(located.read.sentence.tokens, located.token))) || (word === 'according' && located.read.sentence.tokens[located.token + 1]?.text === 'to');
    if (!isVerb) continue;
    const after = token.start >= span.close;
    const distance = after ? between(span.close, token.start) : between(token.end, span.open);
    // A verb with another quotation between it and this one belongs to that quotation first.
    const crossed = others.some((other) => (after ? other.open > span.close && other.close < token.start : other.open > token.end && other.close < span.open));
    const score = distance + (crossed ? 6 : 0);
    if (!best || score < best.distance || (score === best.distance && after)) best = { located, distance: score, after };
  }

  if (!best) {
    const standalone = reporter.every((located) => /^\p{P}+$/u.test(tokenOf(located)?.text ?? ''));
    if (standalone) return { flag: STANDALONE };
    return span.text.split(/\s+/).length <= 3 ? { scareQuote: true } : { flag: NO_ATTRIBUTION };
  }

  const { read: entry, token: v } = best.located;
  const verbToken = entry.sentence.tokens[v];
  const verb = verbToken?.text.toLowerCase() ?? '';
  const mentions = entry.mentions;
  const at = (index: number): number => mentions.findIndex((mention) => mention.first === index);
  let chosen = -1;
  if (verb === 'according') {
    chosen = mentions.findIndex((mention) => mention.first >= v + 2 && mention.first <= v + 3);
  } else {
    // "“…,” said Temur Umarov" — the verb right after the quotation, the speaker right after the verb.
    if (best.after && best.distance === 0) chosen = at(v + 1);
    // "Mr. Tokayev said", "he had told", "the official said"
    if (chosen < 0) {
      let k = v - 1;
      while (k >= 0 && BETWEEN_SUBJECT_AND_VERB.has(entry.sentence.tokens[k]?.pos ?? '')) k--;
      chosen = mentions.findIndex((mention) => mention.last === k && !mention.possessive && !mention.modifier);
    }
    // "Gerard Toal, a professor of…, said": the subject that opens the clause.
    if (chosen < 0) chosen = mentions.findIndex((mention) => eligible(mention) && mention.last < v);
  }
  const where = { verb, ...(verbToken ? { verbAt: verbToken.start } : {}) };
  const mention = mentions[chosen];
  if (!mention) return { flag: `no one is named as the subject of “${verb}”`, ...where };
  const speaker = entry.entities[chosen];
  if (!speaker) {
    return { flag: `“${mention.text}” could not be linked to anyone named before`, ...where };
  }
  if (kindOf(speaker) === 'country') return { flag: `the words are attributed to ${speaker.name}, a country: choose the person or organisation who said them`, ...where };
  const how: Resolution = verb === 'according' ? 'according to' : mention.kind === 'name' ? 'named' : mention.kind;
  return { speaker, how, ...where };
}
