// A provider is data: the detection engine reads hosts/headers/env vars/prefixes for attribution,
// the client reads base URL, auth style, error style and management endpoints. No code per provider.

export type AuthStyle = 'header' | 'bearer';

/** Which error body the provider sends; 'auto' decodes any known shape. */
export type ErrorStyle = 'envelope' | 'string' | 'detail' | 'code-message' | 'auto';

export interface EndpointSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
}

export interface ManagementSpec {
  /** POST {name} -> the new key. Fields are tried in order: the first present wins. */
  create?: EndpointSpec & { nameField: string; secretFields: string[]; idFields: string[]; idempotent: boolean };
  /** GET -> list. `itemsField` holds the array; item fields tried in order. */
  list?: EndpointSpec & {
    itemsField: string;
    countField?: string;
    idFields: string[];
    nameFields: string[];
    createdFields: string[];
    lastUsedFields: string[];
    expiresFields: string[];
    lastDigitsFields: string[];
    previewFields: string[];
  };
  /** Revoke: the id goes into a JSON body field (Pioneer) or the path ({id}). */
  revoke?: EndpointSpec & { idField?: string };
}

export interface ProviderEntry {
  id: string;
  name: string;
  /** Default base URL; overridable by the application-scoped setting keyward.providers.<id>.baseUrl. */
  baseUrl?: string;
  auth: { style: AuthStyle; header?: string };
  /** Env var names; the first is the one keyward writes. */
  envVars: string[];
  /** Hostnames whose presence in a call attributes a key to this provider. */
  hosts: string[];
  /** SDK package names / constructor names that attribute a key to this provider. */
  sdk?: { packages: string[]; constructors: string[] };
  /** Regex sources of the provider's key shapes, if known. */
  keyPatterns?: string[];
  /** Key shapes that need provider context before they are reported (e.g. Pinecall pk_). */
  contextOnlyPatterns?: string[];
  errorStyle: ErrorStyle;
  rateLimitHeaders?: { limit: string; remaining: string; reset: string; retryAfter?: string };
  requestIdHeader?: string;
  dashboardUrl?: string;
  billingUrl?: string;
  docsUrl?: string;
  management?: ManagementSpec;
  /** A cheap authenticated request that proves a key works. */
  validate?: EndpointSpec;
  /** Whether this entry came from the user's settings. */
  custom?: boolean;
}
