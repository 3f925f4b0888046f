// Prisma's SQL Server connector (quaint over tiberius): "Error: P1001: Can't reach database server at `db01`:`1433`",
// "P1000: Authentication failed …", "P1011: Error opening a TLS connection: …", "Error in connector: …".
import type { ErrorRecord } from '../schemas/diagnosis.js';
import { readInteger } from '../read-integer.js';
import { compact, matchAll, withSocketOutcome, type ProviderNormalizer } from './provider.js';

const SIGNATURE =
  /(?:Error: |code: '|"error_code": ")P1\d{3}\b|Error in connector: |Error in Schema engine|Schema engine error|PrismaClient\w{0,30}Error|user-facing-errors|quaint\.rs/;

/** "Error: P1001: message" and "Error: P1011\n\nmessage" (the CLI's two layouts). */
const CODED = /Error: (P1\d{3})\b:? ?(.{0,600}?)(?= Please make sure| at [\w.<]|Error: P1\d{3}\b| \{ code:|$)/g;
const CONNECTOR = /Error in connector: (.{1,600}?)(?= at [\w.<]|Error in connector:|$)/g;
/** The engine's own repetition: "Error querying the database: Error querying the database: …". */
const REPEATED_PREFIX = /^(?:Error querying the database: )+/;
/** tiberius's server error passed through: "Login failed for user 'sa'." */
const LOGIN_FAILED = /Login failed for user '[^'\n]{0,128}'\./g;

/** "at `db01`:`1433`" (also quoted with ' or left bare). */
const REACH_TARGET = /database server at [`'"]?([^`'":\s]{1,255})[`'"]?:[`'"]?(\d{1,5})(?!\d)/;
const AT_HOST = /database at [`'"]([^`'"\s]{1,255})[`'"]/;
/** Rust's io::Error display; negative values are Windows SSPI/HRESULT codes, not OS errors. */
const OS_ERROR = /\(os error (-?\d{1,11})\)/;

function details(message: string): Pick<ErrorRecord, 'server' | 'port' | 'osError'> {
  const reach = REACH_TARGET.exec(message);
  const os = OS_ERROR.exec(message);
  const code = readInteger(os?.[1], 'osError');
  return {
    server: reach?.[1] ?? AT_HOST.exec(message)?.[1],
    port: readInteger(reach?.[2], 'port'),
    osError: code !== undefined && code >= 0 ? code : undefined,
  };
}

export const prisma: ProviderNormalizer = {
  provider: 'prisma',
  detect: (paste) => SIGNATURE.test(paste.flat),
  parse(paste) {
    const records: ErrorRecord[] = [];
    const push = (message: string, index: number) =>
      records.push(withSocketOutcome(compact<ErrorRecord>({ provider: 'prisma', ...details(message), message, line: paste.lineAt(index) })));

    for (const m of matchAll(paste, CODED)) push(`${m[1]}: ${(m[2] as string).trim()}`.replace(/: $/, ''), m.index);
    for (const m of matchAll(paste, CONNECTOR)) push((m[1] as string).trim().replace(REPEATED_PREFIX, ''), m.index);
    for (const m of matchAll(paste, LOGIN_FAILED)) {
      if (!records.some((r) => r.message.includes(m[0]))) push(m[0], m.index);
    }
    return records;
  },
};
