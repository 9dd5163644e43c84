import { createServer, type Server } from 'node:http';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUpstreamClient } from './index.js';
import { ORIGIN, scriptedUpstream } from './upstream.fixture.js';

let agent: MockAgent;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});

afterEach(async () => {
  await agent.close();
});

const mocked = () =>
  createUpstreamClient({ operator: 'carif-oref', baseUrl: `${ORIGIN}/carif-oref`, dispatcher: agent, sleep: async () => undefined, random: () => 0 });

async function collect(body: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

describe('client.stream', () => {
  it('hands a 2xx body over as a stream, after retrying a 503 on the way', async () => {
    const seen = scriptedUpstream(agent, [{ statusCode: 503 }, { statusCode: 200, data: '<lheo/>' }]);
    const response = await mocked().stream({ method: 'GET', path: '/lheo/offres', query: { region: '84' } });
    expect(seen).toHaveLength(2);
    expect(response.status).toBe(200);
    expect(await collect(response.body)).toBe('<lheo/>');
  });

  it('returns a non-2xx status with its (drained) body, for the caller to map', async () => {
    scriptedUpstream(agent, [{ statusCode: 404, data: { message: 'absent' } }]);
    const response = await mocked().stream({ method: 'GET', path: '/lheo/offres' });
    expect(response.status).toBe(404);
    await response.discard();
  });

  describe('against a real socket', () => {
    let server: Server;
    let port = 0;
    let written = 0;

    beforeEach(async () => {
      written = 0;
      // 200 chunks of 64 KiB (12.5 MiB): more than `request` would accept (10 MiB cap), streamed fine.
      server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/xml' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const writeMore = () => {
          while (sent < 200) {
            sent += 1;
            written = sent;
            if (!response.write(chunk)) {
              response.once('drain', writeMore);
              return;
            }
          }
          response.end();
        };
        writeMore();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
    });

    afterEach(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('reads a body larger than the buffered cap, chunk by chunk, with back-pressure on the server', async () => {
      const client = createUpstreamClient({ operator: 'carif-oref', baseUrl: `http://127.0.0.1:${port}` });
      try {
        const response = await client.stream({ method: 'GET', path: '/feed' });
        let bytes = 0;
        let chunks = 0;
        let writtenWhenFirstRead = -1;
        for await (const chunk of response.body) {
          if (chunks === 0) writtenWhenFirstRead = written;
          bytes += chunk.byteLength;
          chunks += 1;
        }
        expect(bytes).toBe(200 * 64 * 1024);
        expect(chunks).toBeGreaterThan(1);
        // The server could not write the whole body ahead of the reader: it was streamed, not buffered.
        expect(writtenWhenFirstRead).toBeLessThan(200);
        await expect(client.request({ method: 'GET', path: '/feed' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      } finally {
        await client.close();
      }
    });
  });
});
