// The API Keys tree as plain data: state in, nodes out. No vscode import, so what the tree shows
// (labels, masks, dates, states) is unit-tested in Node; tree.ts only maps nodes to TreeItems.
import type { ProviderEntry } from '../../../shared/providers/types';
import type { KeyInfo, NextStep, RateLimitState } from '../api/types';
import type { BaseUrlResolution } from '../config';
import { absoluteDate, escapeMarkdown, expiryState, maskedId, rateLimitText, relativeTime } from './format';

export const PAGE_SIZE = 50;

export interface AccountRef {
  provider: string;
  account: string;
}

export type PendingOp = { kind: 'create'; name: string } | { kind: 'revoke' | 'rotate'; keyId: string };

export interface AccountState extends AccountRef {
  status: 'idle' | 'loading' | 'loaded' | 'error' | 'reauth';
  keys?: KeyInfo[];
  count?: number;
  /** How many keys the tree shows (grows with "Load more"). */
  shown: number;
  error?: { message: string; nextStep?: NextStep; link?: string };
  rateLimit?: RateLimitState;
  pending: PendingOp[];
  /** Ids of keys whose value is in SecretStorage. */
  storedKeyIds: ReadonlySet<string>;
  /** Id of the listed key that is this account's own (management) key, when known. */
  managementKeyId?: string;
}

export interface ProviderState {
  provider: ProviderEntry;
  baseUrl: BaseUrlResolution;
  accounts: AccountState[];
}

export type NodeKind =
  | 'provider'
  | 'account'
  | 'key'
  | 'storedSecret'
  | 'pending'
  | 'loading'
  | 'error'
  | 'loadMore'
  | 'moreOnDashboard'
  | 'signIn'
  | 'storeKey'
  | 'empty';

export interface NodeCommand {
  command: string;
  title: string;
  args?: unknown[];
}

export interface TreeNode {
  /** Stable id: the same key keeps its id across refreshes so the tree keeps selection/expansion. */
  id: string;
  kind: NodeKind;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon?: string;
  /** Theme color id for the icon, e.g. "list.warningForeground". */
  iconColor?: string;
  contextValue?: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: NodeCommand;
  ref: { provider: string; account?: string; keyId?: string };
  children?: TreeNode[];
}

export function hasManagement(p: ProviderEntry): boolean {
  return !!p.management?.list;
}

export function keyTooltip(key: KeyInfo, now: number, stored: boolean, inUse: boolean): string {
  const line = (label: string, value: string | undefined): string | undefined => {
    if (!value) return undefined;
    return `${label}: ${value}`;
  };
  const when = (v: string | undefined) => {
    const rel = relativeTime(v, now);
    const abs = absoluteDate(v);
    return rel && abs ? `${rel} (${abs})` : undefined;
  };
  const exp = expiryState(key, now);
  const lines = [
    `**${escapeMarkdown(key.name || '(unnamed)')}**`,
    '',
    line('ID', '`' + key.id.replace(/`/g, '') + '`'),
    line('Key', key.lastDigits ? `ends in \`${key.lastDigits.replace(/`/g, '')}\`` : key.preview ? `\`${key.preview.replace(/`/g, '')}\`` : undefined),
    line('Created', when(key.createdAt)),
    line('Last used', key.lastUsedAt ? when(key.lastUsedAt) : 'never (or not reported)'),
    line(exp === 'expired' ? 'Expired' : 'Expires', key.expiresAt ? when(key.expiresAt) : 'never (or not reported)'),
    stored ? '$(lock) Value stored in Secret Storage: Copy and Insert into .env work.' : undefined,
    inUse ? '$(warning) This is the key keyward is signed in with.' : undefined,
  ].filter((l): l is string => l !== undefined);
  // Two trailing spaces keep Markdown line breaks inside one paragraph.
  return lines.join('  \n');
}

// ---------- tree ----------

function accountId(a: AccountRef): string {
  return `${a.provider}/${a.account}`;
}

