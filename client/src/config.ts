// Settings that decide where keys are sent. Only user- and machine-level values count here: a
// workspace's .vscode/settings.json must never be able to redirect a key to another host.
// vscode-free (types only) so the resolution rules are unit-tested in plain Node.
import type { ProviderEntry } from '../../shared/providers/types';
import { mergeProviders } from '../../shared/providers/custom';

/** The subset of vscode.WorkspaceConfiguration#inspect() this module reads. */
export interface InspectedValue<T> {
  key: string;
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The subset of vscode.WorkspaceConfiguration used here (structurally compatible). */
export interface ConfigReader {
  inspect<T>(section: string): InspectedValue<T> | undefined;
}

export type BaseUrlResolution = (
  | { ok: true; url: string; source: 'user' | 'default' | 'custom-provider'; redirected: boolean }
  | { ok: false; settingId: string; message: string }
) & {
  /** A workspace or folder settings file tried to set this URL; it was ignored (shown, never used). */
  ignoredWorkspaceValue?: boolean;
};

/** `validateBaseUrl` of the API client (client/src/api/baseUrl.ts). */
export type UrlValidator = (url: string) => { ok: true } | { ok: false; reason: string };

export function baseUrlSettingId(providerId: string): string {
  return `keyward.providers.${providerId}.baseUrl`;
}

/** Reads the user (global) value, else the declared default; workspace values are ignored on purpose. */
export function userOrDefault<T>(inspected: InspectedValue<T> | undefined): T | undefined {
  if (!inspected) return undefined;
  return inspected.globalValue !== undefined ? inspected.globalValue : inspected.defaultValue;
}

/**
 * Where a provider's requests go: the user's `keyward.providers.<id>.baseUrl`, else the provider
 * entry's own base URL (built-in default or the machine-scoped custom provider's). Empty means unset.
 * `validate` refuses URLs the client must not send a key to (non-loopback http, credentials in the URL).
 */
export function resolveBaseUrl(provider: ProviderEntry, inspected: InspectedValue<string> | undefined, validate: UrlValidator): BaseUrlResolution {
  const r = resolveFromUserOrDefault(provider, inspected, validate);
  const ws = [inspected?.workspaceValue, inspected?.workspaceFolderValue].some((v) => typeof v === 'string' && v.trim());
  return ws ? { ...r, ignoredWorkspaceValue: true } : r;
}

function resolveFromUserOrDefault(provider: ProviderEntry, inspected: InspectedValue<string> | undefined, validate: UrlValidator): BaseUrlResolution {
  const settingId = baseUrlSettingId(provider.id);
  const user = typeof inspected?.globalValue === 'string' ? inspected.globalValue.trim() : '';
  const declared = typeof inspected?.defaultValue === 'string' ? inspected.defaultValue.trim() : '';
  const own = (provider.baseUrl ?? '').trim();
  let url: string;
  let source: 'user' | 'default' | 'custom-provider';
  if (user) {
    url = user;
    source = 'user';
  } else if (provider.custom && own) {
    url = own;
    source = 'custom-provider';
  } else if (declared || own) {
    url = declared || own;
    source = 'default';
  } else {
    return { ok: false, settingId, message: `${provider.name} has no API base URL. Set ${settingId} in your user settings.` };
  }
  const check = validate(url);
  if (!check.ok) return { ok: false, settingId, message: `${settingId} is not usable: ${check.reason}` };
  const normalized = url.replace(/\/+$/, '');
  const builtinDefault = (own || declared).replace(/\/+$/, '');
  return { ok: true, url: normalized, source, redirected: source === 'user' && normalized !== builtinDefault };
}

/** Built-in providers plus the machine-scoped `keyward.customProviders` (user value only). */
export function readProviders(keyward: ConfigReader): ProviderEntry[] {
  const custom = userOrDefault<unknown>(keyward.inspect<unknown>('customProviders'));
  return mergeProviders(Array.isArray(custom) ? custom : []);
}

export interface ProxySettings {
  url?: string;
  strictSSL: boolean;
}

/** `http.proxy` / `http.proxyStrictSSL` from user settings; HTTPS_PROXY is the fallback for the URL. */
export function readProxy(http: ConfigReader, env: NodeJS.ProcessEnv = process.env): ProxySettings {
  const configured = userOrDefault<string>(http.inspect<string>('proxy'));
  const strict = userOrDefault<boolean>(http.inspect<boolean>('proxyStrictSSL'));
  const fromEnv = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  const url = (typeof configured === 'string' && configured.trim()) || (fromEnv && fromEnv.trim()) || undefined;
  return { url, strictSSL: strict !== false };
}
