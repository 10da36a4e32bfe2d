// How Discord sizes a command definition: names, descriptions and choices summed, each at its longest localization.
import type { CommandDefinition } from '../../src/interaction/types.ts';

type Localized = { readonly name?: unknown; readonly description?: unknown; readonly name_localizations?: unknown; readonly description_localizations?: unknown };

function longest(text: unknown, localizations: unknown): number {
  const values = [text, ...Object.values((localizations ?? {}) as Record<string, unknown>)];
  return Math.max(0, ...values.map((value) => (typeof value === 'string' ? value.length : 0)));
}

function sizeOf(item: Localized & { readonly options?: unknown; readonly choices?: unknown; readonly value?: unknown }): number {
  let size = longest(item.name, item.name_localizations) + longest(item.description, item.description_localizations);
  if (typeof item.value === 'string' || typeof item.value === 'number') size += String(item.value).length;
  for (const child of [...((item.options ?? []) as Localized[]), ...((item.choices ?? []) as Localized[])]) size += sizeOf(child);
  return size;
}

/** The characters a definition counts toward Discord's 8,000 per command. */
export function commandCharacters(data: CommandDefinition): number {
  return sizeOf(data);
}
