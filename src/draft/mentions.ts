// Finds who a sentence mentions: names (with courtesy titles and offices), pronouns, anonymous sources, descriptions.
import type { Sentence, Token } from './language.ts';
import {
  HONORIFICS, NAME_SUFFIXES, NOT_NAMES, ORGANISATION_HEADS, ORGANISATION_NOUNS, PERSON_ROLE_NOUNS, SOURCE_DETERMINERS, SOURCE_NOUNS,
  SUBJECT_PRONOUNS, TITLE_WORDS,
} from './words.ts';

export type MentionKind = 'name' | 'pronoun' | 'anonymous' | 'description';

export interface Mention {
  readonly kind: MentionKind;
  readonly sentence: Sentence;
  /** Token positions in the sentence, inclusive, courtesy title and office included. */
  readonly first: number;
  readonly last: number;
  /** The name without courtesy title or office ("Kassym-Jomart Tokayev"); the words otherwise ("senior official", "he"). */
  readonly text: string;
  readonly honorific?: string;
  /** Office words written before the name: "President", "Prime Minister". */
  readonly title?: string;
  /** The noun of an anonymous source or description: "official", "company". */
  readonly head?: string;
  /** "Kazakhstan’s president": the name only modifies what follows. */
  readonly possessive: boolean;
  /** After a preposition ("with Mr. Trump", "at the Hudson Institute"): not the subject of the sentence. */
  readonly prepositional: boolean;
  /** Before a common noun ("the Trump administration", "Boeing airplanes"): a modifier, not a mention of its own. */
  readonly modifier: boolean;
}

const PARTICLES = new Set(['de', 'da', 'del', 'della', 'di', 'du', 'von', 'van', 'der', 'den', 'al', 'el', 'bin', 'ibn', 'la', 'le', 'ter']);
const CONNECTORS = new Set(['of', 'for', 'and', '&']);
/** Names that a connector may continue: "United States of America", "Bank of America", "Institute for Peace". */
const CONNECTABLE = new Set([...ORGANISATION_HEADS, 'States', 'Republic', 'Kingdom', 'Emirates', 'Route', 'Ministry', 'Department', 'Secretary', 'House']);
const SKIPPED_BEFORE_NAME = new Set(['DET', 'ADJ', 'NUM']);
const DESCRIPTION_NOUNS: ReadonlySet<string> = new Set([...PERSON_ROLE_NOUNS, ...ORGANISATION_NOUNS, ...SOURCE_NOUNS]);

const startsUpper = (text: string): boolean => /^\p{Lu}/u.test(text);
const lower = (token: Token | undefined): string => token?.text.toLowerCase() ?? '';

/** Finds every mention in a sentence, outside its quotations, in order. */
export function findMentions(sentence: Sentence, paragraph: string): Mention[] {
  const tokens = sentence.tokens;
  const mentions: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const mention = bareSourceAt(sentence, paragraph, i, mentions) ?? nameAt(sentence, paragraph, i, mentions) ?? sourceAt(sentence, paragraph, i, mentions) ?? pronounAt(sentence, i, mentions);
    if (mention) {
      mentions.push(mention);
      i = mention.last + 1;
    } else {
      i++;
    }
  }
  return mentions;
}

function isNamePart(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (!token || token.quoted || !startsUpper(token.text) || NOT_NAMES.has(token.text)) return false;
  if (/^\p{Lu}\.$/u.test(token.text) || NAME_SUFFIXES.has(token.text)) return true;
  // Capitalised common nouns mid-sentence are part of names too ("Freedom House"); at the start only proper nouns are.
  return token.pos === 'PROPN' || (i > 0 && ['NOUN', 'ADJ', 'X', 'NUM', 'VERB'].includes(token.pos));
}

