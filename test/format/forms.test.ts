// The entry forms: every entry of the data fits Discord's modal limits, and what a form shows reads back unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { EDITABLE_KINDS, locateEntry } from '../../src/admin/entries.ts';
import { entryForm, MODAL_LIMITS, parseMoney, parseQuantity, readEntryForm } from '../../src/format/forms.ts';
import { formatMoney, formatQuantity } from '../../src/format/text.ts';
import type { ModalFields } from '../../src/interaction/types.ts';
import { en } from '../../src/locale/en.ts';
import { LOCALES } from '../../src/locale/locale.ts';
import { catalogue } from '../../src/messages.ts';
import { createTestApp } from '../support/core.ts';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});

type Input = { type: number; custom_id: string; value?: string; max_length?: number; options?: { value: string; default?: boolean }[] };

/** What Discord would send back if the moderator submitted the form untouched. */
function untouched(modal: ReturnType<typeof entryForm>): ModalFields {
  const values = new Map<string, string[]>();
  for (const label of modal.components as unknown as { label: string; component: Input }[]) {
    const input = label.component;
    values.set(input.custom_id, input.type === 4 ? [input.value ?? ''] : (input.options ?? []).filter((option) => option.default).map((option) => option.value));
  }
  return { text: (id) => values.get(id)?.[0], values: (id) => values.get(id) ?? [], ids: () => [...values.keys()] };
}

describe('entry forms', () => {
  it.each(LOCALES.map((locale) => [locale]))('given every entry of the data in %s, then its form is within Discord’s modal limits', (locale) => {
    const { dataset } = app.live.current;
    for (const entry of [...dataset.quotes, ...dataset.deals, ...dataset.facts, ...dataset.entities]) {
      const located = locateEntry(dataset, entry.id);
      if (!located) throw new Error(`cannot locate ${entry.id}`);
      const modal = entryForm(located.kind, located.entry, catalogue(locale), { action: 'edit', id: entry.id, customId: 'data:form:0123456789abcdef' });
      expect(modal.title.length).toBeGreaterThan(0);
      expect(modal.title.length).toBeLessThanOrEqual(MODAL_LIMITS.title);
      expect(modal.components.length).toBeLessThanOrEqual(MODAL_LIMITS.components);
      for (const label of modal.components as unknown as { label: string; description?: string; component: Input }[]) {
        expect(label.label.length).toBeLessThanOrEqual(MODAL_LIMITS.label);
        expect((label.description ?? '').length).toBeLessThanOrEqual(MODAL_LIMITS.description);
        expect((label.component.value ?? '').length).toBeLessThanOrEqual(label.component.max_length ?? MODAL_LIMITS.inputValue);
      }
    }
  });

  it('given any entry submitted untouched, then reading the form back changes none of its fields', () => {
    const { dataset } = app.live.current;
    for (const kind of EDITABLE_KINDS) {
      const entries = { quote: dataset.quotes, deal: dataset.deals, fact: dataset.facts, entity: dataset.entities }[kind];
      for (const entry of entries) {
        const located = locateEntry(dataset, entry.id);
        if (!located) throw new Error(`cannot locate ${entry.id}`);
        const read = readEntryForm(kind, untouched(entryForm(kind, located.entry, en, { action: 'edit', id: entry.id, customId: 'x' })), en);
        if (!read.ok) throw new Error(`${entry.id}: ${read.problems.join('; ')}`);
        for (const [field, value] of Object.entries(read.value.fields)) expect(value, `${entry.id}.${field}`).toEqual((located.entry as Record<string, unknown>)[field]);
      }
    }
  });
});

describe('reading sums and quantities', () => {
  it.each([
    ['$8 billion', { amount: 8e9, currency: 'USD' }],
    ['up to $2 billion', { amount: 2e9, currency: 'USD', qualifier: 'up to' }],
    ['$4.5bn', { amount: 4.5e9, currency: 'USD' }],
    ['300 million EUR', { amount: 3e8, currency: 'EUR' }],
    ['$1,242', { amount: 1242, currency: 'USD' }],
    ['billions of dollars', { text: 'billions of dollars' }],
  ])('given “%s”, then it is read as %o', (input, money) => {
    expect(parseMoney(input)).toEqual(money);
    expect(parseMoney(formatMoney(parseMoney(input), en.format))).toEqual(parseMoney(input));
  });

  it.each([
    ['300 locomotives', { count: 300, unit: 'locomotives' }],
    ['as many as 22 Boeing Dreamliner jets', { count: 22, unit: 'Boeing Dreamliner jets', qualifier: 'as many as' }],
    ['dozens of Boeing airplanes', { text: 'dozens', unit: 'Boeing airplanes' }],
    ['lots', undefined],
  ])('given “%s”, then it is read as %o', (input, quantity) => {
    expect(parseQuantity(input)).toEqual(quantity);
    if (quantity) expect(parseQuantity(formatQuantity(quantity, en.format))).toEqual(quantity);
  });
});
