// Reads provider responses through the field lists of the provider entry, so the seed shape
// ({key, name, created_at}) and the later one ({secret_key, id, api_key_last_digits, ...}) are
// both data. Anything unexpected becomes a FieldError that names the field, never its value.
import type { ManagementSpec } from '../../../shared/providers/types';
import type { CreatedKey, KeyInfo, KeyList } from './types';

export class FieldError extends Error {}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** First present field among `fields`; null counts as absent (e.g. never used). */
function pick(o: Obj, fields: readonly string[]): { field: string; value: unknown } | undefined {
  for (const f of fields) if (o[f] !== undefined && o[f] !== null) return { field: f, value: o[f] };
  return undefined;
}

function text(o: Obj, fields: readonly string[], where: string): string | undefined {
  const p = pick(o, fields);
  if (!p) return undefined;
  if (typeof p.value === 'string') return p.value;
  if (typeof p.value === 'number' && Number.isFinite(p.value)) return String(p.value);
  throw new FieldError(`${where}: "${p.field}" is ${describe(p.value)}, expected a string`);
}

/** ISO string, or epoch seconds/ms turned into one. */
function date(o: Obj, fields: readonly string[], where: string): string | undefined {
  const p = pick(o, fields);
  if (!p) return undefined;
  if (typeof p.value === 'string') return p.value;
  if (typeof p.value === 'number' && Number.isFinite(p.value)) return new Date(p.value < 1e12 ? p.value * 1000 : p.value).toISOString();
  throw new FieldError(`${where}: "${p.field}" is ${describe(p.value)}, expected a date`);
}

export function readCreated(body: unknown, spec: NonNullable<ManagementSpec['create']>, list?: ManagementSpec['list']): CreatedKey {
  if (!isObj(body)) throw new FieldError(`the create response is ${describe(body)}, expected a JSON object`);
  const secretHit = pick(body, spec.secretFields);
  if (!secretHit) throw new FieldError(`the create response has no key value (looked for ${spec.secretFields.join(', ')})`);
  if (typeof secretHit.value !== 'string' || !secretHit.value.trim()) {
    throw new FieldError(`the create response's "${secretHit.field}" is ${describe(secretHit.value)}, expected a non-empty string`);
  }
  const where = 'the create response';
  return {
    id: text(body, spec.idFields, where),
    name: text(body, [spec.nameField], where) ?? '',
    createdAt: date(body, list?.createdFields ?? ['created_at'], where),
    expiresAt: date(body, list?.expiresFields ?? ['expires_at'], where),
    lastDigits: text(body, list?.lastDigitsFields ?? [], where),
    secret: secretHit.value.trim(),
  };
}

export function readList(body: unknown, spec: NonNullable<ManagementSpec['list']>): KeyList {
  if (!isObj(body)) throw new FieldError(`the key list is ${describe(body)}, expected a JSON object`);
  const items = body[spec.itemsField];
  if (!Array.isArray(items)) throw new FieldError(`the key list's "${spec.itemsField}" is ${items === undefined ? 'missing' : describe(items)}, expected an array`);
  const keys: KeyInfo[] = items.map((it, i) => {
    const where = `key #${i + 1} of the list`;
    if (!isObj(it)) throw new FieldError(`${where} is ${describe(it)}, expected an object`);
    const id = text(it, spec.idFields, where);
    if (!id) throw new FieldError(`${where} has no id (looked for ${spec.idFields.join(', ')})`);
    return {
      id,
      name: text(it, spec.nameFields, where) ?? '',
      createdAt: date(it, spec.createdFields, where),
      lastUsedAt: date(it, spec.lastUsedFields, where),
      expiresAt: date(it, spec.expiresFields, where),
      lastDigits: text(it, spec.lastDigitsFields, where),
      preview: text(it, spec.previewFields, where),
    };
  });
  let count: number | undefined;
  if (spec.countField && body[spec.countField] !== undefined && body[spec.countField] !== null) {
    const c = body[spec.countField];
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) throw new FieldError(`the key list's "${spec.countField}" is ${describe(c)}, expected a count`);
    count = c;
  }
  return count === undefined ? { keys } : { keys, count };
}
