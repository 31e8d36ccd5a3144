// AI model and vector-database providers.
import type { KeyFormat } from '../types';
import { L, R, lineMentions, mixedAlnum, token } from './shape';
import { CS, Synth } from './synth';

const g = new Synth('ai');

// "T3BlbkFJ" is base64 of "OpenAI": OpenAI embeds it in the middle of its keys.
const OPENAI_MARK = 'T3BlbkFJ';

export const AI_FORMATS: KeyFormat[] = [
  {
    id: 'openai-api-key',
    provider: 'openai',
    providerName: 'OpenAI',
    envVar: 'OPENAI_API_KEY',
    description: 'OpenAI API key (project sk-proj-, service account sk-svcacct-, admin sk-admin-)',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    pattern: token('sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}'),
    minEntropy: 4,
    validate: (s) => mixedAlnum(s),
    examples: {
      positive: [
        `client = OpenAI(api_key="sk-proj-${g.s(CS.b64url, 74)}${OPENAI_MARK}${g.s(CS.b64url, 74)}")`,
        `OPENAI_API_KEY=sk-svcacct-${g.s(CS.b64url, 58)}${OPENAI_MARK}${g.s(CS.b64url, 58)}`,
        `const admin = "sk-admin-${g.s(CS.b64url, 58)}${OPENAI_MARK}${g.s(CS.b64url, 58)}";`,
      ],
      negative: [
        'OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'OPENAI_API_KEY=sk-proj-...',
        `OPENAI_API_KEY=sk-proj-${g.s(CS.alnum, 20)}`,
        '<div class="sk-proj-header-navigation-container-wrapper-element">',
        'const task-proj-settings-panel-collapsed-by-default-value = 1;',
      ],
    },
  },
  {
    id: 'openai-api-key-legacy',
    provider: 'openai',
    providerName: 'OpenAI',
    envVar: 'OPENAI_API_KEY',
    description: 'OpenAI API key (any sk- key carrying the T3BlbkFJ mark: the pre-2024 user key, sk-None-…, named keys)',
    keywords: ['t3blbkfj'],
    // Project, service-account and admin keys belong to the format above.
    pattern: token(`sk-(?!proj-|svcacct-|admin-)[A-Za-z0-9_-]{20,160}${OPENAI_MARK}[A-Za-z0-9_-]{20,160}`),
    minEntropy: 4,
    examples: {
      positive: [`openai.api_key = "sk-${g.s(CS.alnum, 20)}${OPENAI_MARK}${g.s(CS.alnum, 20)}"`, `OPENAI_API_KEY=sk-None-${g.s(CS.b64url, 40)}${OPENAI_MARK}${g.s(CS.b64url, 40)}`],
      negative: [`openai.api_key = "sk-${g.s(CS.alnum, 48)}"`, '.sk-btn { color: red } /* sk-T3BlbkFJ */'],
    },
  },
  {
    id: 'anthropic-api-key',
    provider: 'anthropic',
    providerName: 'Anthropic',
    envVar: 'ANTHROPIC_API_KEY',
    description: 'Anthropic API key (sk-ant-api03-)',
    keywords: ['sk-ant-api03-'],
    pattern: token('sk-ant-api03-[A-Za-z0-9_-]{93}AA'),
    minEntropy: 4,
    examples: {
      positive: [`client = anthropic.Anthropic(api_key="sk-ant-api03-${g.s(CS.b64url, 93)}AA")`, `ANTHROPIC_API_KEY=sk-ant-api03-${g.s(CS.b64url, 93)}AA`],
      negative: [`ANTHROPIC_API_KEY=sk-ant-api03-${g.s(CS.b64url, 60)}AA`, `ANTHROPIC_API_KEY=sk-ant-api03-${g.s(CS.b64url, 93)}BB`, 'ANTHROPIC_API_KEY=sk-ant-api03-...'],
    },
  },
  {
    id: 'anthropic-admin-key',
    provider: 'anthropic',
    providerName: 'Anthropic',
    envVar: 'ANTHROPIC_ADMIN_KEY',
    description: 'Anthropic Admin API key (sk-ant-admin01-)',
    keywords: ['sk-ant-admin01-'],
    pattern: token('sk-ant-admin01-[A-Za-z0-9_-]{93}AA'),
    minEntropy: 4,
    examples: {
      positive: [`ANTHROPIC_ADMIN_KEY=sk-ant-admin01-${g.s(CS.b64url, 93)}AA`],
      negative: [`ANTHROPIC_ADMIN_KEY=sk-ant-admin01-${g.s(CS.b64url, 40)}AA`],
    },
  },
  {
    id: 'anthropic-oauth-token',
    provider: 'anthropic',
    providerName: 'Anthropic',
    envVar: 'CLAUDE_CODE_OAUTH_TOKEN',
    description: 'Anthropic OAuth access or refresh token (sk-ant-oat01-, sk-ant-ort01-)',
    keywords: ['sk-ant-oat01-', 'sk-ant-ort01-'],
    pattern: token('sk-ant-o[ar]t01-[A-Za-z0-9_-]{80,160}'),
    minEntropy: 4,
    examples: {
      positive: [`CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-${g.s(CS.b64url, 93)}AA`],
      negative: ['CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-tooShort'],
    },
  },
  {
    id: 'groq-api-key',
    provider: 'groq',
    providerName: 'Groq',
    envVar: 'GROQ_API_KEY',
    description: 'Groq API key (gsk_)',
    keywords: ['gsk_'],
    pattern: token('gsk_[A-Za-z0-9]{52}'),
    minEntropy: 4,
    examples: {
      positive: [`client = Groq(api_key="gsk_${g.s(CS.alnum, 52)}")`],
      negative: [`GROQ_API_KEY=gsk_${g.s(CS.alnum, 30)}`, 'GROQ_API_KEY=gsk_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    },
  },
  {
    id: 'huggingface-token',
    provider: 'huggingface',
    providerName: 'Hugging Face',
    envVar: 'HF_TOKEN',
    description: 'Hugging Face access token (user hf_, organisation api_org_)',
    keywords: ['hf_', 'api_org_'],
    pattern: token('hf_[A-Za-z0-9]{34}|api_org_[A-Za-z0-9]{34}'),
    minEntropy: 3.8,
    // Issued tokens are letters only; identifiers like hf_someLongFunctionName need ruling out: demand
    // a random-looking mix of cases rather than camelCase words.
    validate: (s) => {
      const body = s.slice(s.indexOf('_', 3) + 1);
      const upper = body.replace(/[^A-Z]/g, '').length;
      return upper >= 4 && body.length - upper >= 4 && !/[a-z]{4,}[A-Z][a-z]{4,}[A-Z][a-z]{4,}/.test(body);
    },
    examples: {
      positive: [`login(token="hf_${g.s(CS.letters, 34)}")`, `HF_TOKEN=hf_${g.s(CS.letters, 34)}`],
      negative: [`HF_TOKEN=hf_${g.s(CS.letters, 20)}`, 'const hf_normalizeTokenizerVocabularyLoaderX = 1;', `HF_TOKEN=hf_${g.s(CS.letters, 40)}`],
    },
  },
  {
    id: 'replicate-api-token',
    provider: 'replicate',
    providerName: 'Replicate',
    envVar: 'REPLICATE_API_TOKEN',
    description: 'Replicate API token (r8_)',
    keywords: ['r8_'],
    pattern: token('r8_[A-Za-z0-9_-]{37}'),
    minEntropy: 4,
    validate: (s) => mixedAlnum(s.slice(3)),
    examples: {
      positive: [`REPLICATE_API_TOKEN=r8_${g.s(CS.alnum, 37)}`],
      negative: [`REPLICATE_API_TOKEN=r8_${g.s(CS.alnum, 20)}`, 'const r8_FORMAT_UINT_NORMALIZED_EXTENSION = 1;'],
    },
  },
  {
    id: 'openrouter-api-key',
    provider: 'openrouter',
    providerName: 'OpenRouter',
    envVar: 'OPENROUTER_API_KEY',
    description: 'OpenRouter API key (sk-or-v1-)',
    keywords: ['sk-or-v1-'],
    pattern: token('sk-or-v1-[a-f0-9]{64}'),
    minEntropy: 3,
    examples: {
      positive: [`OPENROUTER_API_KEY=sk-or-v1-${g.s(CS.hex, 64)}`],
      negative: [`OPENROUTER_API_KEY=sk-or-v1-${g.s(CS.hex, 32)}`, 'OPENROUTER_API_KEY=sk-or-v1-...'],
    },
  },
  {
    id: 'perplexity-api-key',
    provider: 'perplexity',
    providerName: 'Perplexity',
    envVar: 'PERPLEXITY_API_KEY',
    description: 'Perplexity API key (pplx-)',
    keywords: ['pplx-'],
    pattern: token('pplx-[A-Za-z0-9]{40,64}'),
    minEntropy: 4,
    examples: {
      positive: [`PERPLEXITY_API_KEY=pplx-${g.s(CS.alnum, 48)}`],
      negative: [`PERPLEXITY_API_KEY=pplx-${g.s(CS.alnum, 20)}`, 'PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'xai-api-key',
    provider: 'xai',
    providerName: 'xAI',
    envVar: 'XAI_API_KEY',
    description: 'xAI API key (Grok; xai-)',
    keywords: ['xai-'],
    pattern: token('xai-[A-Za-z0-9]{70,90}'),
    minEntropy: 4,
    examples: {
      positive: [`XAI_API_KEY=xai-${g.s(CS.alnum, 80)}`],
      negative: [`XAI_API_KEY=xai-${g.s(CS.alnum, 40)}`, 'model = "xai-grok-beta"'],
    },
  },
  {
    id: 'deepseek-api-key',
    provider: 'deepseek',
    providerName: 'DeepSeek',
    envVar: 'DEEPSEEK_API_KEY',
    description: 'DeepSeek API key (sk- + 32 hex; OpenAI-like, so only next to a DeepSeek name or host)',
    keywords: ['deepseek'],
    pattern: token('sk-[a-f0-9]{32}'),
    minEntropy: 3,
    requiresContext: true,
    validate: lineMentions(/deepseek/i),
    examples: {
      positive: [`DEEPSEEK_API_KEY=sk-${g.s(CS.hex, 32)}`, `client = OpenAI(api_key="sk-${g.s(CS.hex, 32)}", base_url="https://api.deepseek.com")`],
      negative: [`API_KEY=sk-${g.s(CS.hex, 32)}`, `DEEPSEEK_API_KEY=sk-${g.s(CS.hex, 20)}`],
    },
  },
  {
    id: 'cohere-api-key',
    provider: 'cohere',
    providerName: 'Cohere',
    envVar: 'CO_API_KEY',
    description: 'Cohere API key (40 alphanumerics next to a Cohere name)',
    keywords: ['cohere', 'co_api_key'],
    pattern: `${L}(?<secret>[A-Za-z0-9]{40})${R}`,
    minEntropy: 4,
    requiresContext: true,
    validate: (s, line) => /cohere[\w.-]{0,12}(?:api|key|token|client)|co_api_key/i.test(line) && mixedAlnum(s),
    examples: {
      positive: [`co = cohere.Client("${g.s(CS.alnum, 40)}")`, `COHERE_API_KEY=${g.s(CS.alnum, 40)}`],
      negative: [`GIT_SHA=${g.s(CS.alnum, 40)}`, `COHERE_API_KEY=${g.s(CS.hex, 40)}`, `import cohere; build_id = "${g.s(CS.alnum, 40)}"`],
    },
  },
  {
    id: 'mistral-api-key',
    provider: 'mistral',
    providerName: 'Mistral AI',
    envVar: 'MISTRAL_API_KEY',
    description: 'Mistral API key (32 alphanumerics next to a Mistral name)',
    keywords: ['mistral'],
    pattern: `${L}(?<secret>[A-Za-z0-9]{32})${R}`,
    minEntropy: 3.8,
    requiresContext: true,
    validate: (s, line) => /mistral[\w.-]{0,12}(?:api|key|token)|Mistral\(/i.test(line) && mixedAlnum(s),
    examples: {
      positive: [`MISTRAL_API_KEY=${g.s(CS.alnum, 32)}`, `client = Mistral(api_key="${g.s(CS.alnum, 32)}")`],
      negative: [`model_hash = "${g.s(CS.alnum, 32)}"  # mistral-7b`, `MISTRAL_API_KEY=${g.s(CS.hex, 32)}`],
    },
  },
  {
    id: 'pinecone-api-key',
    provider: 'pinecone',
    providerName: 'Pinecone',
    envVar: 'PINECONE_API_KEY',
    description: 'Pinecone API key (pcsk_)',
    keywords: ['pcsk_'],
    pattern: token('pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,80}'),
    minEntropy: 4,
    examples: {
      positive: [`pc = Pinecone(api_key="pcsk_${g.s(CS.alnum, 6)}_${g.s(CS.alnum, 64)}")`],
      negative: [`PINECONE_API_KEY=pcsk_${g.s(CS.alnum, 6)}_${g.s(CS.alnum, 10)}`, 'PINECONE_API_KEY=pcsk_...'],
    },
  },
  {
    id: 'langsmith-api-key',
    provider: 'langchain',
    providerName: 'LangSmith',
    envVar: 'LANGSMITH_API_KEY',
    description: 'LangSmith personal or service key (lsv2_pt_, lsv2_sk_)',
    keywords: ['lsv2_pt_', 'lsv2_sk_'],
    pattern: token('lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}'),
    minEntropy: 3,
    examples: {
      positive: [`LANGSMITH_API_KEY=lsv2_pt_${g.s(CS.hex, 32)}_${g.s(CS.hex, 10)}`],
      negative: [`LANGSMITH_API_KEY=lsv2_pt_${g.s(CS.hex, 32)}`],
    },
  },
  {
    id: 'elevenlabs-api-key',
    provider: 'elevenlabs',
    providerName: 'ElevenLabs',
    envVar: 'ELEVENLABS_API_KEY',
    description: 'ElevenLabs API key (sk_ + 48 hex, next to an ElevenLabs name)',
    keywords: ['elevenlabs', 'xi-api-key', 'xi_api_key'],
    pattern: token('sk_[a-f0-9]{48}'),
    minEntropy: 3,
    requiresContext: true,
    validate: lineMentions(/elevenlabs|xi[-_]api[-_]key/i),
    examples: {
      positive: [`ELEVENLABS_API_KEY=sk_${g.s(CS.hex, 48)}`, `headers = {"xi-api-key": "sk_${g.s(CS.hex, 48)}"}`],
      negative: [`SOME_KEY=sk_${g.s(CS.hex, 48)}`],
    },
  },
];
