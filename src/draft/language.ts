// Sentences, tokens with their parts of speech, and numeric and date spans, from wink-nlp's English model.
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  readonly text: string;
  /** Offsets in the paragraph: text === paragraph.slice(start, end). */
  readonly start: number;
  readonly end: number;
  /** Universal part of speech: PROPN, NOUN, VERB, ADP, DET, PRON, PUNCT… */
  readonly pos: string;
  /** True for tokens inside a quotation, filled in once quotations are known. */
  quoted: boolean;
}

export interface Sentence {
  /** Position in the whole article, from 0. */
  readonly index: number;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  readonly tokens: readonly Token[];
}

/** A span wink-nlp recognised: an amount of money, a count, a date or a duration. */
export interface NumericSpan {
  readonly kind: string;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface AnalysedParagraph {
  readonly text: string;
  readonly sentences: readonly Sentence[];
  readonly spans: readonly NumericSpan[];
}

let nlp: WinkMethods | undefined;

/** The model loads on first use (about 0.2 s), not when the bot starts; benchmarks load it first to time it apart. */
export function language(): WinkMethods {
  nlp ??= winkNLP(model);
  return nlp;
}

/** Splits paragraphs into sentences and tokens with character offsets that index the paragraph's own text. */
export function analyseParagraphs(paragraphs: readonly string[]): AnalysedParagraph[] {
  const wink = language();
  // wink's `its` helpers are plain functions that wink's typings declare as methods.
  /* eslint-disable @typescript-eslint/unbound-method */
  const { value, precedingSpaces, pos: partOfSpeech, span: spanOf, type } = wink.its;
  /* eslint-enable @typescript-eslint/unbound-method */
  let sentenceIndex = 0;
  return paragraphs.map((text, paragraph) => {
    const doc = wink.readDoc(text);
    const values: readonly string[] = doc.tokens().out(value);
    const spaces: readonly string[] = doc.tokens().out(precedingSpaces);
    const pos: readonly string[] = doc.tokens().out(partOfSpeech);
    const offsets: { start: number; end: number }[] = [];
    let cursor = 0;
    values.forEach((token, i) => {
      let start = cursor + (spaces[i] ?? '').length;
      // wink keeps the text as written, so this holds; the search is a guard against a tokenizer surprise.
      if (text.slice(start, start + token.length) !== token) {
        const found = text.indexOf(token, cursor);
        start = found >= 0 ? found : cursor;
      }
      offsets.push({ start, end: start + token.length });
      cursor = start + token.length;
    });
    const tokens: Token[] = values.map((token, i) => ({ text: token, start: offsets[i]?.start ?? 0, end: offsets[i]?.end ?? 0, pos: pos[i] ?? 'X', quoted: false }));
    const sentences: Sentence[] = [];
    for (const [first = 0, last = -1] of spans(doc.sentences().out(spanOf))) {
      const own = tokens.slice(first, last + 1).filter((token) => token.text.trim() !== '');
      const head = own[0];
      const tail = own[own.length - 1];
      if (!head || !tail) continue;
      sentences.push({ index: sentenceIndex++, paragraph, start: head.start, end: tail.end, tokens: own });
    }
    const kinds: readonly string[] = doc.entities().out(type);
    const numeric: NumericSpan[] = [];
    spans(doc.entities().out(spanOf)).forEach(([first = 0, last = 0], i) => {
      const start = tokens[first]?.start ?? 0;
      const end = tokens[last]?.end ?? start;
      numeric.push({ kind: kinds[i] ?? '', paragraph, start, end, text: text.slice(start, end) });
    });
    return { text, sentences, spans: numeric };
  });
}

/** wink returns token spans as [first, last] pairs; its typings allow strings too. */
function spans(out: readonly (number[] | string)[]): number[][] {
  return out.filter((item): item is number[] => Array.isArray(item));
}
