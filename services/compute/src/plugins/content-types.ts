/**
 * Request bodies: application/json (parsed strictly by src/json.ts, by the fast path of
 * src/json-fast/ on routes that opt in, or left unparsed for a worker when at least
 * WORKER_JSON_BYTES) and application/octet-stream (the binary API), each at most
 * MAX_BODY_BYTES. Anything else, text/plain included, is a 415.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { parseIndicatorBody } from '../json-fast/index.ts';
import { parseJsonBody } from '../json.ts';
import { LargeJson } from '../offload.ts';

async function contentTypes(app: FastifyInstance): Promise<void> {
  const { limits, offload } = app.chitti;
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: limits.bodyBytes }, (req, body, done) => {
    const bytes = body as Buffer;
    if (offload.json(bytes.length)) return done(null, new LargeJson(bytes));
    try {
      done(null, (req.routeOptions.config.fastJson && parseIndicatorBody(bytes)) || parseJsonBody(bytes));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: limits.bodyBytes }, (_req, body, done) => done(null, body));
}

export const contentTypesPlugin = fp(contentTypes, { name: 'chitti-content-types' });
