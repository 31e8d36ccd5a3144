// SDK constructors with the key as first argument: `new Pioneer("…")`, `pioneer.NewClient("…")`.
// The provider is known from the constructor itself.
import { rejectValue } from '../value';
import type { HitLine } from './hitLine';

const CLIENT_FACTORY = /^(?:New\w{0,30}|\w{0,30}Client|create\w{0,30}|init|connect)$/;

/** Reads the name at [s, e) as a provider SDK call with a literal first argument; true when it is one. */
export function readSdkArgument(line: HitLine, s: number, e: number, name: string): boolean {
  const { text, le, cfg } = line;
  // `Pioneer(…)` / `new Pinecall(…)`, or a package function that builds a client (`pioneer.NewClient(…)`).
  if (text[e] !== '(' && text[e] !== ' ' && text[e] !== ':' && text[e] !== '.') return false;
  const lastDot = name.lastIndexOf('.');
  const last = lastDot < 0 ? name : name.slice(lastDot + 1);
  const provider = cfg.sdkNames.get(last) ?? (lastDot > 0 && CLIENT_FACTORY.test(last) ? cfg.sdkNames.get(name.slice(0, name.indexOf('.'))) : undefined);
  if (!provider) return false;
  const m = /^[ \t]*(?:\.[ \t]*\w{1,40}[ \t]*)?(?:::new[ \t]*)?\([ \t]*/.exec(text.slice(e, Math.min(le, e + 80)));
  if (!m) return false;
  const v = e + m[0].length;
  const q = text[v];
  if (q !== '"' && q !== "'" && q !== '`') return false;
  const close = text.indexOf(q, v + 1);
  if (close < 0 || close > le) return false;
  const value = text.slice(v + 1, close);
  if (!/^[ \t]*[,)]/.test(text.slice(close + 1, Math.min(le, close + 4)))) return false;
  if (rejectValue(value, { strength: 'strong', allowHexAndUuid: true })) return false;
  line.out.push({ rule: 'hardcoded-key', start: v + 1, end: close, secret: value, kind: 'sdk-option', name, quote: q, literalStart: v, literalEnd: close + 1, priority: 1, providerId: provider });
  return true;
}
