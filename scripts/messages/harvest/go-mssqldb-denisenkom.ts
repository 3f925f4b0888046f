// Harvests denisenkom/go-mssqldb, the repository go-mssqldb grew in before it moved to microsoft/go-mssqldb (last
// tag v0.12.3, 2022), with go-mssqldb.ts's extractor and allow-list: the wordings of the older releases still in use.
// CLI: npx tsx scripts/messages/harvest/go-mssqldb-denisenkom.ts --git-dir <snapshot> [--out messages/sources/go-mssqldb-denisenkom.json] [--sites]
import { goMssqldbSource } from './go-mssqldb.js';
import { runLiteralHarvest } from './literal-sites.js';

export const GO_MSSQLDB_DENISENKOM = goMssqldbSource(
  'go-mssqldb-denisenkom',
  'go-mssqldb, denisenkom repository (before the move to microsoft/go-mssqldb)',
  'https://github.com/denisenkom/go-mssqldb',
);

if (import.meta.url === `file://${process.argv[1]}`) runLiteralHarvest(GO_MSSQLDB_DENISENKOM);
