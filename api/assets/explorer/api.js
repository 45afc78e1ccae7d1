// The explorer's only way to the data: GraphQL queries to the server's endpoint, with the
// caller's token when one is given, so the page sees exactly what that caller may see.

export class ApiError extends Error {
  constructor(message, code, extensions) {
    super(message);
    this.code = code;
    this.extensions = extensions ?? {};
  }
}

export class Api {
  constructor(endpoint) {
    this.endpoint = endpoint;
    this.credential = '';
    // The sizes that fitted the caller's budget, by query: asked at once the next time.
    this.fitted = new Map();
  }

  get token() {
    return this.credential;
  }

  // Another caller has another budget: what fitted is forgotten.
  set token(token) {
    this.credential = token;
    this.fitted.clear();
  }

  // Runs a query; an answer with errors is an ApiError carrying the first error's code.
  async query(query, variables = {}) {
    const headers = {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json',
    };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        credentials: 'omit',
      });
    } catch (err) {
      throw new ApiError(`The server did not answer (${err.message}).`, 'NETWORK');
    }
    let body;
    try {
      body = await response.json();
    } catch {
      throw new ApiError(`The server answered HTTP ${response.status}.`, 'HTTP');
    }
    const error = body.errors?.[0];
    if (error) {
      const code = error.extensions?.code ?? 'ERROR';
      throw new ApiError(error.message, code, error.extensions);
    }
    return body.data;
  }

  // Runs a query whose list sizes ($nodes, $edges) are as large as the caller's budget allows:
  // asked at `largest` first, and when that is over the budget (QUERY_TOO_COMPLEX, whose
  // extensions give the cost and the limit), again with every size scaled down to fit; the
  // sizes that fitted are used from then on, until the token changes.
  async queryWithin(query, variables, largest) {
    const sizes = this.fitted.get(query) ?? largest;
    try {
      return await this.query(query, { ...variables, ...sizes });
    } catch (err) {
      const cost = err.extensions?.cost;
      if (err.code !== 'QUERY_TOO_COMPLEX' || !cost?.complexity || !cost?.maxComplexity) {
        throw err;
      }
      const scale = (cost.maxComplexity / cost.complexity) * 0.95;
      const fitted = Object.fromEntries(
        Object.entries(sizes).map(([name, size]) => [name, Math.max(1, Math.floor(size * scale))]),
      );
      const data = await this.query(query, { ...variables, ...fitted });
      this.fitted.set(query, fitted);
      return data;
    }
  }
}
