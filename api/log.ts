import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import pino from 'pino';

// One JSON object per line on stdout, written by pino: what a log collector reads without a parser
// of its own. ORDERFLOW_LOG_LEVEL (debug, info, warn, error; default info) sets what is written.
// Written synchronously, so a line logged just before process.exit is not lost.

export type Log = (entry: { level: 'debug' | 'info' | 'warn' | 'error'; msg: string } & Record<string, unknown>) => void;

// A wrong ORDERFLOW_LOG_LEVEL is reported by the configuration check (config.ts), not here at import.
const level = (process.env.ORDERFLOW_LOG_LEVEL || 'info').toLowerCase();
const logger = pino(
  {
    level: level in pino.levels.values ? level : 'info',
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  pino.destination({ dest: 1, sync: true }),
);

export const jsonLog: Log = ({ level, msg, ...fields }) => logger[level](fields, msg);

// A caller's request ID is kept only when it is short and printable: it goes into every log line.
const callerRequestId = /^[\x21-\x7e]{1,128}$/;

/** Gives each request an ID (the caller's X-Request-Id or a new one), answers with it, and logs the request once it is answered. */
export const requestLog =
  (log: Log): RequestHandler =>
  (req, res, next) => {
    const sent = req.header('x-request-id');
    const requestId = sent && callerRequestId.test(sent) ? sent : randomUUID();
    const started = process.hrtime.bigint();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      log({
        level: res.statusCode >= 500 ? 'error' : 'info',
        msg: 'request',
        requestId,
        method: req.method,
        path: req.originalUrl,
        ip: req.ip,
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        actor: res.locals.person?.id,
      });
    });
    next();
  };
