// Monitoring and error tracking: Sentry, Grafana, New Relic, Datadog, Dynatrace.
import type { KeyFormat } from '../types';
import { L, R, lineMentions, mixedAlnum, token } from './shape';
import { CS, Synth } from './synth';

const g = new Synth('observability');

export const OBSERVABILITY_FORMATS: KeyFormat[] = [
  {
    id: 'sentry-auth-token',
    provider: 'sentry',
    providerName: 'Sentry',
    envVar: 'SENTRY_AUTH_TOKEN',
    description: 'Sentry auth token (organisation sntrys_, user sntryu_; DSNs are public and not flagged)',
    keywords: ['sntrys_', 'sntryu_'],
    pattern: token('sntrys_eyJ[A-Za-z0-9+/=_-]{40,400}|sntryu_[a-f0-9]{64}', '(?![A-Za-z0-9_+/=-])'),
    minEntropy: 3.5,
    examples: {
      positive: [`SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE3${g.s(CS.b64, 120)}_${g.s(CS.b64, 43)}`, `authToken: "sntryu_${g.s(CS.hex, 64)}",`],
      negative: [`Sentry.init({ dsn: "https://${g.s(CS.hex, 32)}@o123456.ingest.sentry.io/4504" });`, `SENTRY_AUTH_TOKEN=sntryu_${g.s(CS.hex, 30)}`],
    },
  },
  {
    id: 'grafana-token',
    provider: 'grafana',
    providerName: 'Grafana',
    envVar: 'GRAFANA_SERVICE_ACCOUNT_TOKEN',
    description: 'Grafana token (Cloud access policy glc_, service account glsa_)',
    keywords: ['glc_', 'glsa_'],
    pattern: token('glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', '(?![A-Za-z0-9_+/=-])'),
    minEntropy: 4,
    validate: (s) => mixedAlnum(s),
    examples: {
      positive: [`loki_key: glc_eyJvIjoi${g.s(CS.b64, 100)}==`, `'Authorization': 'Bearer glsa_${g.s(CS.alnum, 32)}_${g.s(CS.hex, 8)}'`],
      negative: ['static void GLC_CreateLightmapTextureArray(void);', `API_KEY="glc_${'1'.repeat(40)}="`, 'glsa_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX_AAAAAAAA'],
    },
  },
  {
    id: 'new-relic-key',
    provider: 'newrelic',
    providerName: 'New Relic',
    envVar: 'NEW_RELIC_API_KEY',
    description: 'New Relic API key (user NRAK-, insights insert NRII-, license …NRAL)',
    keywords: ['nrak-', 'nrii-', 'nral'],
    pattern: token('NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|[a-f0-9]{36}NRAL'),
    minEntropy: 3,
    examples: {
      positive: [`NEW_RELIC_API_KEY=NRAK-${g.s(CS.upperDigits, 27)}`, `license_key: ${g.s(CS.hex, 36)}NRAL`],
      negative: [`NEW_RELIC_API_KEY=NRAK-${g.s(CS.upperDigits, 12)}`, `NEW_RELIC_BROWSER_KEY=NRJS-${g.s(CS.hex, 19)}`],
    },
  },
  {
    id: 'datadog-key',
    provider: 'datadog',
    providerName: 'Datadog',
    envVar: 'DD_API_KEY',
    description: 'Datadog API or application key (32 or 40 hex next to a Datadog name; pub… client tokens are public)',
    keywords: ['datadog', 'dd_api_key', 'dd_app_key', 'dd_application_key', 'dd-api-key', 'dd-application-key'],
    pattern: `${L}(?<secret>[a-f0-9]{32}|[a-f0-9]{40})${R}`,
    minEntropy: 3,
    requiresContext: true,
    validate: lineMentions(/datadog[\w.-]{0,12}(?:api|app|application)[\w.-]?key|dd[_-](?:api|app|application)[_-]key/i),
    examples: {
      positive: [`DD_API_KEY=${g.s(CS.hex, 32)}`, `"DD-APPLICATION-KEY": "${g.s(CS.hex, 40)}",`, `datadog_api_key = "${g.s(CS.hex, 32)}"`],
      negative: [`DD_CLIENT_TOKEN=pub${g.s(CS.hex, 32)}`, `datadog_trace_id = "${g.s(CS.hex, 32)}"`, `DD_API_KEY=${g.s(CS.hex, 30)}`],
    },
  },
  {
    id: 'dynatrace-token',
    provider: 'dynatrace',
    providerName: 'Dynatrace',
    envVar: 'DT_API_TOKEN',
    description: 'Dynatrace API token (dt0c01.<24>.<64>)',
    keywords: ['dt0c01.'],
    pattern: token('dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}'),
    minEntropy: 3.5,
    examples: {
      positive: [`DT_API_TOKEN=dt0c01.${g.s(CS.upperDigits, 24)}.${g.s(CS.upperDigits, 64)}`],
      negative: [`DT_API_TOKEN=dt0c01.${g.s(CS.upperDigits, 24)}.${g.s(CS.upperDigits, 20)}`, 'DT_API_TOKEN=dt0c01.ABC123.XXXXXXXX'],
    },
  },
];
