// GraphiQL for coordmap: everything it needs ships in the server's binary, nothing is fetched
// from another host. The page (served by api/src/graphiql.rs) passes its settings as data
// attributes of the #graphiql element: the endpoint, the query to preload, the headers template
// and the URLs of the editor's workers.
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { DOC_EXPLORER_PLUGIN } from '@graphiql/plugin-doc-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
// The editor's own styles come with its modules; then GraphiQL's, and its fonts (inlined).
import '@graphiql/react/style.css';
import '@graphiql/react/font/roboto.css';
import '@graphiql/react/font/fira-code.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import './page.css';

const root = document.getElementById('graphiql');
const settings = root.dataset;

// The editor's language services run in workers served next to this script.
globalThis.MonacoEnvironment = {
  getWorker(_id, label) {
    if (label === 'json') return new Worker(settings.jsonWorker);
    if (label === 'graphql') return new Worker(settings.graphqlWorker);
    return new Worker(settings.editorWorker);
  },
};

// A header the user has not filled in is never sent: an empty value, one still holding a
// `<placeholder>`, or a bare scheme such as `Bearer`. The API answers a bad credential with 401,
// so sending the template as it is would refuse even the queries anonymous callers may run.
function filledIn(value) {
  const text = String(value ?? '').trim();
  return text !== '' && !/<[^>]*>/.test(text) && !/^(bearer|basic)$/i.test(text);
}

function usableHeaders(headers) {
  return Object.fromEntries(
    Object.entries(headers ?? {}).filter(([, value]) => filledIn(value)),
  );
}

const send = createGraphiQLFetcher({ url: settings.endpoint });
const fetcher = (params, options) =>
  send(params, { ...options, headers: usableHeaders(options?.headers) });

createRoot(root).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={settings.query}
    defaultHeaders={settings.headers}
    defaultEditorToolsVisibility="headers"
    isHeadersEditorEnabled
    shouldPersistHeaders={false}
    plugins={[HISTORY_PLUGIN]}
    referencePlugin={DOC_EXPLORER_PLUGIN}
    visiblePlugin={DOC_EXPLORER_PLUGIN}
  >
    <GraphiQL.Logo>coordmap</GraphiQL.Logo>
  </GraphiQL>,
);
