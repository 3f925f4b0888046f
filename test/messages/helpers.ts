// Building blocks for catalogue tests.
import type { InputEntry } from '../../scripts/messages/catalogue-build.js';

/** A catalogue input entry: an English fixed text of the driver layer unless told otherwise. */
export const inputEntry = (id: string, template: string, fields: Partial<InputEntry> = {}): InputEntry => ({
  id,
  locale: 'en',
  template,
  syntax: 'none',
  layer: 'driver',
  origin: 'test',
  ...fields,
});

/** The newest text of a message id in a locale among catalogue inputs (the last harvested wording), if there is one. */
export function newestTemplate(inputs: readonly InputEntry[], id: string, locale: string): string | undefined {
  const found = inputs.filter((i) => i.id === id && i.locale === locale);
  return found[found.length - 1]?.template;
}
