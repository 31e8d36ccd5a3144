import { strict as assert } from 'node:assert';
import { isEnvFileName } from '../../../shared/languages';

describe('envfiles: isEnvFileName', () => {
  const secret = ['.env', '.env.local', '.env.production', '.env.development.local', '.env.test', '.env.keys', '.env.me', '.env.bak', '.env.old', '.ENV', '.Env.Local', '.env.prod-eu', '.env.x y'];
  const notSecret = [
    '.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults', '.env.schema', '.env.vault',
    '.env.local.example', '.env.example.local', '.env.production.sample', '.env.tpl',
    '.envrc', '.env.ts', '.env.js', '.env.mjs', '.env.d.ts', '.env.py', '.env.md', '.env.swp',
    'env', '.env.', '.env..local', 'prod.env', 'x.env', '.environment', '.envs', 'env.local', '',
  ];
  for (const n of secret) it(`${JSON.stringify(n)} is a secret .env file`, () => assert.equal(isEnvFileName(n), true));
  for (const n of notSecret) it(`${JSON.stringify(n)} is not`, () => assert.equal(isEnvFileName(n), false));
});
