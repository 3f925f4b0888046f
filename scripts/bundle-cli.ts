// Part of `npm run build`: bundles the command line into one file, dist/cli.mjs (package.json `bin`).
// Node spends most of a short run loading modules: the unbundled CLI (dist/src/cli/main.js, ~400 files with
// its dependencies) takes ~0.6 s to probe a refused port, the bundle ~0.35 s (bench/probe.bench.ts). The
// library (dist/src/index.js) stays unbundled, so that its users' bundlers see its modules.
import { chmodSync, readFileSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';

/**
 * `serve` imports the server when it runs. Bundled, Fastify and its dependencies would double the file every
 * other command parses at start-up (measured: probe 0.30 s → 0.64 s), so the bundle imports the library's own
 * compiled server module (dist/src/server/app.js, shipped beside it) instead.
 */
const serverOutside: Plugin = {
  name: 'server-outside-the-bundle',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/server\/app\.js$/ }, () => ({ path: './src/server/app.js', external: true }));
  },
};

/**
 * A dependency's compiled files may name a source map of their own whose sources (its TypeScript) its package does not
 * ship (@tediousjs/connection-string, @eslint-community/regexpp's .mjs): esbuild follows it and writes those sources into dist/cli.mjs.map without their
 * text, pointing nowhere. Without the comment, the bundle's map points at the dependency's JavaScript, which it carries.
 */
const SOURCE_MAP_COMMENT = /^\/\/# sourceMappingURL=\S+\s*$/gm;
const dependencyMapsDropped: Plugin = {
  name: 'dependency-source-maps-dropped',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8').replace(SOURCE_MAP_COMMENT, ''),
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [new URL('../src/cli/main.ts', import.meta.url).pathname],
  outfile: new URL('../dist/cli.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // tedious is an optional peer dependency, imported only by the login probe; recheck, yaml and ajv's
  // rule-file compiler load on demand through require() (src/lazy.ts) and so stay outside on their own.
  external: ['tedious'],
  // Bundled CommonJS packages (ajv, json-rules-engine, commander) call require() for Node's built-ins,
  // which an ES module does not have.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  plugins: [serverOutside, dependencyMapsDropped],
  logLevel: 'warning',
});

/**
 * Both files are made commands. dist/cli.mjs is the `bin`. dist/src/cli/main.js was the `bin` before the bundle,
 * and npx keeps a bin link per project directory that it never refreshes (npm/cli#9766: the cache key is the
 * directory's path alone), so in a checkout where `npx mssql-doctor` ran before, npx still runs the old path.
 * tsc writes it without the executable bit, and that failed as `sh: 1: mssql-doctor: Permission denied`.
 */
for (const command of ['../dist/cli.mjs', '../dist/src/cli/main.js']) chmodSync(new URL(command, import.meta.url), 0o755);
// On stderr: `npm pack --json` runs the build (prepare), and its stdout must be the JSON alone.
console.error('wrote dist/cli.mjs');
