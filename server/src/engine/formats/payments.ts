// Payments and commerce: Stripe, Square, Braintree, Shopify, Plaid, Flutterwave, EasyPost, Shippo.
import type { KeyFormat } from '../types';
import { UUID, lineMentions, mixedAlnum, token } from './shape';
import { CS, Synth } from './synth';

const g = new Synth('payments');

// Test keys printed in Stripe's public docs: shared by everyone, so not a leak.
const STRIPE_DOC_KEYS = new Set(['sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_test_BQokikJOvBiI2HlWgH4olfQ2']);

// Clerk issues sk_live_/sk_test_ keys of the same shape; those lines belong to the Clerk format.
const notClerk = (s: string, line: string) => !/clerk/i.test(line) && mixedAlnum(s.slice(8)) && !STRIPE_DOC_KEYS.has(s);

export const PAYMENT_FORMATS: KeyFormat[] = [
  {
    id: 'stripe-secret-key',
    provider: 'stripe',
    providerName: 'Stripe',
    envVar: 'STRIPE_SECRET_KEY',
    description: 'Stripe live secret key (sk_live_)',
    keywords: ['sk_live_'],
    pattern: token('sk_live_[A-Za-z0-9]{24,247}'),
    minEntropy: 3.5,
    validate: notClerk,
    examples: {
      positive: [
        `const stripe = require('stripe')('sk_live_51${g.s(CS.alnum, 97)}');`,
        `STRIPE_SECRET_KEY=sk_live_${g.s(CS.alnum, 24)}`,
        `Stripe.api_key = "sk_live_${g.s(CS.alnum, 99)}"`,
      ],
      negative: [
        'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
        `const stripe = Stripe("pk_live_${g.s(CS.alnum, 99)}");`,
        `STRIPE_SECRET_KEY=sk_live_${g.s(CS.alnum, 12)}`,
        'STRIPE_SECRET_KEY=sk_live_...',
        // Clerk's keys share the shape; the Clerk format reports them.
        `CLERK_SECRET_KEY=sk_live_${g.s(CS.alnum, 46)}`,
        `const intent = await stripe.paymentIntents.retrieve('pi_3N${g.s(CS.alnum, 22)}');`,
      ],
    },
  },
  {
    id: 'stripe-restricted-key',
    provider: 'stripe',
    providerName: 'Stripe',
    envVar: 'STRIPE_SECRET_KEY',
    description: 'Stripe live restricted key (rk_live_)',
    keywords: ['rk_live_'],
    pattern: token('rk_live_[A-Za-z0-9]{24,247}'),
    minEntropy: 3.5,
    validate: (s) => mixedAlnum(s.slice(8)),
    examples: {
      positive: [`STRIPE_RESTRICTED_KEY=rk_live_${g.s(CS.alnum, 99)}`],
      negative: ['STRIPE_RESTRICTED_KEY=rk_live_XXXXXXXXXXXXXXXXXXXXXXXX', `STRIPE_RESTRICTED_KEY=rk_live_${g.s(CS.alnum, 10)}`],
    },
  },
  {
    // A test-mode key moves no money but still reads and writes the account's test data and its
    // settings: it is a credential, reported at 'information' so it never drowns out live keys.
    id: 'stripe-test-secret-key',
    provider: 'stripe',
    providerName: 'Stripe',
    envVar: 'STRIPE_SECRET_KEY',
    description: 'Stripe test-mode secret or restricted key (sk_test_, rk_test_)',
    keywords: ['sk_test_', 'rk_test_'],
    pattern: token('[sr]k_test_[A-Za-z0-9]{24,247}'),
    minEntropy: 3.5,
    severity: 'information',
    validate: notClerk,
    examples: {
      positive: [`stripe.api_key = "sk_test_51${g.s(CS.alnum, 97)}"`, `STRIPE_KEY=rk_test_${g.s(CS.alnum, 24)}`],
      negative: ['stripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"', 'stripe.api_key = "sk_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxx"', `const pk = "pk_test_${g.s(CS.alnum, 99)}";`],
    },
  },
  {
    id: 'stripe-webhook-secret',
    provider: 'stripe',
    providerName: 'Stripe',
    envVar: 'STRIPE_WEBHOOK_SECRET',
    description: 'Webhook signing secret (whsec_; Stripe, and Svix-based senders such as Clerk and Resend)',
    keywords: ['whsec_'],
    pattern: token('whsec_[A-Za-z0-9+/]{32,88}={0,2}', '(?![A-Za-z0-9_+/=-])'),
    minEntropy: 3.5,
    examples: {
      positive: [`const endpointSecret = "whsec_${g.s(CS.alnum, 32)}";`, `WEBHOOK_SECRET=whsec_${g.s(CS.b64, 43)}=`],
      negative: ["const endpointSecret = 'whsec_...';", `const endpointSecret = "whsec_${g.s(CS.alnum, 16)}";`, 'WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'square-access-token',
    provider: 'square',
    providerName: 'Square',
    envVar: 'SQUARE_ACCESS_TOKEN',
    description: 'Square access token or application secret (sq0atp-, sq0csp-)',
    keywords: ['sq0atp-', 'sq0csp-'],
    pattern: token('sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}'),
    minEntropy: 3.5,
    examples: {
      positive: [`SQUARE_ACCESS_TOKEN=sq0atp-${g.s(CS.b64url, 22)}`, `application_secret: "sq0csp-${g.s(CS.b64url, 43)}"`],
      negative: [`SQUARE_ACCESS_TOKEN=sq0atp-${g.s(CS.b64url, 12)}`, `SQUARE_APP_ID=sq0idp-${g.s(CS.b64url, 22)}`],
    },
  },
  {
    id: 'square-production-token',
    provider: 'square',
    providerName: 'Square',
    envVar: 'SQUARE_ACCESS_TOKEN',
    description: 'Square production access token (EAAA…; Facebook tokens share the prefix, so only next to a Square name)',
    keywords: ['square'],
    pattern: token('EAAA[A-Za-z0-9_+=-]{60}'),
    minEntropy: 4,
    requiresContext: true,
    validate: lineMentions(/square/i),
    examples: {
      positive: [`SQUARE_ACCESS_TOKEN=EAAA${g.s(CS.b64url, 60)}`],
      negative: [`FACEBOOK_TOKEN=EAAA${g.s(CS.b64url, 60)}`, `SQUARE_ACCESS_TOKEN=EAAA${g.s(CS.b64url, 20)}`],
    },
  },
  {
    id: 'braintree-access-token',
    provider: 'braintree',
    providerName: 'PayPal Braintree',
    envVar: 'BRAINTREE_ACCESS_TOKEN',
    description: 'Braintree / PayPal production access token (access_token$production$…)',
    keywords: ['access_token$production$'],
    pattern: token('access_token\\$production\\$[0-9a-z]{16}\\$[0-9a-f]{32}'),
    minEntropy: 3,
    examples: {
      positive: [`gateway = braintree.BraintreeGateway(access_token="access_token$production$${g.s(CS.lower, 16)}$${g.s(CS.hex, 32)}")`],
      negative: [`access_token="access_token$sandbox$${g.s(CS.lower, 16)}$${g.s(CS.hex, 32)}"`, 'access_token="access_token$production$<merchant_id>$<token>"'],
    },
  },
  {
    id: 'shopify-token',
    provider: 'shopify',
    providerName: 'Shopify',
    envVar: 'SHOPIFY_ACCESS_TOKEN',
    description: 'Shopify access token or shared secret (shpat_, shpca_, shppa_, shpss_)',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: token('shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}'),
    minEntropy: 3,
    examples: {
      positive: [`SHOPIFY_ACCESS_TOKEN=shpat_${g.s(CS.hex, 32)}`, `'X-Shopify-Access-Token': 'shpca_${g.s(CS.hex, 32)}',`, `SHOPIFY_API_SECRET=shpss_${g.s(CS.hex, 32)}`],
      negative: [`SHOPIFY_ACCESS_TOKEN=shpat_${g.s(CS.hex, 16)}`, 'SHOPIFY_ACCESS_TOKEN=shpat_00000000000000000000000000000000'],
    },
  },
  {
    id: 'plaid-access-token',
    provider: 'plaid',
    providerName: 'Plaid',
    envVar: 'PLAID_ACCESS_TOKEN',
    description: 'Plaid production access token (access-production-<uuid>)',
    keywords: ['access-production-'],
    pattern: token(`access-production-${UUID}`),
    examples: {
      positive: [`access_token = "access-production-${g.uuid()}"`],
      negative: [`access_token = "access-sandbox-${g.uuid()}"`, 'access_token = "access-production-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"'],
    },
  },
  {
    id: 'flutterwave-secret-key',
    provider: 'flutterwave',
    providerName: 'Flutterwave',
    envVar: 'FLW_SECRET_KEY',
    description: 'Flutterwave live secret key (FLWSECK-…-X)',
    keywords: ['flwseck'],
    pattern: token('FLWSECK-[a-f0-9]{32}-X'),
    minEntropy: 3,
    examples: {
      positive: [`FLW_SECRET_KEY=FLWSECK-${g.s(CS.hex, 32)}-X`],
      negative: [`FLW_PUBLIC_KEY=FLWPUBK-${g.s(CS.hex, 32)}-X`, `FLW_SECRET_KEY=FLWSECK-${g.s(CS.hex, 20)}-X`],
    },
  },
  {
    id: 'easypost-api-key',
    provider: 'easypost',
    providerName: 'EasyPost',
    envVar: 'EASYPOST_API_KEY',
    description: 'EasyPost production API key (EZAK…)',
    keywords: ['ezak'],
    pattern: token('EZAK[A-Za-z0-9]{54}'),
    minEntropy: 4,
    examples: {
      positive: [`EASYPOST_API_KEY=EZAK${g.s(CS.alnum, 54)}`],
      negative: [`EASYPOST_API_KEY=EZTK${g.s(CS.alnum, 54)}`, `EASYPOST_API_KEY=EZAK${g.s(CS.alnum, 20)}`],
    },
  },
  {
    id: 'shippo-live-token',
    provider: 'shippo',
    providerName: 'Shippo',
    envVar: 'SHIPPO_API_TOKEN',
    description: 'Shippo live API token (shippo_live_)',
    keywords: ['shippo_live_'],
    pattern: token('shippo_live_[a-f0-9]{40}'),
    minEntropy: 3,
    examples: {
      positive: [`Authorization: ShippoToken shippo_live_${g.s(CS.hex, 40)}`],
      negative: [`SHIPPO_API_TOKEN=shippo_test_${g.s(CS.hex, 40)}`, `SHIPPO_API_TOKEN=shippo_live_${g.s(CS.hex, 10)}`],
    },
  },
];
