import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { registry } from '../metrics/index.js';
import { AppError, ErrorCode, HTTP_STATUS, maskError, isAppError } from '../errors/index.js';
import { acceptRequestId, REQUEST_ID_HEADER, staleSources, withRequestId, type Logger } from '../logging/index.js';

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
  /** Routes served before /graphql (e.g. the explorer); return true when handled. */
  extraRoutes?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
  /** Headers added to every GraphQL response (e.g. rate-limit headers), computed per request. */
  beforeGraphQL?: (request: IncomingMessage, response: ServerResponse, requestId: string) => Promise<void>;
  /** Extra text appended to /metrics (e.g. another registry). */
  metricsText?: () => Promise<string>;
  graphqlPath?: string;
}

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
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** A GraphQL-shaped error body for requests refused before GraphQL execution. */
export function sendGraphQLError(response: ServerResponse, error: AppError, requestId: string): void {
  const body = { errors: [maskError({ message: error.message }, error, { requestId })] };
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  if (error.code === ErrorCode.UNAUTHENTICATED) headers['www-authenticate'] = 'Bearer';
  sendJson(response, error.status ?? HTTP_STATUS[error.code], body, headers);
}

/**
 * A plain node:http server around Apollo Server (its documented integration API,
 * `executeHTTPGraphQLRequest`), with /healthz, /readyz, /metrics and request ids.
 */
export function createGraphQLHttpServer<Ctx extends BaseContext>(options: GraphQLHttpOptions<Ctx>): Server {
  const limit = options.maxBodyBytes ?? 100_000;
  const graphqlPath = options.graphqlPath ?? '/graphql';
  return createServer((request, response) => {
    const requestId = acceptRequestId(request.headers[REQUEST_ID_HEADER]);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    void withRequestId(requestId, async () => {
      try {
        await handle(request, response, requestId);
      } catch (error) {
        options.logger.error({ err: error }, 'request failed');
        if (!response.headersSent) sendGraphQLError(response, new AppError(ErrorCode.INTERNAL, 'Internal error.'), requestId);
        else response.end();
      }
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/healthz') return sendJson(response, 200, { status: 'ok', service: options.name });
    if (request.method === 'GET' && url.pathname === '/readyz') {
      const readiness = options.readiness ? await options.readiness() : { ready: true };
      return sendJson(response, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not ready', service: options.name, ...readiness.details });
    }
    if (request.method === 'GET' && url.pathname === '/metrics') {
      const text = (await registry.metrics()) + (options.metricsText ? await options.metricsText() : '');
      response.writeHead(200, { 'content-type': registry.contentType });
      response.end(text);
      return;
    }
    if (options.extraRoutes && (await options.extraRoutes(request, response))) return;
    if (url.pathname !== graphqlPath) return sendJson(response, 404, { message: 'Not found' });
    await handleGraphQL(request, response, requestId, url);
  }

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse, requestId: string, url: URL): Promise<void> {
    let bodyText = '';
    try {
      bodyText = await readBody(request, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return sendGraphQLError(response, new AppError(ErrorCode.BAD_USER_INPUT, `Request body is larger than ${limit} bytes.`, { status: 413 }), requestId);
      }
      throw error;
    }
    let body: unknown = bodyText;
    const contentType = String(request.headers['content-type'] ?? '');
    if (bodyText && contentType.includes('json')) {
      try {
        body = JSON.parse(bodyText);
      } catch {
        return sendGraphQLError(response, new AppError(ErrorCode.BAD_USER_INPUT, 'The request body is not valid JSON.'), requestId);
      }
    }
    let context: Ctx;
    try {
      if (options.beforeGraphQL) await options.beforeGraphQL(request, response, requestId);
      context = await options.buildContext(request, requestId);
    } catch (error) {
      if (isAppError(error)) return sendGraphQLError(response, error, requestId);
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
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
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
