// Public surface of the provider API client.
export * from './types';
export { createProviderClient, type ProviderClient, type ProviderClientOptions, type CreateKeyOptions } from './client';
export { ApiError, isApiError, userMessage, decodeErrorBody } from './errors';
export { validateBaseUrl, isLoopbackHost, type BaseUrlCheck } from './baseUrl';
export { parseRateLimit } from './rateLimit';
