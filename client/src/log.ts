// The "keyward" log. Every line, ours and the language client's, passes through the redactor,
// which knows every key value this window has seen (stored, typed or created).
import type { LogOutputChannel } from 'vscode';

export interface Redacting {
  redact(text: string): string;
}

export interface Log {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error, err?: unknown): void;
}

const WRITERS = new Set(['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error']);

function describe(value: unknown): string {
  if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Wraps the channel so that every text-writing method redacts first; other members pass through.
 * The wrapped channel is also what the LanguageClient writes to, so server traces are covered too.
 */
export function redactingChannel(inner: LogOutputChannel, redactor: Redacting): LogOutputChannel {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop === 'string' && WRITERS.has(prop) && typeof value === 'function') {
        return (...args: unknown[]) => {
          const [first, ...rest] = args;
          const text = redactor.redact(describe(first));
          // Extra arguments (error objects, data) are folded into the line so they are redacted too.
          const extra = rest.length ? ' ' + rest.map((r) => redactor.redact(describe(r))).join(' ') : '';
          return (value as (s: string) => void).call(target, text + extra);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function createLog(channel: LogOutputChannel): Log {
  return {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m, err) => (err === undefined ? channel.error(m) : channel.error(`${describe(m)}: ${describe(err)}`)),
  };
}
