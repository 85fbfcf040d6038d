import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs, one line per event. Fields that could hold secrets are redacted here
 * once, so that no caller has to remember. Lines go to stdout unless a test gives a `destination`.
 */
export function createLogger(name: string, level: string = 'info', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        '*.accessToken',
        '*.refreshToken',
        '*.access_token',
        '*.refresh_token',
        '*.authorization',
        '*.Authorization',
        '*.apiKey',
        '*.headers.authorization',
        'req.headers.authorization',
        'credentials',
        '*.credentials',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
