// The product's own providers (ids match server/src/providers/builtin.ts). Their shapes are only
// partly public (see /shared/spec/providers.md), so lengths are ranges and Pinecall needs context.
// PG:AI publishes no key shape at all: it is recognised by context in the engine, not here.
import type { KeyFormat } from '../types';
import { BASE58, mixedAlnum, token } from './shape';
import { CS, Synth } from './synth';

const g = new Synth('product');

export const PRODUCT_FORMATS: KeyFormat[] = [
  {
    id: 'pioneer-api-key',
    provider: 'pioneer',
    providerName: 'Pioneer',
    envVar: 'PIONEER_API_KEY',
    description: 'Pioneer API key (pio_sk_ or fast_sk_; Pioneer was Fastino)',
    keywords: ['pio_sk_', 'fast_sk_'],
    // The one public sample is pio_sk_ + 23 alphanumerics + _ + UUID (67 chars); accept a range around it.
    pattern: token('(?:pio|fast)_sk_[A-Za-z0-9_-]{20,120}'),
    minEntropy: 3.5,
    // Issued keys mix cases and digits (or carry a UUID); snake_case identifiers that merely
    // start with the prefix do neither.
    validate: (s) => {
      const body = s.slice(s.indexOf('_sk_') + 4);
      return (/[A-Z]/.test(body) && /[a-z]/.test(body) && /[0-9]/.test(body)) || /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.test(body);
    },
    examples: {
      positive: [
        `PIONEER_API_KEY=pio_sk_${g.s(CS.alnum, 23)}_${g.uuid()}`,
        `client = Pioneer(api_key="pio_sk_${g.s(CS.alnum, 23)}_${g.uuid()}")`,
        `headers: { 'X-API-Key': 'fast_sk_${g.s(CS.alnum, 32)}' },`,
      ],
      negative: [
        'PIONEER_API_KEY=pio_sk_your_api_key_here',
        'model = fast_sk_learn_pipeline_config_v2',
        'PIONEER_API_KEY=pio_sk_...',
        'PIONEER_API_KEY=pio_sk_xxxxxxxxxxxxxxxxxxxxxxx',
        `PIONEER_API_KEY=pio_sk_${g.s(CS.alnum, 8)}`,
        `id = "xpio_sk_${g.s(CS.alnum, 23)}_${g.uuid()}"`,
      ],
    },
  },
  {
    id: 'pi-api-key',
    provider: 'pi',
    providerName: 'Pi',
    envVar: 'PI_API_KEY',
    description: 'Pi API key (pi_live_ + base58, issued through Unkey)',
    keywords: ['pi_live_'],
    pattern: token(`pi_live_[${BASE58}]{16,64}`),
    minEntropy: 3.5,
    validate: (s) => mixedAlnum(s.slice(8)),
    examples: {
      positive: [`PI_API_KEY=pi_live_${g.s(CS.base58, 22)}`, `const pi = new PiClient({ apiKey: "pi_live_${g.s(CS.base58, 24)}" });`],
      negative: [
        // Stripe PaymentIntent ids and their client secrets start with pi_ too.
        `const intent = "pi_3N${g.s(CS.alnum, 22)}";`,
        `clientSecret: "pi_3N${g.s(CS.alnum, 22)}_secret_${g.s(CS.alnum, 25)}"`,
        'PI_API_KEY=pi_live_xxxxxxxxxxxxxxxxxxxxxx',
        `PI_API_KEY=pi_live_${g.s(CS.base58, 8)}`,
        // 0, O, I and l are not base58.
        `PI_API_KEY=pi_live_0OIl${g.s(CS.base58, 18)}`,
      ],
    },
  },
  {
    id: 'pinecall-api-key',
    provider: 'pinecall',
    providerName: 'Pinecall',
    envVar: 'PINECALL_API_KEY',
    description: 'Pinecall API key (pk_…; Stripe publishable keys share the prefix, so only next to a Pinecall name, host or SDK)',
    keywords: ['pinecall'],
    pattern: token('pk_[A-Za-z0-9_-]{16,128}'),
    minEntropy: 3.5,
    requiresContext: true,
    // A Stripe publishable key on a line that also names Stripe is Stripe's, whatever else is there.
    validate: (s, line) => /pinecall/i.test(line) && !/stripe/i.test(line) && /[0-9]/.test(s) && /[A-Za-z]/.test(s.slice(3)),
    examples: {
      positive: [
        `PINECALL_API_KEY=pk_${g.s(CS.alnum, 32)}`,
        `const pc = new Pinecall({ apiKey: "pk_${g.s(CS.alnum, 40)}" });`,
        `fetch("https://api.pinecall.io/v1/agents", { headers: { Authorization: "Bearer pk_${g.s(CS.alnum, 32)}" } })`,
      ],
      negative: [
        `const stripe = Stripe("pk_live_${g.s(CS.alnum, 99)}");`,
        `STRIPE_PUBLISHABLE_KEY=pk_test_${g.s(CS.alnum, 99)}`,
        `const pk = "pk_${g.s(CS.alnum, 32)}";`,
        'PINECALL_API_KEY=pk_your_pinecall_key',
        `PINECALL_API_KEY=pk_${g.s(CS.alnum, 8)}`,
      ],
    },
  },
];
