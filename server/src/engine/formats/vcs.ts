// Source hosting and CI: GitHub, GitLab, Atlassian/Bitbucket, CircleCI, Buildkite.
import type { KeyFormat } from '../types';
import { crc32Base62Valid, token } from './shape';
import { CS, Synth } from './synth';

const g = new Synth('vcs');

// GitHub's five classic token kinds share one shape and checksum; only the prefix and meaning differ.
const GITHUB_KINDS: Array<[string, string, string]> = [
  ['ghp_', 'github-pat-classic', 'GitHub personal access token (classic)'],
  ['gho_', 'github-oauth-token', 'GitHub OAuth access token'],
  ['ghu_', 'github-user-to-server-token', 'GitHub App user-to-server token'],
  ['ghs_', 'github-server-to-server-token', 'GitHub App installation token'],
  ['ghr_', 'github-refresh-token', 'GitHub App refresh token'],
];

const githubClassic: KeyFormat[] = GITHUB_KINDS.map(([prefix, id, description]) => ({
  id,
  provider: 'github',
  providerName: 'GitHub',
  envVar: 'GITHUB_TOKEN',
  description: `${description} (${prefix} + 30 chars + CRC32 checksum)`,
  keywords: [prefix],
  pattern: token(`${prefix}[A-Za-z0-9]{36}`),
  // The checksum removes nearly every look-alike: only 1 in 62^6 random strings pass.
  validate: (s: string) => crc32Base62Valid(s, 4),
  examples: {
    positive: [
      `GITHUB_TOKEN=${g.checksummed(prefix)}`,
      `git clone https://x-access-token:${g.checksummed(prefix)}@github.com/acme/app.git`,
      `const octokit = new Octokit({ auth: '${g.checksummed(prefix)}' });`,
    ],
    negative: [
      // Right shape, wrong checksum.
      `GITHUB_TOKEN=${prefix}${g.s(CS.alnum, 36)}`,
      `GITHUB_TOKEN=${prefix}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
      `id = "x${g.checksummed(prefix)}"`,
      `GITHUB_TOKEN=${g.checksummed(prefix)}${g.s(CS.alnum, 4)}`,
    ],
  },
}));

export const VCS_FORMATS: KeyFormat[] = [
  ...githubClassic,
  {
    id: 'github-fine-grained-pat',
    provider: 'github',
    providerName: 'GitHub',
    envVar: 'GITHUB_TOKEN',
    description: 'GitHub fine-grained personal access token (github_pat_)',
    keywords: ['github_pat_'],
    pattern: token('github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}'),
    minEntropy: 4,
    examples: {
      positive: [`GH_TOKEN=github_pat_${g.s(CS.alnum, 22)}_${g.s(CS.alnum, 59)}`, `token: "github_pat_${g.s(CS.alnum, 22)}_${g.s(CS.alnum, 59)}"`],
      negative: [
        `GH_TOKEN=github_pat_${g.s(CS.alnum, 22)}_${g.s(CS.alnum, 30)}`,
        'GH_TOKEN=github_pat_11AAAAAAAAAAAAAAAAAAAA_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        'Fine-grained tokens start with github_pat_ followed by the token id.',
      ],
    },
  },
  {
    id: 'gitlab-pat',
    provider: 'gitlab',
    providerName: 'GitLab',
    envVar: 'GITLAB_TOKEN',
    description: 'GitLab personal, project or group access token (glpat-; 20 chars or the routable form)',
    keywords: ['glpat-'],
    pattern: token('glpat-(?:[A-Za-z0-9_-]{27,300}\\.[0-9a-z]{2}[0-9a-z]{7}|[A-Za-z0-9_-]{20})'),
    minEntropy: 3.5,
    examples: {
      positive: [
        `GITLAB_TOKEN=glpat-${g.s(CS.b64url, 20)}`,
        `private_token = "glpat-${g.s(CS.b64url, 38)}.01${g.s(CS.lower, 7)}"`,
      ],
      negative: ['GITLAB_TOKEN=glpat-XXXXXXXXXXX-XXXXXXXX', `GITLAB_TOKEN=glpat-${g.s(CS.alnum, 12)}`, `GITLAB_TOKEN=glpat-${g.s(CS.alnum, 24)}`],
    },
  },
  {
    id: 'gitlab-token',
    provider: 'gitlab',
    providerName: 'GitLab',
    envVar: 'GITLAB_TOKEN',
    description: 'GitLab deploy, runner, trigger or other token (gldt-, glrt-, GR1348941, glptt-, glcbt-, glft-, glsoat-, glagent-, gloas-, glimt-)',
    keywords: ['gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glft-', 'glsoat-', 'glagent-', 'gloas-', 'glimt-', 'gr1348941'],
    pattern: token(
      'gldt-[A-Za-z0-9_-]{20}|glrt-(?:t\\d_[A-Za-z0-9_-]{27,300}\\.[0-9a-z]{9}|[A-Za-z0-9_-]{20})|glptt-[a-f0-9]{40}|glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20}|glft-[A-Za-z0-9_-]{20}|glsoat-[A-Za-z0-9_-]{20}|glagent-[A-Za-z0-9_-]{50}|gloas-[A-Za-z0-9_-]{64}|glimt-[A-Za-z0-9_-]{25}|GR1348941[A-Za-z0-9_-]{20}',
    ),
    minEntropy: 3.3,
    examples: {
      positive: [
        `CI_DEPLOY_PASSWORD=gldt-${g.s(CS.b64url, 20)}`,
        `runner_token = "glrt-${g.s(CS.b64url, 20)}"`,
        `curl -X POST -F token=glptt-${g.s(CS.hex, 40)} -F ref=main https://gitlab.example.com/api/v4/projects/9/trigger/pipeline`,
        `registration-token: GR1348941${g.s(CS.b64url, 20)}`,
      ],
      negative: ['runner_token = "glrt-xxxxxxxxxxxxxxxxxxxx"', `token = "glptt-${g.s(CS.hex, 20)}"`, 'GR134894112312312312312312312'],
    },
  },
  {
    id: 'atlassian-api-token',
    provider: 'atlassian',
    providerName: 'Atlassian (Jira, Confluence, Bitbucket)',
    envVar: 'ATLASSIAN_API_TOKEN',
    description: 'Atlassian API token (ATATT3…)',
    keywords: ['atatt3'],
    pattern: token('ATATT3[A-Za-z0-9_=-]{150,250}', '(?![A-Za-z0-9_+-])'),
    minEntropy: 4,
    examples: {
      positive: [`JIRA_API_TOKEN=ATATT3xFfGF0${g.s(CS.b64url, 170)}=${g.s(CS.hex, 8).toUpperCase()}`],
      negative: [`JIRA_API_TOKEN=ATATT3${g.s(CS.b64url, 40)}`, 'Tokens look like ATATT3xFfGF0… (about 190 characters).'],
    },
  },
  {
    id: 'bitbucket-app-password',
    provider: 'atlassian',
    providerName: 'Bitbucket',
    envVar: 'BITBUCKET_APP_PASSWORD',
    description: 'Bitbucket app password (ATBB…)',
    keywords: ['atbb'],
    pattern: token('ATBB[A-Za-z0-9_=.-]{32}'),
    minEntropy: 3.5,
    examples: {
      positive: [`BITBUCKET_APP_PASSWORD=ATBB${g.s(CS.alnum, 24)}${g.s(CS.hex, 8).toUpperCase()}`],
      negative: [`BITBUCKET_APP_PASSWORD=ATBB${g.s(CS.alnum, 12)}`, 'const ATBB_FLAG_ENABLE_FAST_MODE_EXTRA = 4;'],
    },
  },
  {
    id: 'circleci-token',
    provider: 'circleci',
    providerName: 'CircleCI',
    envVar: 'CIRCLECI_TOKEN',
    description: 'CircleCI personal API token (CCIPAT_)',
    keywords: ['ccipat_'],
    pattern: token('CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}'),
    minEntropy: 3.5,
    examples: {
      positive: [`CIRCLECI_TOKEN=CCIPAT_${g.s(CS.alnum, 22)}_${g.s(CS.hex, 40)}`],
      negative: [`CIRCLECI_TOKEN=CCIPAT_${g.s(CS.alnum, 22)}_${g.s(CS.hex, 20)}`],
    },
  },
  {
    id: 'buildkite-token',
    provider: 'buildkite',
    providerName: 'Buildkite',
    envVar: 'BUILDKITE_API_TOKEN',
    description: 'Buildkite user API access token (bkua_)',
    keywords: ['bkua_'],
    pattern: token('bkua_[a-f0-9]{40}'),
    minEntropy: 3,
    examples: {
      positive: [`BUILDKITE_API_TOKEN=bkua_${g.s(CS.hex, 40)}`],
      negative: [`BUILDKITE_API_TOKEN=bkua_${g.s(CS.hex, 12)}`],
    },
  },
];