export function keyNode(state: AccountState, key: KeyInfo, now: number): TreeNode {
  const stored = state.storedKeyIds.has(key.id);
  const inUse = state.managementKeyId === key.id;
  const busy = state.pending.find((p) => p.kind !== 'create' && p.keyId === key.id);
  const created = relativeTime(key.createdAt, now);
  const exp = expiryState(key, now);
  const base: TreeNode = {
    id: `${accountId(state)}/key/${key.id}`,
    kind: 'key',
    label: key.name || '(unnamed)',
    collapsible: 'none',
    ref: { provider: state.provider, account: state.account, keyId: key.id },
  };
  if (busy) {
    return {
      ...base,
      kind: 'pending',
      description: busy.kind === 'revoke' ? 'Revoking…' : 'Rotating…',
      icon: 'loading~spin',
      contextValue: 'pending',
    };
  }
  const parts = [maskedId(key), created ? `created ${created}` : undefined];
  if (exp === 'expired') parts.push('expired');
  else if (exp === 'expiring') parts.push(`expires ${relativeTime(key.expiresAt, now)}`);
  if (inUse) parts.push('in use by keyward');
  return {
    ...base,
    description: parts.filter(Boolean).join(' · '),
    tooltip: keyTooltip(key, now, stored, inUse),
    icon: exp === 'expired' || exp === 'expiring' ? 'warning' : 'key',
    iconColor: exp === 'expired' ? 'list.errorForeground' : exp === 'expiring' ? 'list.warningForeground' : undefined,
    contextValue: stored ? 'key.stored' : 'key',
  };
}

/** A placeholder per key being created, shown until the list has it. */
function creatingNodes(a: AccountState, ref: AccountRef): TreeNode[] {
  const idBase = accountId(a);
  const out: TreeNode[] = [];
  for (const op of a.pending) {
    if (op.kind === 'create') {
      out.push({ id: `${idBase}/creating/${op.name}`, kind: 'pending', label: op.name, description: 'Creating…', icon: 'loading~spin', contextValue: 'pending', collapsible: 'none', ref });
    }
  }
  return out;
}

/** A provider without a key-management API: the account is its one stored key. */
function storedSecretNode(p: ProviderState, a: AccountState, ref: AccountRef): TreeNode {
  return {
    id: `${accountId(a)}/stored`,
    kind: 'storedSecret',
    label: p.provider.envVars[0] ?? `${p.provider.name} key`,
    description: 'stored in Secret Storage',
    tooltip: `The ${escapeMarkdown(p.provider.name)} key of account **${escapeMarkdown(a.account)}**. ${escapeMarkdown(p.provider.name)} has no key-management API: keyward stores, validates and inserts this key; create or revoke keys on the provider's site.`,
    icon: 'key',
    contextValue: 'secret.stored',
    collapsible: 'none',
    ref,
  };
}

function reauthNode(a: AccountState, ref: AccountRef): TreeNode {
  return {
    id: `${accountId(a)}/reauth`,
    kind: 'signIn',
    label: 'Sign in again',
    description: a.error?.message,
    tooltip: a.error?.message ? escapeMarkdown(a.error.message) : undefined,
    icon: 'sign-in',
    contextValue: 'error.reauth',
    collapsible: 'none',
    command: { command: 'keyward.signIn', title: 'Sign in again', args: [{ provider: a.provider, account: a.account }] },
    ref,
  };
}

function errorNode(a: AccountState, ref: AccountRef): TreeNode {
  return {
    id: `${accountId(a)}/error`,
    kind: 'error',
    label: a.error?.message ?? 'The key list could not be loaded.',
    description: 'click to retry',
    tooltip: a.error?.message ? escapeMarkdown(a.error.message) + (a.error.link ? `\n\n[More](${a.error.link})` : '') : undefined,
    icon: 'error',
    iconColor: 'list.errorForeground',
    contextValue: 'error',
    collapsible: 'none',
    command: { command: 'keyward.refreshKeys', title: 'Retry', args: [ref] },
    ref,
  };
}

