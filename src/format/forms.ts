// The forms moderators fill in Discord to add or edit one entry: built prefilled from the entry, read back into its
// fields. Every Discord modal limit is applied here (title and labels 45, inputs 4,000, five components).
import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { EditableKind } from '../admin/entries.ts';
import type { Deal, DealStatus, Entity, Fact, Money, Quantity, Quote } from '../data/schema.ts';
import { TEXT_LIMITS } from '../data/schema.ts';
import type { ModalFields } from '../interaction/types.ts';
import { en } from '../locale/en.ts';
import type { Catalogue } from '../locale/locale.ts';
import { formatMoney, formatQuantity, truncate } from './text.ts';

/** Discord's modal limits. */
export const MODAL_LIMITS = Object.freeze({ title: 45, label: 45, description: 100, components: 5, inputValue: 4000, placeholder: 100, customId: 100 });

const STATUSES: readonly DealStatus[] = ['committed', 'promised', 'announced', 'agreed', 'approved', 'completed', 'reported', 'unclear'];
const CAVEAT = '⚠';

/** The fields of one kind's form, as read back: only what the form edits (ids and references stay as they are). */
export type FormFields =
  | { readonly kind: 'quote'; readonly fields: Pick<Quote, 'text' | 'context' | 'form' | 'topics'> & { readonly date: string | undefined } }
  | { readonly kind: 'deal'; readonly fields: Pick<Deal, 'title' | 'status' | 'notes' | 'caveats'> & { readonly value: Money | undefined; readonly quantity: Quantity | undefined } }
  | { readonly kind: 'fact'; readonly fields: Pick<Fact, 'text' | 'topics'> & { readonly date: string | undefined } }
  | { readonly kind: 'entity'; readonly fields: Pick<Entity, 'name' | 'aliases'> & { readonly role: string | undefined } };

type Input = { readonly type: ComponentType.Label; readonly label: string; readonly description?: string; readonly component: object };

function textInput(id: string, label: string, options: { value?: string | undefined; paragraph?: boolean; required?: boolean; max: number; hint?: string }): Input {
  const value = options.value === undefined || options.value === '' ? undefined : options.value.slice(0, Math.min(options.max, MODAL_LIMITS.inputValue));
  return {
    type: ComponentType.Label,
    label: truncate(label, MODAL_LIMITS.label),
    ...(options.hint ? { description: truncate(options.hint, MODAL_LIMITS.description) } : {}),
    component: {
      type: ComponentType.TextInput,
      custom_id: id,
      style: options.paragraph ? TextInputStyle.Paragraph : TextInputStyle.Short,
      required: options.required ?? false,
      max_length: Math.min(options.max, MODAL_LIMITS.inputValue),
      ...(value === undefined ? {} : { value }),
    },
  };
}

function select(id: string, label: string, choices: readonly { value: string; label: string }[], chosen: string | undefined): Input {
  return {
    type: ComponentType.Label,
    label: truncate(label, MODAL_LIMITS.label),
    component: {
      type: ComponentType.StringSelect,
      custom_id: id,
      required: true,
      min_values: 1,
      max_values: 1,
      options: choices.map((choice) => ({ value: choice.value, label: truncate(choice.label, 100), default: choice.value === chosen })),
    },
  };
}

/** The form for one kind, prefilled with `entry` when editing; `customId` names the session it belongs to. */
export function entryForm(
  kind: EditableKind,
  entry: Partial<Quote & Deal & Fact & Entity> | undefined,
  words: Catalogue,
  heading: { readonly action: 'edit' | 'add'; readonly id: string; readonly customId: string },
): APIModalInteractionResponseCallbackData {
  const { forms } = words;
  const components = inputsFor(kind, entry ?? {}, words);
  return {
    custom_id: heading.customId,
    title: truncate(forms.title(heading.action, forms.kinds[kind], heading.id), MODAL_LIMITS.title),
    components: components.slice(0, MODAL_LIMITS.components) as APIModalInteractionResponseCallbackData['components'],
  };
}

