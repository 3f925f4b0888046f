// A character class's answer for one UTF-16 code, looked up once: a Unicode property test per character was most of
// the time spent scanning a non-English 256 KiB paste, code by code (src/messages/tokens.ts, src/redact/shapes/settings.ts).

/** `pattern.test` of the one character a UTF-16 code is, remembered per code (1 yes, 2 no, 0 not asked yet). */
export function codeTest(pattern: RegExp): (code: number) => boolean {
  const answers = new Uint8Array(0x10000);
  return (code) => {
    let known = answers[code] as number;
    if (known === 0) answers[code] = known = pattern.test(String.fromCharCode(code)) ? 1 : 2;
    return known === 1;
  };
}