/** After the shown keys: "Load more" for keys held back, or a pointer to the dashboard for keys the API did not list. */
function moreKeysNode(p: ProviderState, a: AccountState, ref: AccountRef, listed: number, shown: number): TreeNode | undefined {
  const idBase = accountId(a);
  if (listed > shown) {
    const more = listed - shown;
    return {
      id: `${idBase}/loadMore`,
      kind: 'loadMore',
      label: 'Load more',
      description: `${more} more key${more === 1 ? '' : 's'}`,
      icon: 'ellipsis',
      contextValue: 'loadMore',
      collapsible: 'none',
      command: { command: 'keyward.loadMoreKeys', title: 'Load more', args: [ref] },
      ref,
    };
  }
  if (a.count !== undefined && a.count > listed) {
    // The list API has no documented paging parameters: say what is missing, point to the dashboard.
    const more = a.count - listed;
    return {
      id: `${idBase}/moreOnDashboard`,
      kind: 'moreOnDashboard',
      label: `${more} more key${more === 1 ? '' : 's'} on the dashboard`,
      icon: 'link-external',
      contextValue: 'loadMore.dashboard',
      collapsible: 'none',
      command: p.provider.dashboardUrl ? { command: 'keyward.openDashboard', title: 'Open dashboard', args: [ref] } : undefined,
      ref,
    };
  }
  return undefined;
}

function emptyNode(a: AccountState, ref: AccountRef): TreeNode {
  return {
    id: `${accountId(a)}/empty`,
    kind: 'empty',
    label: 'No keys yet',
    description: 'create one',
    icon: 'add',
    contextValue: 'empty',
    collapsible: 'none',
    command: { command: 'keyward.createKey', title: 'Create API key', args: [ref] },
    ref,
  };
}

function accountChildren(p: ProviderState, a: AccountState, now: number): TreeNode[] {
  const ref = { provider: a.provider, account: a.account };
  const out = creatingNodes(a, ref);
  if (!hasManagement(p.provider)) return [...out, storedSecretNode(p, a, ref)];
  if (a.status === 'reauth') return [...out, reauthNode(a, ref)];
  if (a.status === 'error') out.push(errorNode(a, ref));
  if ((a.status === 'loading' || a.status === 'idle') && !a.keys) {
    out.push({ id: `${accountId(a)}/loading`, kind: 'loading', label: 'Loading keys…', icon: 'loading~spin', contextValue: 'loading', collapsible: 'none', ref });
    return out;
  }
  const keys = a.keys ?? [];
  const shown = keys.slice(0, Math.max(a.shown, 0));
  for (const k of shown) out.push(keyNode(a, k, now));
  const more = moreKeysNode(p, a, ref, keys.length, shown.length);
  if (more) out.push(more);
  if (a.status === 'loaded' && keys.length === 0 && !a.pending.length) out.push(emptyNode(a, ref));
  return out;
}

export function accountNode(p: ProviderState, a: AccountState, now: number): TreeNode {
  const managed = hasManagement(p.provider);
  let description: string | undefined;
  if (a.status === 'reauth') description = 'Sign in again';
  else if (a.status === 'loading' && a.keys) description = 'refreshing…';
  else description = rateLimitText(a.rateLimit, now);
  return {
    id: accountId(a),
    kind: 'account',
    label: a.account,
    description,
    tooltip: [
      `Account **${escapeMarkdown(a.account)}** at ${escapeMarkdown(p.provider.name)}${p.baseUrl.ok ? ` (${escapeMarkdown(p.baseUrl.url)})` : ''}`,
      rateLimitText(a.rateLimit, now) ? `Rate limit: ${rateLimitText(a.rateLimit, now)}` : undefined,
      a.status === 'reauth' && a.error ? `$(warning) ${escapeMarkdown(a.error.message)}` : undefined,
    ]
      .filter(Boolean)
      .join('  \n'),
    icon: a.status === 'reauth' ? 'warning' : 'account',
    iconColor: a.status === 'reauth' ? 'list.warningForeground' : undefined,
    contextValue: managed ? (a.status === 'reauth' ? 'account.reauth' : 'account') : 'account.store',
    collapsible: 'expanded',
    ref: { provider: a.provider, account: a.account },
    children: accountChildren(p, a, now),
  };
}

