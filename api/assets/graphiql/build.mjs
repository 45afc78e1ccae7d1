// Builds GraphiQL into dist/: one script (graphiql.js), one stylesheet (graphiql.css, fonts and
// images inlined as data: URLs) and the editor's three workers, minified, each with a brotli
// (.br) and a gzip (.gz) copy the server sends to clients that accept them. The server embeds
// dist/ at compile time (api/src/graphiql.rs), so building the server needs no Node.
//
//   npm ci && npm run build
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const out = 'dist';
rmSync(out, { recursive: true, force: true });
mkdirSync(out);

const common = {
  bundle: true,
  minify: true,
  legalComments: 'eof',
  target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

// The page's script and stylesheet.
await build({
  ...common,
  entryPoints: { graphiql: 'entry.jsx' },
  outdir: out,
  format: 'iife',
  jsx: 'automatic',
  loader: {
    '.ttf': 'dataurl',
    '.woff': 'dataurl',
    '.woff2': 'dataurl',
    '.svg': 'dataurl',
    '.png': 'dataurl',
  },
});

// The editor's workers: the editor's own, JSON (variables and headers) and GraphQL (the
// operation editor's validation and completion against the schema).
await build({
  ...common,
  entryPoints: {
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir: out,
  format: 'iife',
});

for (const name of readdirSync(out).sort()) {
  const bytes = readFileSync(`${out}/${name}`);
  writeFileSync(
    `${out}/${name}.br`,
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  );
  writeFileSync(`${out}/${name}.gz`, gzipSync(bytes, { level: 9 }));
}
for (const name of readdirSync(out).sort()) {
  console.log(`${name}\t${readFileSync(`${out}/${name}`).length}`);
}
