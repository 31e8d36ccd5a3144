// Contract between the HTTP client (client/src/api) and its users (tree view, rotation, tests).
// No vscode import here: the API client runs in plain Node tests against the loopback server.

/** One key as a provider lists it. Never holds a secret value. */
export interface KeyInfo {
  id: string;
  name: string;
  createdAt?: string;
  lastUsedAt?: string;
  expiresAt?: string;
  /** Last digits or a masked preview, as the provider shows them. */
  lastDigits?: string;
  preview?: string;
}

export interface KeyList {
  keys: KeyInfo[];
  count?: number;
}

/** The one moment a full key exists outside SecretStorage: the create response. */
export interface CreatedKey {
  id?: string;
  name: string;
  createdAt?: string;
  expiresAt?: string;
  lastDigits?: string;
  /** Full key value: store it at once, never log it. */
  secret: string;
}

export interface RateLimitState {
  limit?: number;
  remaining?: number;
  /** Epoch milliseconds when the window resets. */
  resetAt?: number;
}

/** What the user should do next, decided from status and code. */
export type NextStep =
  | 'reenter-key' // 401
  | 'billing' // 402
  | 'missing-scope' // 403 scope
  | 'use-dashboard' // 403 create only from the dashboard
  | 'not-found' // 404
  | 'conflict' // 409
  | 'wait' // 429
  | 'retry-later' // 5xx, network
  | 'fix-request' // 400 and other 4xx
  | 'report'; // malformed response

export interface ApiErrorShape {
  status: number; // 0 for network errors and timeouts
  code?: string;
  message: string;
  requestId?: string;
  nextStep: NextStep;
  /** Link for the next step (billing, dashboard, resolution_url). */
  link?: string;
  /** 429: epoch ms when a retry may succeed. */
  retryAt?: number;
}
