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
  /** The user's `http.proxy`: the only explicit proxy. HTTP(S)_PROXY stay with the environment, where NO_PROXY applies. */
  url?: string;
  /** The user's `http.noProxy`: hosts the explicit proxy does not carry (NO_PROXY syntax). */
  noProxy?: string[];
  /** `http.proxyStrictSSL`: applies only to connections that go through a proxy. */
  strictSSL: boolean;
}

/**
 * `http.proxy`, `http.noProxy` and `http.proxyStrictSSL` from user settings (a workspace cannot
 * route keys through its own proxy). HTTP(S)_PROXY is deliberately not promoted to an explicit
 * proxy: the dispatcher reads the environment itself and honours NO_PROXY there.
 */
export function readProxy(http: ConfigReader): ProxySettings {
  const configured = userOrDefault<string>(http.inspect<string>('proxy'));
  const noProxy = userOrDefault<unknown>(http.inspect<unknown>('noProxy'));
  const strict = userOrDefault<boolean>(http.inspect<boolean>('proxyStrictSSL'));
  const url = (typeof configured === 'string' && configured.trim()) || undefined;
  const hosts = Array.isArray(noProxy) ? noProxy.filter((h): h is string => typeof h === 'string' && !!h.trim()).map((h) => h.trim()) : [];
  return { url, ...(hosts.length ? { noProxy: hosts } : {}), strictSSL: strict !== false };
}
