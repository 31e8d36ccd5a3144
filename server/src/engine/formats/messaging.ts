// Messaging, chat and e-mail delivery.
import type { KeyFormat } from '../types';
import { L, R, UUID, entropy, lineMentions, token } from './shape';
import { CS, Synth } from './synth';

const g = new Synth('messaging');

const slackTeam = () => `T${g.s(CS.upperDigits, 10)}`;
const slackId = () => g.s(CS.digits, 12);

export const MESSAGING_FORMATS: KeyFormat[] = [
  {
    id: 'slack-bot-token',
    provider: 'slack',
    providerName: 'Slack',
    envVar: 'SLACK_BOT_TOKEN',
    description: 'Slack bot token (xoxb-)',
    keywords: ['xoxb-'],
    // Current shape (team-bot-secret) or the legacy two-part one.
    pattern: token('xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}|xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}'),
    validate: (s) => {
      const last = s.slice(s.lastIndexOf('-') + 1);
      return /[A-Za-z]/.test(last) && entropy(last) >= 3.3 && !/-0{6,}-/.test(s);
    },
    examples: {
      positive: [`SLACK_BOT_TOKEN=xoxb-${slackId()}-${slackId()}-${g.s(CS.alnum, 24)}`, `app = App(token="xoxb-${slackId()}-${slackId()}-${g.s(CS.alnum, 24)}")`],
      negative: ['SLACK_BOT_TOKEN=xoxb-not-a-real-token-this-will-not-work', 'SLACK_BOT_TOKEN=xoxb-your-bot-token', 'token: "xoxb-000000000000-000000000000-XXXXXXXXXXXXXXXXXXXXXXXX"'],
    },
  },
  {
    id: 'slack-user-token',
    provider: 'slack',
    providerName: 'Slack',
    envVar: 'SLACK_USER_TOKEN',
    description: 'Slack user, workspace or legacy token (xoxp-, xoxa-, xoxr-, xoxs-, xoxe-)',
    keywords: ['xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe-', 'xoxe.'],
    pattern: token('(?:xoxe\\.)?xox[parse]-(?:\\d-)?[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}|xox[ar]-[0-9]-[A-Za-z0-9-]{60,200}|xoxe-\\d-[A-Za-z0-9]{140,160}'),
    minEntropy: 3,
    examples: {
      positive: [
        `SLACK_USER_TOKEN=xoxp-${slackId()}-${slackId()}-${slackId()}-${g.s(CS.hex, 32)}`,
        `refresh = "xoxe-1-${g.s(CS.alnum, 146)}"`,
      ],
      negative: ['SLACK_USER_TOKEN=xoxp-your-user-token', `SLACK_USER_TOKEN=xoxp-${slackId()}-${slackId()}-${slackId()}-${g.s(CS.hex, 20)}`],
    },
  },
  {
    id: 'slack-app-token',
    provider: 'slack',
    providerName: 'Slack',
    envVar: 'SLACK_APP_TOKEN',
    description: 'Slack app-level token (xapp-)',
    keywords: ['xapp-'],
    pattern: token('xapp-\\d-[A-Z0-9]{9,11}-\\d{10,13}-[a-f0-9]{64}'),
    minEntropy: 3,
    examples: {
      positive: [`SLACK_APP_TOKEN=xapp-1-A${g.s(CS.upperDigits, 10)}-${slackId()}-${g.s(CS.hex, 64)}`],
      negative: ['SLACK_APP_TOKEN=xapp-1-your-app-token', `SLACK_APP_TOKEN=xapp-1-A${g.s(CS.upperDigits, 10)}-${slackId()}-${g.s(CS.hex, 30)}`],
    },
  },
  {
    id: 'slack-webhook-url',
    provider: 'slack',
    providerName: 'Slack',
    envVar: 'SLACK_WEBHOOK_URL',
    description: 'Slack incoming webhook or workflow trigger URL (anyone holding it can post)',
    keywords: ['hooks.slack.com'],
    pattern: `(?<secret>https://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{8,12}/[AB][A-Z0-9]{8,12}/(?:\\d{6,20}/)?[A-Za-z0-9]{23,32})(?![A-Za-z0-9_-])`,
    // The last segment is the secret: Slack's docs use T00000000/B00000000/XXXX….
    validate: (s) => entropy(s.slice(s.lastIndexOf('/') + 1)) >= 3.5,
    examples: {
      positive: [`SLACK_WEBHOOK_URL=https://hooks.slack.com/services/${slackTeam()}/B${g.s(CS.upperDigits, 10)}/${g.s(CS.alnum, 24)}`, `requests.post("https://hooks.slack.com/services/${slackTeam()}/B${g.s(CS.upperDigits, 10)}/${g.s(CS.alnum, 24)}", json=msg)`],
      negative: ['SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'See https://hooks.slack.com/services/ for details'],
    },
  },
  {
    id: 'discord-bot-token',
    provider: 'discord',
    providerName: 'Discord',
    envVar: 'DISCORD_BOT_TOKEN',
    description: 'Discord bot token (base64 user id . timestamp . HMAC; only next to a Discord/bot name)',
    keywords: ['discord', 'bot_token', 'bot-token', 'bottoken', 'client.login', 'client.run'],
    pattern: token('[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}'),
    minEntropy: 4,
    requiresContext: true,
    validate: lineMentions(/discord|bot[_-]?token|client\.(?:login|run)\(/i),
    examples: {
      positive: [`DISCORD_BOT_TOKEN=MT${g.s(CS.alnum, 24)}.${g.s(CS.b64url, 6)}.${g.s(CS.b64url, 38)}`, `client.login('OD${g.s(CS.alnum, 22)}.${g.s(CS.b64url, 6)}.${g.s(CS.b64url, 27)}');`],
      negative: [`const jwt = "MT${g.s(CS.alnum, 24)}.${g.s(CS.b64url, 6)}.${g.s(CS.b64url, 38)}";`, `DISCORD_BOT_TOKEN=MT${g.s(CS.alnum, 10)}.${g.s(CS.b64url, 6)}.${g.s(CS.b64url, 10)}`],
    },
  },
  {
    id: 'discord-webhook-url',
    provider: 'discord',
    providerName: 'Discord',
    envVar: 'DISCORD_WEBHOOK_URL',
    description: 'Discord webhook URL (anyone holding it can post to the channel)',
    keywords: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    pattern: `(?<secret>https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])`,
    validate: (s) => entropy(s.slice(s.lastIndexOf('/') + 1)) >= 4,
    examples: {
      positive: [`DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/${g.s(CS.digits, 19)}/${g.s(CS.b64url, 68)}`],
      negative: ['DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/{webhook.id}/{webhook.token}', `url = "https://discord.com/api/webhooks/${g.s(CS.digits, 19)}/${'x'.repeat(68)}"`],
    },
  },
  {
    id: 'telegram-bot-token',
    provider: 'telegram',
    providerName: 'Telegram',
    envVar: 'TELEGRAM_BOT_TOKEN',
    description: 'Telegram bot token (bot id : 35 chars; only next to a Telegram/bot name or the Bot API host)',
    keywords: ['telegram', 'telegraf', 'bot_token', 'bottoken', 'bot-token', 'tg_token', 'api.telegram.org', 'telebot', 'aiogram'],
    // Bot id, colon, 35 chars that in practice start with A (AAE…, AAF…, AAH…).
    pattern: `(?<![A-Za-z0-9_:+.-])(?:bot)?(?<secret>[0-9]{6,12}:A[A-Za-z0-9_-]{34})(?![A-Za-z0-9_-])`,
    minEntropy: 4,
    requiresContext: true,
    validate: lineMentions(/telegra[mf]|bot[_-]?token|tg_token|telebot|aiogram/i),
    examples: {
      positive: [
        `TELEGRAM_BOT_TOKEN=${g.s(CS.digits, 10)}:AA${g.s(CS.b64url, 33)}`,
        `fetch(\`https://api.telegram.org/bot${g.s(CS.digits, 10)}:AA${g.s(CS.b64url, 33)}/sendMessage\`)`,
      ],
      negative: [`time = "${g.s(CS.digits, 10)}:AA${g.s(CS.b64url, 33)}"`, `TELEGRAM_BOT_TOKEN=${g.s(CS.digits, 10)}:AA${g.s(CS.b64url, 20)}`, 'TELEGRAM_BOT_TOKEN=123456789:ABCdefGhIJKlmNoPQRsTUVwxyZ'],
    },
  },
  {
    id: 'sendgrid-api-key',
    provider: 'sendgrid',
    providerName: 'Twilio SendGrid',
    envVar: 'SENDGRID_API_KEY',
    description: 'SendGrid API key (SG.<22>.<43>)',
    keywords: ['sg.'],
    pattern: token('SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}'),
    minEntropy: 4,
    examples: {
      positive: [`sgMail.setApiKey('SG.${g.s(CS.b64url, 22)}.${g.s(CS.b64url, 43)}');`, `SENDGRID_API_KEY=SG.${g.s(CS.b64url, 22)}.${g.s(CS.b64url, 43)}`],
      negative: ['SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `SENDGRID_API_KEY=SG.${g.s(CS.b64url, 22)}.${g.s(CS.b64url, 20)}`],
    },
  },
  {
    id: 'twilio-api-key',
    provider: 'twilio',
    providerName: 'Twilio',
    envVar: 'TWILIO_API_KEY',
    description: 'Twilio API key or auth token (SK + 32 hex, or 32 hex, next to a Twilio name; AC… account SIDs are identifiers)',
    keywords: ['twilio'],
    pattern: `${L}(?<secret>SK[a-f0-9]{32}|[a-f0-9]{32})${R}`,
    minEntropy: 3,
    requiresContext: true,
    validate: (s, line) => /twilio/i.test(line) && (s.startsWith('SK') || /auth[_-]?token|authToken|api[_-]?secret|secret/i.test(line)),
    examples: {
      positive: [`TWILIO_API_KEY=SK${g.s(CS.hex, 32)}`, `TWILIO_AUTH_TOKEN=${g.s(CS.hex, 32)}`, `const client = twilio(accountSid, "${g.s(CS.hex, 32)}"); // authToken`],
      negative: [`TWILIO_ACCOUNT_SID=AC${g.s(CS.hex, 32)}`, `API_KEY_SID=SK${g.s(CS.hex, 32)}`, `TWILIO_MESSAGING_SERVICE_ID=${g.s(CS.hex, 32)}`],
    },
  },
  {
    id: 'mailgun-api-key',
    provider: 'mailgun',
    providerName: 'Mailgun',
    envVar: 'MAILGUN_API_KEY',
    description: 'Mailgun private API key (key-… or <32 hex>-<8 hex>-<8 hex>), next to a Mailgun name',
    keywords: ['mailgun'],
    pattern: token('key-[a-f0-9]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}'),
    minEntropy: 3,
    requiresContext: true,
    validate: lineMentions(/mailgun/i),
    examples: {
      positive: [`MAILGUN_API_KEY=key-${g.s(CS.hex, 32)}`, `const mg = mailgun.client({ username: 'api', key: '${g.s(CS.hex, 32)}-${g.s(CS.hex, 8)}-${g.s(CS.hex, 8)}' });`],
      negative: [`cacheKey = "key-${g.s(CS.hex, 32)}"`, `MAILGUN_PUBLIC_KEY=pubkey-${g.s(CS.hex, 32)}`],
    },
  },
  {
    id: 'mailchimp-api-key',
    provider: 'mailchimp',
    providerName: 'Mailchimp',
    envVar: 'MAILCHIMP_API_KEY',
    description: 'Mailchimp Marketing API key (32 hex + data-centre suffix -usN)',
    keywords: ['-us'],
    pattern: token('[a-f0-9]{32}-us[0-9]{1,2}'),
    minEntropy: 3,
    examples: {
      positive: [`mailchimp.setConfig({ apiKey: "${g.s(CS.hex, 32)}-us21", server: "us21" });`],
      negative: [`MAILCHIMP_API_KEY=${g.s(CS.hex, 20)}-us21`, `id = "${g.s(CS.hex, 32)}-usr"`, 'MAILCHIMP_API_KEY=00000000000000000000000000000000-us1'],
    },
  },
  {
    id: 'postmark-server-token',
    provider: 'postmark',
    providerName: 'Postmark',
    envVar: 'POSTMARK_SERVER_TOKEN',
    description: 'Postmark server or account token (a UUID, so only next to a Postmark name/header)',
    keywords: ['postmark'],
    pattern: `${L}(?<secret>${UUID})${R}`,
    flags: 'i',
    requiresContext: true,
    validate: lineMentions(/postmark[\w.-]{0,16}(?:token|key|client)|X-Postmark-(?:Server|Account)-Token/i),
    examples: {
      positive: [`POSTMARK_SERVER_TOKEN=${g.uuid()}`, `const client = new postmark.ServerClient("${g.uuid()}");`],
      negative: [`postmark_message_id = "${g.uuid()}"`, `SERVER_TOKEN=${g.uuid()}`],
    },
  },
  {
    id: 'resend-api-key',
    provider: 'resend',
    providerName: 'Resend',
    envVar: 'RESEND_API_KEY',
    description: 'Resend API key (re_…, next to a Resend name)',
    keywords: ['resend'],
    pattern: token('re_[A-Za-z0-9]{6,10}_[A-Za-z0-9]{20,32}'),
    minEntropy: 3.5,
    requiresContext: true,
    validate: lineMentions(/resend/i),
    examples: {
      positive: [`RESEND_API_KEY=re_${g.s(CS.alnum, 8)}_${g.s(CS.alnum, 24)}`, `const resend = new Resend('re_${g.s(CS.alnum, 8)}_${g.s(CS.alnum, 24)}');`],
      negative: [`const value = 're_${g.s(CS.alnum, 8)}_${g.s(CS.alnum, 24)}';`, "const resend = new Resend('re_123456789');"],
    },
  },
  {
    id: 'brevo-api-key',
    provider: 'brevo',
    providerName: 'Brevo (Sendinblue)',
    envVar: 'BREVO_API_KEY',
    description: 'Brevo / Sendinblue API key (xkeysib-) or SMTP key (xsmtpsib-)',
    keywords: ['xkeysib-', 'xsmtpsib-'],
    pattern: token('x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}'),
    minEntropy: 3,
    examples: {
      positive: [`BREVO_API_KEY=xkeysib-${g.s(CS.hex, 64)}-${g.s(CS.alnum, 16)}`],
      negative: [`BREVO_API_KEY=xkeysib-${g.s(CS.hex, 30)}-${g.s(CS.alnum, 16)}`],
    },
  },
  {
    id: 'twitch-token',
    provider: 'twitch',
    providerName: 'Twitch',
    envVar: 'TWITCH_ACCESS_TOKEN',
    description: 'Twitch OAuth token or client secret (30 lower-case alphanumerics, next to a Twitch name)',
    keywords: ['twitch'],
    // The second guard keeps `xoauth:` (a longer word) from yielding the token after its colon.
    pattern: `${L}(?:oauth:)?(?<![A-Za-z0-9_+.-]oauth:)(?<secret>[a-z0-9]{30})${R}`,
    minEntropy: 3.8,
    requiresContext: true,
    validate: (s, line) => /twitch[\w.-]{0,16}(?:token|secret|oauth|password)/i.test(line) && /[0-9]/.test(s) && /[a-z]/.test(s),
    examples: {
      positive: [`TWITCH_CLIENT_SECRET=${g.s(CS.lower, 30)}`, `twitch_oauth_token = "oauth:${g.s(CS.lower, 30)}"`],
      negative: [`TWITCH_CLIENT_ID=${g.s(CS.lower, 30)}`, `token = "${g.s(CS.lower, 30)}"`],
    },
  },
  {
    id: 'twitter-bearer-token',
    provider: 'twitter',
    providerName: 'X (Twitter)',
    envVar: 'TWITTER_BEARER_TOKEN',
    description: 'X / Twitter API app bearer token (a run of A then URL-encoded base64)',
    keywords: ['aaaaaaaaaaaaaaaaaaaa'],
    pattern: `(?<![A-Za-z0-9_+/%.-])(?<secret>A{20,24}[A-Za-z0-9%]{60,160})(?![A-Za-z0-9_+/=%-])`,
    minEntropy: 4,
    // Zero-byte base64 runs open blobs too (fonts, wasm): demand the token's URL encoding or context.
    validate: (s, line) => /%[0-9A-F]{2}/.test(s) || /twitter|bearer|x\.com/i.test(line),
    examples: {
      positive: [`TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAA${g.s(CS.alnum, 40)}%2B${g.s(CS.alnum, 40)}%3D${g.s(CS.alnum, 10)}`],
      negative: [`src: url(data:font/woff2;base64,AAAAAAAAAAAAAAAAAAAAAAAA${g.s(CS.alnum, 70)}) format("woff2");`, `TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAA${g.s(CS.alnum, 20)}`],
    },
  },
  {
    id: 'facebook-access-token',
    provider: 'facebook',
    providerName: 'Meta (Facebook, Instagram)',
    envVar: 'FACEBOOK_ACCESS_TOKEN',
    description: 'Meta Graph API access token (EAA…; next to a Facebook/Instagram/Graph API name)',
    keywords: ['facebook', 'fb_', 'instagram', 'graph.facebook'],
    pattern: token('EAA[A-Za-z0-9]{90,400}'),
    minEntropy: 4.5,
    requiresContext: true,
    validate: (_s, line) => /facebook|fb_|instagram/i.test(line) && !/square/i.test(line),
    examples: {
      positive: [
        `FACEBOOK_ACCESS_TOKEN=EAAG${g.s(CS.alnum, 180)}`,
        // keyward-ignore-next-line query-string-auth (an example of what users write)
        `requests.get("https://graph.facebook.com/v19.0/me", params={"access_token": "EAAB${g.s(CS.alnum, 150)}"})`,
      ],
      negative: [`SQUARE_ACCESS_TOKEN=EAAA${g.s(CS.alnum, 120)}`, `FACEBOOK_ACCESS_TOKEN=EAAG${g.s(CS.alnum, 30)}`],
    },
  },
  {
    id: 'teams-webhook-url',
    provider: 'microsoft-teams',
    providerName: 'Microsoft Teams',
    envVar: 'TEAMS_WEBHOOK_URL',
    description: 'Microsoft Teams incoming webhook URL (anyone holding it can post to the channel)',
    keywords: ['.webhook.office.com/webhookb2/'],
    pattern: `(?<secret>https://[A-Za-z0-9-]{1,64}\\.webhook\\.office\\.com/webhookb2/${UUID}@${UUID}/IncomingWebhook/[a-f0-9]{32}/${UUID}(?:/[A-Za-z0-9_-]{20,80})?)(?![A-Za-z0-9_-])`,
    validate: (s) => entropy(s.slice(s.indexOf('IncomingWebhook/'))) >= 3.5,
    examples: {
      positive: [`TEAMS_WEBHOOK_URL=https://acme.webhook.office.com/webhookb2/${g.uuid()}@${g.uuid()}/IncomingWebhook/${g.s(CS.hex, 32)}/${g.uuid()}`],
      negative: ['TEAMS_WEBHOOK_URL=https://acme.webhook.office.com/webhookb2/<group-id>@<tenant-id>/IncomingWebhook/<id>/<connector-id>'],
    },
  },
];
