// The four providers of ../shared/spec/providers.md as data. Facts the pages leave UNKNOWN are
// left out or made configurable, never guessed into code.
import type { ProviderEntry } from './types';

const rateLimit = { limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset', retryAfter: 'retry-after' };

export const PIONEER: ProviderEntry = {
  id: 'pioneer',
  name: 'Pioneer',
  baseUrl: 'https://api.pioneer.ai',
  auth: { style: 'header', header: 'X-API-Key' },
  envVars: ['PIONEER_API_KEY', 'FASTINO_API_KEY'],
  hosts: ['api.pioneer.ai', 'pioneer.ai', 'api.fastino.ai'],
  sdk: { packages: ['pioneer', '@pioneer/sdk', 'fastino'], constructors: ['Pioneer', 'Fastino'] },
  // pio_sk_ + 23 alphanumerics + _ + uuid is the one public sample; length is a heuristic.
  keyPatterns: ['\\b(?:pio_sk|fast_sk)_[A-Za-z0-9_-]{16,120}'],
  errorStyle: 'auto',
  rateLimitHeaders: rateLimit,
  requestIdHeader: 'x-request-id',
  dashboardUrl: 'https://pioneer.ai/settings/api-keys',
  billingUrl: 'https://pioneer.ai/settings/billing',
  docsUrl: 'https://pioneer.ai/docs',
  management: {
    create: { method: 'POST', path: '/create-api-key', nameField: 'name', secretFields: ['key', 'secret_key', 'api_key'], idFields: ['id', 'key_id'], idempotent: true },
    list: {
      method: 'GET',
      path: '/list-api-keys',
      itemsField: 'keys',
      countField: 'count',
      idFields: ['id', 'key_id'],
      nameFields: ['name'],
      createdFields: ['created_at', 'createdAt'],
      lastUsedFields: ['last_used_at', 'lastUsedAt'],
      expiresFields: ['expires_at', 'expiresAt'],
      lastDigitsFields: ['api_key_last_digits', 'last_digits'],
      previewFields: ['masked_key', 'key_preview', 'keyPreview', 'prefix'],
    },
    revoke: { method: 'DELETE', path: '/delete-api-key', idField: 'key_id' },
  },
  validate: { method: 'GET', path: '/list-api-keys' },
};

export const PI: ProviderEntry = {
  id: 'pi',
  name: 'Pi',
  auth: { style: 'bearer' },
  envVars: ['PI_API_KEY'],
  hosts: ['api.withpi.ai', 'withpi.ai'],
  sdk: { packages: ['withpi', '@withpi/sdk'], constructors: ['PiClient', 'Pi'] },
  // Unkey keys: prefix_ + base58 of 16+ bytes. pi_ alone is a Stripe PaymentIntent id.
  keyPatterns: ['\\bpi_live_[1-9A-HJ-NP-Za-km-z]{16,64}\\b'],
  errorStyle: 'envelope',
  rateLimitHeaders: rateLimit,
  requestIdHeader: 'x-request-id',
};

export const PINECALL: ProviderEntry = {
  id: 'pinecall',
  name: 'Pinecall',
  baseUrl: 'https://api.pinecall.io/v1',
  auth: { style: 'bearer' },
  envVars: ['PINECALL_API_KEY', 'PINECALL_KEY'],
  hosts: ['api.pinecall.io', 'pinecall.io', 'playground.pinecall.io', 'dashboard.pinecall.ai'],
  sdk: { packages: ['@pinecall/sdk', 'pinecall'], constructors: ['Pinecall'] },
  // pk_ collides with Stripe publishable keys: only with Pinecall context.
  contextOnlyPatterns: ['\\bpk_[A-Za-z0-9_-]{16,128}\\b'],
  errorStyle: 'auto',
  rateLimitHeaders: rateLimit,
  dashboardUrl: 'https://dashboard.pinecall.ai',
  validate: { method: 'GET', path: '/agents' },
};

export const PGAI: ProviderEntry = {
  id: 'pgai',
  name: 'PG:AI',
  baseUrl: 'https://api.pipelinegeneration.ai/v1',
  auth: { style: 'header', header: 'x-api-key' },
  envVars: ['PGAI_API_KEY', 'PG_AI_API_KEY'],
  hosts: ['api.pipelinegeneration.ai', 'pipelinegeneration.ai', 'api.getpg.ai', 'getpg.ai'],
  errorStyle: 'string',
  rateLimitHeaders: rateLimit,
  validate: { method: 'GET', path: '/territories' },
};

export const BUILTIN_PROVIDERS: readonly ProviderEntry[] = [PIONEER, PI, PINECALL, PGAI];
