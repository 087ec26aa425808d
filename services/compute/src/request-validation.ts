/**
 * Request-body validation with the TypeBox schemas, compiled by Ajv with fastify's own options. Kept
 * out of fastify's route schemas so the same code validates on the main thread and in the workers
 * (large bodies never reach fastify's validator); failures map to the same problems as before.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { Static, TSchema } from '@sinclair/typebox';
import { ProblemError, toProblem } from './problem.ts';
import { BatchRequest, IndicatorRequest } from './schemas.ts';

const ajv = new Ajv({ coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false, strict: false });

/** A body validator for a TypeBox schema; failures are the same problems as fastify's own. */
export function validator<T extends TSchema>(schema: T, shape: string): (body: unknown) => Static<T> {
  const validate: ValidateFunction = ajv.compile(schema);
  return (body) => {
    if (body === undefined || body === null) {
      throw new ProblemError('malformed-request', `a JSON body ${shape} is required`, { code: 'BODY_REQUIRED' });
    }
    if (!validate(body)) throw toProblem({ message: 'invalid body', validation: validate.errors ?? [], validationContext: 'body' });
    return body as Static<T>;
  };
}

export const validateIndicatorRequest = validator(IndicatorRequest, '{"inputs": {...}, "params": {...}} (or a binary body)');
export const validateBatchRequest = validator(BatchRequest, '{"series": {...}, "specs": [...]}');