// Sums and quantities are prefilled in English whatever the reader's language: parseMoney reads them back unchanged.
function inputsFor(kind: EditableKind, entry: Partial<Quote & Deal & Fact & Entity>, words: Catalogue): Input[] {
  const { forms } = words;
  switch (kind) {
    case 'quote':
      return [
        textInput('text', forms.quoteText, { value: entry.text, paragraph: true, required: true, max: TEXT_LIMITS.quote, hint: forms.quoteTextHint }),
        textInput('context', forms.context, { value: entry.context, paragraph: true, required: true, max: TEXT_LIMITS.paragraph }),
        textInput('date', forms.date, { value: entry.date, max: 10, hint: forms.dateHint }),
        textInput('topics', forms.topics, { value: entry.topics?.join(', '), max: 1000 }),
        select('form', forms.quoteForm, [{ value: 'statement', label: forms.statement }, { value: 'fragment', label: forms.fragment }], entry.form ?? 'statement'),
      ];
    case 'deal':
      return [
        textInput('title', forms.dealTitle, { value: entry.title, required: true, max: TEXT_LIMITS.short }),
        textInput('value', forms.value, { value: entry.value && formatMoney(entry.value, en.format), max: TEXT_LIMITS.short, hint: forms.valueHint }),
        textInput('quantity', forms.quantity, { value: entry.quantity && formatQuantity(entry.quantity, en.format), max: TEXT_LIMITS.short, hint: forms.quantityHint }),
        select('status', forms.status, STATUSES.map((status) => ({ value: status, label: words.status[status] })), entry.status ?? 'reported'),
        textInput('notes', forms.notes, {
          value: [...(entry.notes ?? []), ...(entry.caveats ?? []).map((caveat) => `${CAVEAT} ${caveat}`)].join('\n'),
          paragraph: true,
          max: MODAL_LIMITS.inputValue,
          hint: forms.notesHint,
        }),
      ];
    case 'fact':
      return [
        textInput('text', forms.factText, { value: entry.text, paragraph: true, required: true, max: TEXT_LIMITS.paragraph }),
        textInput('date', forms.date, { value: entry.date, max: 10, hint: forms.dateHint }),
        textInput('topics', forms.topics, { value: entry.topics?.join(', '), max: 1000 }),
      ];
    case 'entity':
      return [
        textInput('name', forms.name, { value: entry.name, required: true, max: TEXT_LIMITS.name }),
        textInput('aliases', forms.aliases, { value: entry.aliases?.join('\n'), paragraph: true, max: MODAL_LIMITS.inputValue }),
        textInput('role', forms.role, { value: entry.role, max: TEXT_LIMITS.short }),
      ];
  }
}

