/**
 * The fast JSON path of POST /v1/indicators/{id} (issue 20): number arrays parsed from the request's
 * bytes and formatted into the response's bytes by a WebAssembly module, without JSON.parse,
 * JSON.stringify or the schema validator, with the same results and the same answers to every body.
 * Routes opt in with `config: { fastJson: true }`; the JSON content-type parser then returns a
 * FastIndicatorBody for a body in the fast shape, and the generic parse for any other.
 */
export { FastIndicatorBody, parseIndicatorBody } from './body.ts';
export { fastIndicatorJson, fastIndicatorJsonBytes } from './respond.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's JSON bodies may come as a FastIndicatorBody (src/json-fast/). */
    fastJson?: boolean;
  }
}
