// Keeps document text out of the language-server trace (keyward.trace.server): the traced
// messages of didOpen/didChange/didSave, code-action edits and related information carry file
// contents, and file contents are where the keys are. Every other field is still traced.
import type { LogOutputChannel } from 'vscode';

/** Message fields that hold document text or text derived from it, wherever they appear. */
const TEXT_FIELDS = new Set(['text', 'newText', 'insertText', 'relatedInformation', 'contentChanges', 'content', 'contents']);

function omitted(v: unknown): string {
  if (typeof v === 'string') return `«${v.length} characters not logged»`;
  if (Array.isArray(v)) return `«${v.length} items not logged»`;
  return '«not logged»';
}

function scrubValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrubValue);
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = TEXT_FIELDS.has(k) ? omitted(x) : scrubValue(x);
  return out;
}

// vscode-jsonrpc's text format: a header line, then `Params: <json>`, `Result: <json>`, or
// `Error data: <json>` (followed by blank lines). The JSON format is one JSON object per call.
const LABELLED = /^(Params|Result|Error data|Data): ([\s\S]*?)\s*$/;

/**
 * One trace entry with document text removed. JSON that cannot be parsed (cut short, or not JSON) is
 * dropped whole rather than passed on: a trace line is never worth a secret.
 */
export function scrubTrace(entry: string): string {
  const nl = entry.indexOf('\n');
  const head = nl < 0 ? entry : entry.slice(0, nl);
  const body = nl < 0 ? '' : entry.slice(nl + 1);
  if (nl < 0) {
    // A whole entry that is JSON (traceFormat json), or a plain header line.
    const t = entry.trim();
    if (!t.startsWith('{') && !t.startsWith('[')) return entry;
    try {
      return JSON.stringify(scrubValue(JSON.parse(t)));
    } catch {
      return '«trace data not logged»';
    }
  }
  const m = LABELLED.exec(body.trim());
  if (/^No (?:parameters provided|result returned)\.$/.test(body.trim())) return `${head}\n${body.trim()}`;
  if (!m) return body.trim() ? `${head}\n«trace data not logged»` : head;
  const [, label, json] = m;
  try {
    return `${head}\n${label}: ${JSON.stringify(scrubValue(JSON.parse(json)), null, 4)}`;
  } catch {
    return `${head}\n${label}: «not logged»`;
  }
}

/**
 * The channel the language client traces to: `trace()` entries lose document text first; the
 * inner channel (the redacting one) still masks known and key-shaped values on top.
 */
export function traceChannel(inner: LogOutputChannel): LogOutputChannel {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'trace' && typeof value === 'function') return (text: unknown, ...rest: unknown[]) => (value as (...a: unknown[]) => void).call(target, scrubTrace(String(text)), ...rest);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