export function providerNode(p: ProviderState, now: number): TreeNode {
  const id = p.provider.id;
  const managed = hasManagement(p.provider);
  const children: TreeNode[] = [];
  if (!p.baseUrl.ok) {
    children.push({
      id: `${id}/baseUrlError`,
      kind: 'error',
      label: p.baseUrl.message,
      description: 'Open Settings',
      tooltip: escapeMarkdown(p.baseUrl.message),
      icon: 'error',
      iconColor: 'list.errorForeground',
      contextValue: 'error.settings',
      collapsible: 'none',
      command: { command: 'workbench.action.openSettings', title: 'Open Settings', args: [p.baseUrl.settingId] },
      ref: { provider: id },
    });
  }
  for (const a of p.accounts) children.push(accountNode(p, a, now));
  if (!p.accounts.length) {
    children.push(
      managed
        ? {
            id: `${id}/signIn`,
            kind: 'signIn',
            label: 'Sign in…',
            description: 'with an existing management key',
            icon: 'sign-in',
            contextValue: 'signIn',
            collapsible: 'none',
            command: { command: 'keyward.signIn', title: 'Sign in', args: [{ provider: id }] },
            ref: { provider: id },
          }
        : {
            id: `${id}/storeKey`,
            kind: 'storeKey',
            label: 'Store a key…',
            description: 'store, validate, insert into .env',
            icon: 'add',
            contextValue: 'storeKey',
            collapsible: 'none',
            command: { command: 'keyward.signIn', title: 'Store a key', args: [{ provider: id }] },
            ref: { provider: id },
          },
    );
  }
  const where = p.baseUrl.ok && p.baseUrl.redirected ? safeHost(p.baseUrl.url) : undefined;
  return {
    id,
    kind: 'provider',
    label: p.provider.name,
    description: where ? `via ${where}` : managed ? undefined : 'no key management API',
    tooltip: [
      `**${escapeMarkdown(p.provider.name)}**`,
      p.baseUrl.ok ? `API: ${escapeMarkdown(p.baseUrl.url)}` : escapeMarkdown(p.baseUrl.message),
      `Env var: \`${p.provider.envVars[0] ?? ''}\``,
      managed ? 'Create, list, revoke and rotate keys here.' : 'Store, validate and insert a key here; manage keys on the provider site.',
      p.baseUrl.ignoredWorkspaceValue ? '$(shield) This workspace\'s settings try to change the API URL: ignored, keys go only where your user settings say.' : undefined,
    ]
      .filter(Boolean)
      .join('  \n'),
    icon: p.provider.custom ? 'plug' : 'cloud',
    contextValue: p.provider.dashboardUrl ? 'provider' : 'provider.noDashboard',
    // Providers in use stay open; the others fold away to keep the keys in view.
    collapsible: p.accounts.length ? 'expanded' : 'collapsed',
    ref: { provider: id },
    children,
  };
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * Root nodes. Empty while no account exists anywhere, so VS Code shows the welcome view
 * (Sign In button) instead; once signed in, every provider is listed for discoverability.
 */
export function buildTree(providers: readonly ProviderState[], now: number): TreeNode[] {
  if (!providers.some((p) => p.accounts.length)) return [];
  // Providers with accounts first, then management-capable ones, keeping the declared order otherwise.
  const rank = (p: ProviderState) => (p.accounts.length ? 0 : hasManagement(p.provider) ? 1 : 2);
  return providers
    .map((p, i) => ({ p, i }))
    .sort((x, y) => rank(x.p) - rank(y.p) || x.i - y.i)
    .map(({ p }) => providerNode(p, now));
}

/** Depth-first search by node id. */
export function findNode(nodes: readonly TreeNode[] | undefined, id: string): TreeNode | undefined {
  for (const n of nodes ?? []) {
    if (n.id === id) return n;
    const hit = findNode(n.children, id);
    if (hit) return hit;
  }
  return undefined;
}
