// What a value handed to the library is: an object of properties as JSON has them, or a kind to name in a message.

/**
 * An object holding properties, as JSON parses one: not an array, bytes, a Date or a Map (which would read as an
 * empty input). The tag, not the prototype, so objects from another realm (vm, iframe) count too.
 */
export const isObject = (value: unknown): value is Record<string, unknown> => Object.prototype.toString.call(value) === '[object Object]';

/** What a value is, for a message: "null", "an array", "a Uint8Array", "a number". */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  const name = typeof value === 'object' && !isObject(value) ? (value.constructor?.name ?? 'object') : typeof value;
  return /^[aeio]/i.test(name) ? `an ${name}` : `a ${name}`; // "a Uint8Array", "an object"
}
