import pino from 'pino';
import pretty from 'pino-pretty';
import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';

// The worker's log, for the SDK Runtime (so workflow, activity and SDK core lines all go through it):
// one line per entry, every outbox message at INFO. ORDERFLOW_LOG_FORMAT=json writes JSON lines
// through pino for a log collector; otherwise pino-pretty's single-line text on stderr, for a person.
// ORDERFLOW_LOG_LEVEL: TRACE, DEBUG, INFO (default), WARN, ERROR.

// The SDK reports each worker state change (running, stopping, draining, drained, stopped) and
// that no Nexus service is registered at INFO: six lines per start and stop that say nothing an
// operator acts on. They are written at DEBUG; the worker says itself when it polls and when it stopped.
const levels: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
const lifecycle = /^(Worker state changed|No Nexus services registered)/;

export function workerLogger(env: NodeJS.ProcessEnv = process.env): DefaultLogger {
  const level = (env.ORDERFLOW_LOG_LEVEL || 'INFO').toUpperCase() as LogLevel;
  if (!levels.includes(level)) throw new Error(`ORDERFLOW_LOG_LEVEL must be one of ${levels.join(', ')}`);
  const write = lineWriter(env.ORDERFLOW_LOG_FORMAT === 'json' ? jsonLogger() : textLogger());
  const debugShown = level === 'TRACE' || level === 'DEBUG';
  return new DefaultLogger(level, (entry) => {
    if (!lifecycle.test(entry.message)) write(entry);
    else if (debugShown) write({ ...entry, level: 'DEBUG' });
  });
}

/**
 * The worker's own two lines, that it polls and that it stopped, written whatever the log level:
 * `npm start` and the tests wait for the first. On stdout, as before: text, or JSON in JSON mode.
 */
export function workerAnnouncer(env: NodeJS.ProcessEnv = process.env): (message: string) => void {
  if (env.ORDERFLOW_LOG_FORMAT !== 'json') return (message) => console.log(`[worker] ${message}`);
  return (message) => jsonLogger().info(message);
}

// One pino for the process, writing synchronously: lines stay in order, and a line written just
// before process.exit is not lost.
let json: pino.Logger | undefined;
const jsonLogger = () =>
  (json ??= pino(
    {
      level: 'trace', // what reaches it is already filtered
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.err },
    },
    pino.destination({ dest: 1, sync: true }),
  ));

let text: pino.Logger | undefined;
const textLogger = () =>
  (text ??= pino(
    { level: 'trace', base: undefined },
    pretty({ destination: 2, sync: true, singleLine: true, colorize: false, translateTime: 'SYS:standard' }),
  ));

function lineWriter(logger: pino.Logger): (entry: LogEntry) => void {
  return ({ level, message, meta }) => logger[level.toLowerCase() as Lowercase<LogLevel>](meta ?? {}, message);
}
