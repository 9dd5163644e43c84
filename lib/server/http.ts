import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { AppError, ErrorCode, HTTP_STATUS, maskError, isAppError } from '../errors/index.js';
import { BUDGET_HEADER, budgetFromHeader, FAIRNESS_HEADER, fairnessKeyFromHeader, requestBudgetMsFromEnv, withBudget } from '../budget/index.js';
import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER, requestIdFor, staleSources, withRequestId, type Logger } from '../logging/index.js';
import { errorMediaType, recordRejection, rejectionIn } from './rejections.js';
import { SOURCES_HEADER, sourcesHeader, withSourceLog } from '../provenance/sources.js';

export const STALE_HEADER = 'x-cpa-stale';

export interface Readiness {
  ready: boolean;
  details?: Record<string, unknown>;
}

export interface GraphQLHttpOptions<Ctx extends BaseContext> {
  name: string;
  apollo: ApolloServer<Ctx>;
  logger: Logger;
  /** Builds the per-request context; an AppError here rejects the request (e.g. an invalid token → 401). */
  buildContext: (request: IncomingMessage, requestId: string) => Promise<Ctx>;
  readiness?: () => Promise<Readiness>;
  /** Largest accepted request body in bytes; larger bodies are answered 413. */
  maxBodyBytes?: number;
  /** Runs first on every request (e.g. CORS headers and preflights); return true when it answered. */
  edge?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
  /** Routes served before /graphql (e.g. the explorer); return true when handled. */
  extraRoutes?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
  /** Headers added to every GraphQL response (e.g. rate-limit headers), computed per request. */
  beforeGraphQL?: (request: IncomingMessage, response: ServerResponse, requestId: string) => Promise<void>;
  graphqlPath?: string;
  /**
   * The request's budget: the gateway starts it (`fromHeader: false`); a subgraph takes what the
   * gateway's `x-cpa-budget-ms` says is left, capped at `maxMs`, less `reserveMs` for answering.
   * Defaults to a subgraph's: header, `REQUEST_BUDGET_MS`, 50 ms.
   */
  budget?: { fromHeader: boolean; maxMs: number; reserveMs: number };
  /** Runs first on a /graphql request, before its body is read: an AppError returned here refuses it (e.g. CSRF). */
  precheck?: (request: IncomingMessage) => AppError | undefined;
  /** When set, a request to /graphql whose raw body this refuses is answered 401 before parsing. */
  verifyCaller?: (request: IncomingMessage, body: string) => boolean;
  /** Node's `headersTimeout` and `requestTimeout`: a client slower than these is cut (408 / socket closed). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** What a subgraph keeps back from its budget to serialise and send its answer. */
export const SUBGRAPH_RESERVE_MS = 50;

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * A GraphQL-shaped error body for requests refused before GraphQL execution, as
 * `application/json` or, when given (from the client's Accept), `application/graphql-response+json`.
 */
export function sendGraphQLError(response: ServerResponse, error: AppError, requestId: string, mediaType?: string): void {
  const body = { errors: [maskError({ message: error.message }, error, { requestId })] };
  const headers: Record<string, string> = mediaType ? { 'content-type': mediaType } : {};
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  // RFC 6750 §3.1: a token was presented and refused (no header at all would be a plain challenge).
  if (error.code === ErrorCode.UNAUTHENTICATED) headers['www-authenticate'] = 'Bearer error="invalid_token"';
  sendJson(response, error.status ?? HTTP_STATUS[error.code], body, headers);
}

/**
 * A plain node:http server around Apollo Server (its documented integration API,
 * `executeHTTPGraphQLRequest`), with /healthz, /readyz and request ids (metrics: metrics-server.ts).
 */
export function createGraphQLHttpServer<Ctx extends BaseContext>(options: GraphQLHttpOptions<Ctx>): Server {
  const limit = options.maxBodyBytes ?? 100_000;
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const budget = options.budget ?? { fromHeader: true, maxMs: requestBudgetMsFromEnv(), reserveMs: SUBGRAPH_RESERVE_MS };
  // Slow clients (issue #12): headers within 5 s, the whole request within 10 s, idle keep-alive sockets closed.
  return createServer({ headersTimeout: options.headersTimeoutMs ?? 5_000, requestTimeout: options.requestTimeoutMs ?? 10_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 }, (request, response) => {
    // Issue #12 item 6: the gateway always makes its own id (a client's is only logged beside it);
    // a subgraph takes the gateway's, and drops it below when the request turns out unsigned.
    const { requestId, clientRequestId } = requestIdFor(request.headers[REQUEST_ID_HEADER], options.verifyCaller !== undefined);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const budgetMs = budget.fromHeader ? budgetFromHeader(request.headers[BUDGET_HEADER], budget.maxMs, budget.reserveMs) : budget.maxMs;
    const fairnessKey = (budget.fromHeader ? fairnessKeyFromHeader(request.headers[FAIRNESS_HEADER]) : undefined) ?? `request:${requestId}`;
    void withBudget(budgetMs, () => withRequestId(requestId, () => withSourceLog(async () => {
      try {
        await handle(request, response, requestId);
      } catch (error) {
        options.logger.error({ err: error }, 'request failed');
        if (!response.headersSent) sendGraphQLError(response, new AppError(ErrorCode.INTERNAL, 'Internal error.'), requestId);
        else response.end();
      }
    }), clientRequestId), fairnessKey);
  });

  /** A client mistake refused before Apollo: counted, logged at info, answered in the media type the client accepts. */
  function refuse(request: IncomingMessage, response: ServerResponse, error: AppError, requestId: string): void {
    const status = error.status ?? HTTP_STATUS[error.code];
    if (status < 500) recordRejection(options.name, options.logger, { status, code: error.code, message: error.message });
    sendGraphQLError(response, error, requestId, errorMediaType(request));
  }

  async function handle(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> {
    if (options.edge && (await options.edge(request, response))) return;
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/healthz') return sendJson(response, 200, { status: 'ok', service: options.name });
    if (request.method === 'GET' && url.pathname === '/readyz') {
      const readiness = options.readiness ? await options.readiness() : { ready: true };
      return sendJson(response, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not ready', service: options.name, ...readiness.details });
    }
    // No /metrics here: metrics have their own loopback listener (metrics-server.ts, issue #12).
    if (options.extraRoutes && (await options.extraRoutes(request, response))) return;
    if (url.pathname !== graphqlPath) return sendJson(response, 404, { message: 'Not found' });
    await handleGraphQL(request, response, requestId, url);
  }

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse, requestId: string, url: URL): Promise<void> {
    const early = options.precheck?.(request);
    if (early) return refuse(request, response, early, requestId);
    let bodyText = '';
    try {
      bodyText = await readBody(request, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return refuse(request, response, new AppError(ErrorCode.BAD_USER_INPUT, `Request body is larger than ${limit} bytes.`, { status: 413 }), requestId);
      }
      throw error;
    }
    if (options.verifyCaller && !options.verifyCaller(request, bodyText)) {
      // Not the gateway: its x-request-id is not ours to repeat.
      const ownId = randomUUID();
      response.setHeader(REQUEST_ID_HEADER, ownId);
      return sendGraphQLError(response, new AppError(ErrorCode.UNAUTHENTICATED, 'Only the gateway may call this service.'), ownId);
    }
    let body: unknown = bodyText;
    const contentType = String(request.headers['content-type'] ?? '');
    if (bodyText && contentType.includes('json')) {
      try {
        body = JSON.parse(bodyText);
      } catch {
        return refuse(request, response, new AppError(ErrorCode.BAD_USER_INPUT, 'The request body is not valid JSON.'), requestId);
      }
    }
    let context: Ctx;
    try {
      if (options.beforeGraphQL) await options.beforeGraphQL(request, response, requestId);
      context = await options.buildContext(request, requestId);
    } catch (error) {
      if (isAppError(error)) return refuse(request, response, error, requestId);
      throw error;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: async () => context,
    });
    const stale = staleSources();
    if (stale.length > 0) result.headers.set(STALE_HEADER, stale.join(','));
    const sources = sourcesHeader();
    if (sources !== undefined) result.headers.set(SOURCES_HEADER, sources);
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      const rejection = rejectionIn(response.statusCode, result.body.string);
      if (rejection) recordRejection(options.name, options.logger, rejection);
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }
}

/** Listens, turning EADDRINUSE into a one-line message that names the port variable. */
export async function listen(server: Server, port: number, host: string, portVariable: string): Promise<number> {
  return await new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(Object.assign(new Error(`Port ${port} is already in use: set ${portVariable} to another port.`), { code: 'EADDRINUSE' }));
      } else reject(error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
