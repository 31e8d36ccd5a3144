import { strict as assert } from 'node:assert';
import { envNameFor, toUpperSnake } from '../../../server/src/fixes';
import { findingFor } from './helpers';

const src = 'x = "pio_sk_abcdefghijklmnopqrstuvwx"';
const f = (extra: Parameters<typeof findingFor>[2]) => findingFor(src, 'pio_sk_abcdefghijklmnopqrstuvwx', extra);

describe('envNameFor', () => {
  it('prefers the provider env var, then the finding envVar', () => {
    assert.equal(envNameFor(f({ provider: 'pioneer', envVar: 'X' })), 'PIONEER_API_KEY');
    assert.equal(envNameFor(f({ provider: 'pinecall' })), 'PINECALL_API_KEY');
    assert.equal(envNameFor(f({ provider: 'pgai' })), 'PGAI_API_KEY');
    assert.equal(envNameFor(f({ provider: 'github', envVar: 'GITHUB_TOKEN' })), 'GITHUB_TOKEN');
  });

  it('derives UPPER_SNAKE from the context name', () => {
    const name = (n: string, kind: 'assignment' | 'header' = 'assignment') => envNameFor(f({ context: { kind, name: n } }));
    assert.equal(name('stripeSecretKey'), 'STRIPE_SECRET_KEY');
    assert.equal(name('openAIKey'), 'OPEN_AI_KEY');
    assert.equal(name('"weather-api-key"'), 'WEATHER_API_KEY');
    assert.equal(name('self.mailgun_token'), 'MAILGUN_TOKEN');
    assert.equal(name('$config->sendgridKey'), 'SENDGRID_KEY');
    assert.equal(name('2fa_secret'), '_2FA_SECRET');
    assert.equal(name('X-API-Key', 'header'), 'API_KEY');
    assert.equal(name('key'), 'API_KEY');
    assert.equal(name('ключ'), 'API_KEY');
  });

  it('appends _2, _3 for names already taken by other values', () => {
    assert.equal(envNameFor(f({ provider: 'pioneer' }), ['PIONEER_API_KEY']), 'PIONEER_API_KEY_2');
    assert.equal(envNameFor(f({}), new Set(['API_KEY', 'API_KEY_2'])), 'API_KEY_3');
  });

  it('toUpperSnake', () => {
    assert.equal(toUpperSnake('HTTPServerKey'), 'HTTP_SERVER_KEY');
    assert.equal(toUpperSnake("headers['x-goog-api-key']"), 'X_GOOG_API_KEY');
  });
});
