/** GET /openapi.json and GET /problems/:slug (the problem type URIs resolve to a description). */
import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../openapi.ts';
import { ProblemError, problemTypes } from '../problem.ts';

export async function metaRoutes(app: FastifyInstance): Promise<void> {
  const document = JSON.stringify(openApiDocument(app.chitti.version, app.chitti.limits));
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(document));

  app.get<{ Params: { slug: string } }>('/problems/:slug', async (request, reply) => {
    const t = problemTypes.get(request.params.slug);
    if (!t) throw new ProblemError('not-found', `no problem type "${request.params.slug}"; known: ${[...problemTypes.keys()].join(', ')}`, { code: 'UNKNOWN_PROBLEM_TYPE' });
    return reply.send({ type: `/problems/${t.slug}`, title: t.title, status: t.status, description: t.description });
  });
}
