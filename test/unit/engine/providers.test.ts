// Provider attribution: the finding names the provider and its env var from the context, and the
// ambiguous shapes (pk_, pi_) are never reported on shape alone.
import { strict as assert } from 'node:assert';
import { scan } from '../../../server/src/engine';
import type { ProviderEntry } from '../../../shared/providers';
import { customProviderFromSetting } from '../../../shared/providers';
import { K, PI_LIVE, PIO, PK } from './helpers';

function keyFindings(text: string, file = 'a.ts', options = {}) {
  return scan(text, file, options).filter((f) => f.ruleId === 'hardcoded-key');
}
function attribution(text: string, file = 'a.ts', options = {}) {
  return keyFindings(text, file, options).map((f) => ({ provider: f.provider, envVar: f.envVar }));
}

describe('engine: provider attribution', () => {
  it('Pioneer key shape anywhere', () => {
    assert.deepEqual(attribution(`const k = "${PIO}";`), [{ provider: 'pioneer', envVar: 'PIONEER_API_KEY' }]);
  });
  it('built-in provider shapes defer to the catalogue: fast_sk_learn_… is not a Pioneer key', () => {
    assert.deepEqual(scan('model = fast_sk_learn_pipeline_config_v2', 'a.py'), []);
    assert.deepEqual(scan('pipeline_name = "fast_sk_learn_pipeline_config_v2"', 'a.py'), []);
  });
  it('Pioneer by env var name', () => {
    assert.deepEqual(attribution(`PIONEER_API_KEY = "${K}"`, 'a.py'), [{ provider: 'pioneer', envVar: 'PIONEER_API_KEY' }]);
    assert.deepEqual(attribution(`export FASTINO_API_KEY=${K}`, 'a.sh'), [{ provider: 'pioneer', envVar: 'PIONEER_API_KEY' }]);
  });
  it('Pioneer by host in the statement and on nearby lines', () => {
    assert.deepEqual(attribution(`curl -H "X-API-Key: ${K}" https://api.pioneer.ai/inference`, 'a.sh'), [{ provider: 'pioneer', envVar: 'PIONEER_API_KEY' }]);
    const py = `API = "https://api.pioneer.ai"\n\nheaders = {"X-API-Key": "${K}"}\nrequests.post(API + "/inference", headers=headers)`;
    assert.deepEqual(attribution(py, 'a.py'), [{ provider: 'pioneer', envVar: 'PIONEER_API_KEY' }]);
  });
  it('Pinecall: SDK constructor, import, host', () => {
    assert.deepEqual(attribution(`const pc = new Pinecall({ apiKey: "${K}" });`), [{ provider: 'pinecall', envVar: 'PINECALL_API_KEY' }]);
    const imported = `import { Pinecall } from '@pinecall/sdk';\n\n\n\n\n\nconst options = { apiKey: "${K}" };`;
    assert.deepEqual(attribution(imported), [{ provider: 'pinecall', envVar: 'PINECALL_API_KEY' }]);
    assert.deepEqual(attribution(`fetch("https://api.pinecall.io/v1/agents", { headers: { Authorization: "Bearer ${K}" } })`), [{ provider: 'pinecall', envVar: 'PINECALL_API_KEY' }]);
  });
  it('Pinecall pk_ only with Pinecall context, never a Stripe publishable key', () => {
    assert.deepEqual(attribution(`const pc = new Pinecall({ apiKey: "${PK}" });`), [{ provider: 'pinecall', envVar: 'PINECALL_API_KEY' }]);
    assert.deepEqual(attribution(`const x = "${PK}";`), []);
    assert.deepEqual(attribution(`const stripe = Stripe("pk_live_${K}");`), []);
    assert.deepEqual(attribution(`const pc = new Pinecall({ apiKey: "pk_live_${K}" });`), [{ provider: 'pinecall', envVar: 'PINECALL_API_KEY' }]);
  });
  it('Pi: pi_live_ keys, never Stripe PaymentIntent ids', () => {
    assert.deepEqual(attribution(`const key = "${PI_LIVE}";`), [{ provider: 'pi', envVar: 'PI_API_KEY' }]);
    assert.deepEqual(attribution(`const intent = "pi_3MtwBwLkdIwHu7ix28a3tqPa";`), []);
    assert.deepEqual(attribution(`stripe.paymentIntents.retrieve("pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH")`), []);
    assert.deepEqual(attribution(`client = PiClient(api_key="${K}")`, 'a.py'), [{ provider: 'pi', envVar: 'PI_API_KEY' }]);
  });
  it('SDK constructors with a positional key name the provider', () => {
    assert.deepEqual(attribution(`const p = new Pioneer("${K}");`), [{ provider: 'pioneer', envVar: 'PIONEER_API_KEY' }]);
    assert.deepEqual(attribution(`client := pioneer.NewClient("${K}")`, 'a.go'), [{ provider: 'pioneer', envVar: 'PIONEER_API_KEY' }]);
    assert.deepEqual(attribution(`env:\n  - name: PINECALL_API_KEY\n    value: ${K}`, 'k8s.yaml'), [{ provider: 'pinecall', envVar: 'PINECALL_API_KEY' }]);
  });
  it('PG:AI by host plus x-api-key', () => {
    assert.deepEqual(attribution(`requests.get("https://api.pipelinegeneration.ai/v1/territories", headers={"x-api-key": "${K}"})`, 'a.py'), [{ provider: 'pgai', envVar: 'PGAI_API_KEY' }]);
    assert.deepEqual(attribution(`curl https://api.getpg.ai/v1/territories -H "x-api-key: ${K}"`, 'a.sh'), [{ provider: 'pgai', envVar: 'PGAI_API_KEY' }]);
  });
  it('X-API-Key alone names no provider (several use it); env var from the name', () => {
    assert.deepEqual(attribution(`headers = {"X-API-Key": "${K}"}`, 'a.py'), [{ provider: undefined, envVar: 'API_KEY' }]);
    assert.deepEqual(attribution(`const stripeSecret = "${K}";`), [{ provider: undefined, envVar: 'STRIPE_SECRET' }]);
    assert.deepEqual(attribution(`this.githubToken = "${K}";`), [{ provider: undefined, envVar: 'GITHUB_TOKEN' }]);
  });
  it('custom providers from settings: host, header, prefix', () => {
    const acme = customProviderFromSetting({ id: 'acme', name: 'Acme', envVar: 'ACME_KEY', hosts: ['api.acme.dev'], headers: ['X-Acme-Auth'], prefix: 'acme_[A-Za-z0-9]{20,40}' }) as ProviderEntry;
    const options = { customProviders: [acme] };
    assert.deepEqual(attribution(`const k = "acme_${K}";`, 'a.ts', options), [{ provider: 'acme', envVar: 'ACME_KEY' }]);
    assert.deepEqual(attribution(`fetch("https://api.acme.dev/v1/x", { headers: { "X-Acme-Auth": "${K}" } })`, 'a.ts', options), [{ provider: 'acme', envVar: 'ACME_KEY' }]);
    // Without the setting the prefix means nothing.
    assert.deepEqual(attribution(`const k = "acme_${K}";`), []);
  });
  it('extraKeyNames make other names credential names', () => {
    assert.deepEqual(attribution(`const licenceBlob = "${K}";`), []);
    assert.deepEqual(attribution(`const licenceBlob = "${K}";`, 'a.ts', { extraKeyNames: ['licen[cs]eBlob'] }), [{ provider: undefined, envVar: 'LICENCE_BLOB' }]);
  });
  it('the message names the provider and env var and hides the key', () => {
    const [f] = keyFindings(`const k = "${PIO}";`);
    assert.equal(f.message, `Hardcoded Pioneer API key (pio_sk_…, 67 chars): move it to PIONEER_API_KEY`);
    assert.equal(f.preview, 'pio_sk_… (67 chars)');
    assert.equal(f.formatId, 'pioneer-api-key');
  });
});
