// Secrets managers and encryption keys: Doppler, HashiCorp Vault, 1Password, age.
import type { KeyFormat } from '../types';
import { token } from './shape';
import { CS, Synth } from './synth';

const g = new Synth('vaults');

export const VAULT_FORMATS: KeyFormat[] = [
  {
    id: 'doppler-token',
    provider: 'doppler',
    providerName: 'Doppler',
    envVar: 'DOPPLER_TOKEN',
    description: 'Doppler token (personal dp.pt., service dp.st., service account, CLI, SCIM, audit)',
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    pattern: token('dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9_.-]{40,64}'),
    minEntropy: 3.8,
    examples: {
      positive: [`DOPPLER_TOKEN=dp.st.prd.${g.s(CS.alnum, 43)}`, `DOPPLER_TOKEN=dp.pt.${g.s(CS.alnum, 43)}`],
      negative: [`DOPPLER_TOKEN=dp.st.${g.s(CS.alnum, 12)}`, 'DOPPLER_TOKEN=dp.st.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'vault-token',
    provider: 'vault',
    providerName: 'HashiCorp Vault',
    envVar: 'VAULT_TOKEN',
    description: 'HashiCorp Vault token (service hvs., batch hvb.)',
    keywords: ['hvs.', 'hvb.'],
    pattern: token('hvs\\.[A-Za-z0-9_-]{90,120}|hvb\\.[A-Za-z0-9_-]{138,300}'),
    minEntropy: 4,
    examples: {
      positive: [`VAULT_TOKEN=hvs.CAESI${g.s(CS.b64url, 90)}`, `export VAULT_TOKEN="hvb.AAAAAQ${g.s(CS.b64url, 140)}"`],
      negative: [`VAULT_TOKEN=hvs.${g.s(CS.b64url, 24)}`, 'VAULT_TOKEN=hvs.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'onepassword-service-token',
    provider: '1password',
    providerName: '1Password',
    envVar: 'OP_SERVICE_ACCOUNT_TOKEN',
    description: '1Password service account token (ops_eyJ…)',
    keywords: ['ops_eyj'],
    pattern: token('ops_eyJ[A-Za-z0-9+/]{100,1200}={0,3}', '(?![A-Za-z0-9_+/=-])'),
    minEntropy: 4.5,
    examples: {
      positive: [`OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNz${g.s(CS.b64, 300)}`],
      negative: [`OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ${g.s(CS.b64, 30)}`],
    },
  },
  {
    id: 'age-secret-key',
    provider: 'age',
    providerName: 'age encryption',
    envVar: 'AGE_SECRET_KEY',
    description: 'age secret key (file encryption, AGE-SECRET-KEY-1…)',
    keywords: ['age-secret-key-1'],
    pattern: token('AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'),
    minEntropy: 3.5,
    examples: {
      positive: [`SOPS_AGE_KEY=AGE-SECRET-KEY-1${g.s(CS.bech32, 58).toUpperCase()}`],
      negative: ['SOPS_AGE_KEY=AGE-SECRET-KEY-1...', `SOPS_AGE_KEY=AGE-SECRET-KEY-1${g.s(CS.bech32, 30).toUpperCase()}`],
    },
  },
];
