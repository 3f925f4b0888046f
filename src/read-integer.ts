// Whole numbers read out of pasted text. A paste can hold any run of digits ("Level: 9000…", "Error code 0x" and
// 300 hex digits); a field takes only the numbers its kind can be (src/schemas/integer-ranges.ts). Anything else is
// not that field's number: it is left out, its text staying in the message, rather than becoming Infinity or NaN
// (null in JSON) or an integer too large to hold exactly.
import { INTEGER_RANGES, type IntegerField } from './schemas/integer-ranges.js';

const DECIMAL = /^-?\d+$/;
const HEX = /^0x[0-9a-f]+$/i;

function inRange(value: number, field: IntegerField): number | undefined {
  const { minimum, maximum } = INTEGER_RANGES[field];
  return Number.isSafeInteger(value) && value >= minimum && value <= maximum ? value : undefined;
}

/** "10061", "-1" or " 1433 " as a number `field` can hold; undefined for anything else. */
export function readInteger(text: string | undefined, field: IntegerField): number | undefined {
  const trimmed = text?.trim();
  return trimmed !== undefined && DECIMAL.test(trimmed) ? inRange(Number(trimmed), field) : undefined;
}

/** A value from a parsed object or literal (a number, or its text) as a number `field` can hold. */
export function integerFrom(value: unknown, field: IntegerField): number | undefined {
  if (typeof value === 'number') return inRange(value, field);
  return typeof value === 'string' ? readInteger(value, field) : undefined;
}

/** An error code as clients print them, decimal ("10061", "-1") or hexadecimal ("0x274D"). */
export function readCode(text: string | undefined, field: IntegerField): number | undefined {
  const trimmed = text?.trim();
  return trimmed !== undefined && HEX.test(trimmed) ? inRange(parseInt(trimmed.slice(2), 16), field) : readInteger(trimmed, field);
}
