/** pino JSON logs: ISO time, service and version on every line, credentials redacted. */
import { pino, type DestinationStream, type Logger } from 'pino';

const SECRET_HEADERS = ['authorization', '["proxy-authorization"]', 'cookie', '["x-api-key"]'];

/** The request log line carries `request.headers`; anything logging `req.headers` is covered too. */
export const REDACTED_PATHS = [
  ...SECRET_HEADERS.flatMap((h) => [`request.headers${h.startsWith('[') ? h : `.${h}`}`, `req.headers${h.startsWith('[') ? h : `.${h}`}`]),
  'response.headers["set-cookie"]',
];

export function createLogger(level: string, version: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'chitti-compute', version },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
