// GraphiQL for coordmap: everything it needs ships in the server's binary, nothing is fetched
// from another host. The page (served by api/src/graphiql.rs) passes its settings as data
// attributes of the #graphiql element: the endpoint, the query to preload, the headers template
// and the URLs of the editor's workers.
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { DOC_EXPLORER_PLUGIN } from '@graphiql/plugin-doc-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import { getOperationAST, parse } from 'graphql';
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

// Subscriptions go over a WebSocket to the same endpoint (graphql-transport-ws), with the headers
// of the editor as the connection's payload; a change of headers opens a new connection.
const socketUrl = (() => {
  const url = new URL(settings.endpoint, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
})();
let socket = null;
let socketHeaders = null;
function socketFor(headers) {
  const key = JSON.stringify(headers);
  if (socket === null || key !== socketHeaders) {
    socket?.dispose();
    socketHeaders = key;
    socket = createClient({ url: socketUrl, connectionParams: headers, lazy: true, retryAttempts: 0 });
  }
  return socket;
}

function isSubscription(params) {
  try {
    const operation = getOperationAST(parse(params.query), params.operationName);
    return operation?.operation === 'subscription';
  } catch {
    return false; // the server reports the syntax error
  }
}

const fetcher = (params, options) => {
  const headers = usableHeaders(options?.headers);
  if (isSubscription(params)) {
    return socketFor(headers).iterate({
      query: params.query,
      operationName: params.operationName ?? undefined,
      variables: params.variables ?? undefined,
    });
  }
  return send(params, { ...options, headers });
};

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
