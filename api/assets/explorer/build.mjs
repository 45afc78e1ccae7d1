// Builds the map explorer into dist/: one script (explorer.js: the page, Cytoscape.js and its
// dagre layout) and one stylesheet (explorer.css), minified, each with a brotli (.br) and a
// gzip (.gz) copy the server sends to clients that accept them. The server embeds dist/ at
// compile time (api/src/explorer.rs), so building the server needs no Node.
//
//   npm ci && node build.mjs
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const out = 'dist';
rmSync(out, { recursive: true, force: true });
mkdirSync(out);

await build({
  entryPoints: { explorer: 'entry.js' },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  legalComments: 'eof',
  target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
  logLevel: 'warning',
});

let compressed = 0;
for (const name of readdirSync(out).sort()) {
  const bytes = readFileSync(`${out}/${name}`);
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  writeFileSync(`${out}/${name}.br`, brotli);
  writeFileSync(`${out}/${name}.gz`, gzipSync(bytes, { level: 9 }));
  compressed += brotli.length;
}
for (const name of readdirSync(out).sort()) {
  console.log(`${name}\t${readFileSync(`${out}/${name}`).length}`);
}
console.log(`total, brotli\t${compressed}`);