/** Reads a submitted form back into the fields it edits; problems (a required field empty, a quantity unread) say which. */
export function readEntryForm(kind: EditableKind, submitted: ModalFields, words: Catalogue): { ok: true; value: FormFields } | { ok: false; problems: string[] } {
  const { forms } = words;
  const problems: string[] = [];
  const text = (id: string): string => (submitted.text(id) ?? '').trim();
  const required = (id: string, label: string): string => {
    const value = text(id);
    if (!value) problems.push(forms.required(label));
    return value;
  };
  const optional = (id: string): string | undefined => text(id) || undefined;
  const list = (id: string, separator: RegExp): string[] => text(id).split(separator).map((item) => item.trim()).filter(Boolean);
  const chosen = <T extends string>(id: string, label: string, allowed: readonly T[], fallback: T): T => {
    const value = submitted.values(id)[0] ?? text(id);
    const match = allowed.find((candidate) => candidate === value);
    if (value && !match) problems.push(forms.unknownChoice(label, value));
    return match ?? fallback;
  };
  let value: FormFields;
  switch (kind) {
    case 'quote':
      value = {
        kind,
        fields: {
          text: required('text', forms.quoteText),
          context: required('context', forms.context),
          date: optional('date'),
          topics: list('topics', /,/),
          form: chosen('form', forms.quoteForm, ['statement', 'fragment'] as const, 'statement'),
        },
      };
      break;
    case 'deal': {
      const lines = list('notes', /\r?\n/);
      const quantity = optional('quantity');
      const parsedQuantity = quantity === undefined ? undefined : parseQuantity(quantity);
      if (quantity !== undefined && !parsedQuantity) problems.push(forms.unreadableQuantity(quantity));
      const money = optional('value');
      value = {
        kind,
        fields: {
          title: required('title', forms.dealTitle),
          value: money === undefined ? undefined : parseMoney(money),
          quantity: parsedQuantity,
          status: chosen('status', forms.status, STATUSES, 'reported'),
          notes: lines.filter((line) => !line.startsWith(CAVEAT)),
          caveats: lines.filter((line) => line.startsWith(CAVEAT)).map((line) => line.slice(CAVEAT.length).trim()).filter(Boolean),
        },
      };
      break;
    }
    case 'fact':
      value = { kind, fields: { text: required('text', forms.factText), date: optional('date'), topics: list('topics', /,/) } };
      break;
    case 'entity':
      value = { kind, fields: { name: required('name', forms.name), aliases: list('aliases', /\r?\n/), role: optional('role') } };
      break;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** What a moderator submitted, as lines to show back when it cannot be applied, so that nothing typed is lost. */
export function submittedText(submitted: ModalFields): string {
  return submitted
    .ids()
    .map((id) => `${id}: ${submitted.values(id).join(', ')}`)
    .join('\n');
}

const SYMBOLS: Readonly<Record<string, string>> = Object.freeze({ $: 'USD', '€': 'EUR', '£': 'GBP' });
const SCALES: Readonly<Record<string, number>> = Object.freeze({ trillion: 1e12, billion: 1e9, bn: 1e9, b: 1e9, million: 1e6, mn: 1e6, m: 1e6, thousand: 1e3, k: 1e3 });

/** "$8 billion", "up to $2 billion", "300 million EUR" as figures; anything else is kept as the article's own words. */
export function parseMoney(input: string): Money {
  const match = /^(?:(?<qualifier>[\p{L} ]+?)\s+)?(?:(?<symbol>[$€£])\s?(?<num>\d[\d,]*(?:\.\d+)?)\s*(?<scale>[a-z]+)?|(?<num2>\d[\d,]*(?:\.\d+)?)\s*(?<scale2>[a-z]+)?\s+(?<code>[A-Z]{3}))$/u.exec(input.trim());
  const groups = match?.groups;
  if (!groups) return { text: input.trim() };
  const number = Number((groups.num ?? groups.num2 ?? '').replaceAll(',', ''));
  const scaleWord = (groups.scale ?? groups.scale2)?.toLowerCase();
  const scale = scaleWord === undefined ? 1 : SCALES[scaleWord];
  const currency = groups.symbol ? SYMBOLS[groups.symbol] : groups.code;
  if (!Number.isFinite(number) || number <= 0 || scale === undefined || currency === undefined) return { text: input.trim() };
  const qualifier = groups.qualifier?.trim();
  return { amount: Math.round(number * scale * 100) / 100, currency, ...(qualifier ? { qualifier } : {}) };
}

/** "as many as 22 Boeing Dreamliner jets" or "dozens of Boeing airplanes"; undefined when neither shape fits. */
export function parseQuantity(input: string): Quantity | undefined {
  const counted = /^(?:(?<qualifier>.*?)\s+)?(?<count>\d[\d,]*)\s+(?<unit>.+)$/u.exec(input.trim())?.groups;
  if (counted?.count && counted.unit) {
    const count = Number(counted.count.replaceAll(',', ''));
    if (Number.isInteger(count) && count > 0) return { count, unit: counted.unit, ...(counted.qualifier ? { qualifier: counted.qualifier } : {}) };
  }
  const worded = /^(?<text>.+?)\s+of\s+(?<unit>.+)$/u.exec(input.trim())?.groups;
  if (worded?.text && worded.unit) return { text: worded.text, unit: worded.unit };
  return undefined;
}