function nameAt(sentence: Sentence, paragraph: string, i: number, earlier: readonly Mention[]): Mention | undefined {
  const tokens = sentence.tokens;
  let j = i;
  let honorific: string | undefined;
  const head = tokens[j];
  if (head && !head.quoted && HONORIFICS.has(head.text) && isNamePart(tokens, j + 1)) {
    honorific = head.text;
    j++;
  }
  const titleStart = j;
  while (!honorific && TITLE_WORDS.has(tokens[j]?.text ?? '') && !tokens[j]?.quoted && (isNamePart(tokens, j + 1) || TITLE_WORDS.has(tokens[j + 1]?.text ?? ''))) j++;
  // Office words with no name after them ("President said…") are not a name.
  if (j > titleStart && !isNamePart(tokens, j)) j = titleStart;
  const title = j > titleStart ? paragraph.slice(tokens[titleStart]?.start ?? 0, tokens[j - 1]?.end ?? 0) : undefined;
  const bodyStart = j;
  while (j < tokens.length) {
    const token = tokens[j];
    const next = tokens[j + 1];
    const previous = tokens[j - 1];
    if (isNamePart(tokens, j)) {
      j++;
    } else if (j > bodyStart && token && next && previous && /^[-‐]$/.test(token.text) && previous.end === token.start && token.end === next.start && isNamePart(tokens, j + 1)) {
      j += 2;
    } else if (j > bodyStart && token && CONNECTORS.has(token.text) && CONNECTABLE.has(previous?.text ?? '') && isNamePart(tokens, j + 1)) {
      j += 2;
    } else if (j > bodyStart && token && PARTICLES.has(token.text) && isNamePart(tokens, j + 1)) {
      j += 2;
    } else {
      break;
    }
  }
  if (j === bodyStart) return undefined;
  const last = j - 1;
  const firstToken = tokens[bodyStart];
  const lastToken = tokens[last];
  if (!firstToken || !lastToken) return undefined;
  const text = paragraph.slice(firstToken.start, lastToken.end);
  const after = tokens[last + 1];
  const possessive = /^['’]s?$/.test(after?.text ?? '') && (after?.text.length === 2 || lastToken.text.endsWith('s'));
  const following = possessive ? undefined : after;
  const modifier = !possessive && following !== undefined && following.pos === 'NOUN' && !startsUpper(following.text) && !honorific;
  return {
    kind: 'name', sentence, first: i, last, text, possessive, modifier,
    prepositional: isPrepositional(tokens, i, earlier),
    ...(honorific ? { honorific } : {}), ...(title ? { title } : {}),
  };
}

/** Plural sources with no determiner: "Officials said", "analysts familiar with the talks said". */
function bareSourceAt(sentence: Sentence, paragraph: string, i: number, earlier: readonly Mention[]): Mention | undefined {
  const tokens = sentence.tokens;
  const token = tokens[i];
  const word = lower(token);
  if (!token || token.quoted || !SOURCE_NOUNS.has(word) || !word.endsWith('s')) return undefined;
  const previous = tokens[i - 1];
  if (previous && ['DET', 'ADJ', 'NUM', 'PROPN', 'NOUN', 'PART'].includes(previous.pos)) return undefined;
  const last = sourceTail(tokens, i);
  return {
    kind: 'anonymous', sentence, first: i, last, head: word, text: paragraph.slice(token.start, tokens[last]?.end ?? token.end),
    possessive: false, modifier: false, prepositional: isPrepositional(tokens, i, earlier),
  };
}

/**
 * Where an anonymous source's phrase ends: "people familiar with the talks", "a spokeswoman for the club",
 * "an official at the embassy" name the source; the phrase stops before anything else.
 */
function sourceTail(tokens: readonly Token[], head: number): number {
  const tail = tokens.slice(head + 1, head + 3).map((t) => t.text.toLowerCase()).join(' ');
  const opener = /^(familiar with|close to|with knowledge)/.test(tail) ? 2 : /^(for|of|at|from|in) (the|a|an)$/.test(tail) ? 1 : 0;
  if (opener === 0) return head;
  let last = head + opener;
  while (last + 1 < tokens.length && ['DET', 'NOUN', 'ADJ', 'PROPN'].includes(tokens[last + 1]?.pos ?? '') && !tokens[last + 1]?.quoted) last++;
  return tokens[last]?.pos === 'DET' ? head : last;
}

/** An anonymous source ("a senior Central Asian official") or a description ("the official", "the company"). */
function sourceAt(sentence: Sentence, paragraph: string, i: number, earlier: readonly Mention[]): Mention | undefined {
  const tokens = sentence.tokens;
  const opener = lower(tokens[i]);
  const anonymous = SOURCE_DETERMINERS.has(opener);
  if (!anonymous && opener !== 'the') return undefined;
  if (tokens[i]?.quoted) return undefined;
  const nouns = anonymous ? SOURCE_NOUNS : DESCRIPTION_NOUNS;
  for (let k = i + 1; k <= i + 6 && k < tokens.length; k++) {
    const token = tokens[k];
    if (!token || token.quoted) return undefined;
    const word = token.text.toLowerCase();
    const nextIsNoun = tokens[k + 1]?.pos === 'NOUN' && !startsUpper(tokens[k + 1]?.text ?? '');
    // "the Belarusian human rights group Viasna": the words describe the name that follows.
    if (nouns.has(word) && isNamePart(tokens, k + 1)) return undefined;
    // A capitalised head ("the Kazakh Parliament") makes a name, found as such.
    if (nouns.has(word) && startsUpper(token.text)) return undefined;
    if (nouns.has(word) && (token.pos === 'NOUN' || token.pos === 'PROPN' || token.pos === 'ADJ') && !nextIsNoun) {
      let last = k;
      // "people familiar with the talks", "officials close to the president": the phrase names the source.
      if (anonymous) last = sourceTail(tokens, k);
      const start = tokens[i + 1]?.start ?? token.start;
      // A description right after "Name," is an apposition: it describes that name, it mentions no one new.
      const previous = earlier[earlier.length - 1];
      if (tokens[i - 1]?.text === ',' && previous?.kind === 'name' && previous.last === i - 2) return undefined;
      return {
        kind: anonymous ? 'anonymous' : 'description', sentence, first: i, last, head: word,
        text: paragraph.slice(start, tokens[last]?.end ?? token.end),
        possessive: /^['’]s$/.test(tokens[last + 1]?.text ?? ''), modifier: false,
        prepositional: isPrepositional(tokens, i, earlier),
      };
    }
    if (!['ADJ', 'PROPN', 'NOUN', 'ADV', 'NUM', 'PUNCT'].includes(token.pos) || token.text === ',') return undefined;
    if (token.pos === 'PUNCT' && !/^[-‐]$/.test(token.text)) return undefined;
  }
  return undefined;
}

function pronounAt(sentence: Sentence, i: number, earlier: readonly Mention[]): Mention | undefined {
  const token = sentence.tokens[i];
  if (!token || token.quoted || token.pos !== 'PRON') return undefined;
  const pronoun = SUBJECT_PRONOUNS.get(token.text.toLowerCase());
  if (!pronoun) return undefined;
  return {
    kind: 'pronoun', sentence, first: i, last: i, text: pronoun, possessive: false, modifier: false,
    prepositional: isPrepositional(sentence.tokens, i, earlier),
  };
}

/** True when a preposition governs the phrase starting at i ("at the Hudson Institute", "in New York and Australia"). */
function isPrepositional(tokens: readonly Token[], i: number, earlier: readonly Mention[]): boolean {
  let k = i - 1;
  while (k >= 0 && SKIPPED_BEFORE_NAME.has(tokens[k]?.pos ?? '')) k--;
  const token = tokens[k];
  if (!token) return false;
  if (token.pos === 'ADP' && !['that', 'because'].includes(token.text.toLowerCase())) return true;
  // "in New York and Australia": a name joined to a prepositional one shares its preposition.
  if (token.pos === 'CCONJ' || token.text === ',') {
    const joined = earlier.find((mention) => mention.last === k - 1);
    return joined?.prepositional ?? false;
  }
  return false;
}

