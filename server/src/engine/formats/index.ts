// Catalogue of well-known key formats. Data only: the engine (scan.ts) runs them behind a keyword prefilter.
import type { KeyFormat } from '../types';

export const KEY_FORMATS: readonly KeyFormat[] = [
  {
    id: 'aws-access-key-id',
    provider: 'aws',
    providerName: 'AWS',
    envVar: 'AWS_ACCESS_KEY_ID',
    description: 'AWS access key id',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: '\\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b',
    validate: (s) => !/EXAMPLE$/.test(s),
    examples: {
      positive: ['aws_access_key_id = AKIAZQ3DRSLN5WBX7KMP'],
      negative: ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE'],
    },
  },
  {
    id: 'pioneer-api-key',
    provider: 'pioneer',
    providerName: 'Pioneer',
    envVar: 'PIONEER_API_KEY',
    description: 'Pioneer API key',
    keywords: ['pio_sk_', 'fast_sk_'],
    pattern: '\\b(?<secret>(?:pio|fast)_sk_[A-Za-z0-9]{16,40}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b',
    examples: {
      positive: ['const key = "pio_sk_Q8m2ZrT5vX1bN7cL4kP9wHd_3f1c9a2e-7b4d-4e8a-9c21-5d6f7a8b9c0d";'],
      negative: ['const key = "pio_sk_xxxxxxxx";'],
    },
  },
];
