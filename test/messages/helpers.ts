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
