// Package registries: npm, PyPI, RubyGems, Docker Hub, NuGet, Clojars, JFrog.
import type { KeyFormat } from '../types';
import { crc32Base62Valid, token } from './shape';
import { CS, Synth } from './synth';

const g = new Synth('registries');

export const REGISTRY_FORMATS: KeyFormat[] = [
  {
    id: 'npm-access-token',
    provider: 'npm',
    providerName: 'npm',
    envVar: 'NPM_TOKEN',
    description: 'npm access token (npm_ + 30 chars + CRC32 checksum)',
    keywords: ['npm_'],
    pattern: token('npm_[A-Za-z0-9]{36}'),
    validate: (s) => crc32Base62Valid(s, 4),
    examples: {
      positive: [`//registry.npmjs.org/:_authToken=${g.checksummed('npm_')}`, `NPM_TOKEN=${g.checksummed('npm_')}`],
      negative: [`NPM_TOKEN=npm_${g.s(CS.alnum, 36)}`, '//registry.npmjs.org/:_authToken=${NPM_TOKEN}', 'const npm_config_userconfig_location_value = 1;'],
    },
  },
  {
    id: 'pypi-token',
    provider: 'pypi',
    providerName: 'PyPI',
    envVar: 'PYPI_API_TOKEN',
    description: 'PyPI upload token (pypi- + macaroon)',
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: token('pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}'),
    minEntropy: 4,
    examples: {
      positive: [`password = pypi-AgEIcHlwaS5vcmc${g.s(CS.b64url, 160)}`, `TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc${g.s(CS.b64url, 120)}`],
      negative: ['password = pypi-AgEIcHlwaS5vcmc...', `TWINE_PASSWORD=pypi-${g.s(CS.b64url, 120)}`],
    },
  },
  {
    id: 'rubygems-api-key',
    provider: 'rubygems',
    providerName: 'RubyGems',
    envVar: 'GEM_HOST_API_KEY',
    description: 'RubyGems API key (rubygems_)',
    keywords: ['rubygems_'],
    pattern: token('rubygems_[a-f0-9]{48}'),
    minEntropy: 3,
    examples: {
      positive: [`GEM_HOST_API_KEY=rubygems_${g.s(CS.hex, 48)}`],
      negative: [`GEM_HOST_API_KEY=rubygems_${g.s(CS.hex, 20)}`],
    },
  },
  {
    id: 'docker-hub-token',
    provider: 'docker',
    providerName: 'Docker Hub',
    envVar: 'DOCKERHUB_TOKEN',
    description: 'Docker Hub personal or organisation access token (dckr_pat_, dckr_oat_)',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: token('dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}'),
    minEntropy: 3.5,
    examples: {
      positive: [`echo dckr_pat_${g.s(CS.b64url, 27)} | docker login -u acme --password-stdin`],
      negative: [`DOCKERHUB_TOKEN=dckr_pat_${g.s(CS.b64url, 10)}`, 'DOCKERHUB_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'nuget-api-key',
    provider: 'nuget',
    providerName: 'NuGet',
    envVar: 'NUGET_API_KEY',
    description: 'NuGet.org API key (oy2 + 43)',
    keywords: ['oy2'],
    pattern: token('oy2[a-z0-9]{43}'),
    minEntropy: 3.8,
    validate: (s) => /[0-9]/.test(s.slice(3)) && /[a-z]/.test(s.slice(3)),
    examples: {
      positive: [`dotnet nuget push pkg.nupkg --api-key oy2${g.s(CS.lower, 43)} --source https://api.nuget.org/v3/index.json`],
      negative: [`dotnet nuget push pkg.nupkg --api-key oy2${g.s(CS.lower, 20)}`],
    },
  },
  {
    id: 'clojars-token',
    provider: 'clojars',
    providerName: 'Clojars',
    envVar: 'CLOJARS_PASSWORD',
    description: 'Clojars deploy token (CLOJARS_ + 60)',
    keywords: ['clojars_'],
    pattern: token('CLOJARS_[a-z0-9]{60}'),
    minEntropy: 3.8,
    examples: {
      positive: [`:password "CLOJARS_${g.s(CS.lower, 60)}"`],
      negative: ['CLOJARS_USERNAME=acme', `:password "CLOJARS_${g.s(CS.lower, 30)}"`],
    },
  },
  {
    id: 'jfrog-token',
    provider: 'jfrog',
    providerName: 'JFrog Artifactory',
    envVar: 'JFROG_ACCESS_TOKEN',
    description: 'JFrog Artifactory API key (AKCp…) or reference token (cmVmdGtu…)',
    keywords: ['akcp', 'cmvmdgtu'],
    pattern: token('AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56}'),
    minEntropy: 4,
    examples: {
      positive: [`ARTIFACTORY_API_KEY=AKCp${g.s(CS.alnum, 69)}`, `JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjE3${g.s(CS.alnum, 48)}`],
      negative: [`ARTIFACTORY_API_KEY=AKCp${g.s(CS.alnum, 30)}`],
    },
  },
];
