// The small config reader against `git config --file F --get KEY` on the same text.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseGitConfig } from '../../../server/src/envfiles/gitconfig';
import { git, makeSandbox, type Sandbox } from './gitSandbox';

const CASES: [string, string][] = [
  ['[core]\n\texcludesFile = ~/ignore\n', 'core.excludesfile'],
  ['[core]\n  excludesfile=/a b/c  # comment\n', 'core.excludesfile'],
  ['[Core]\nExcludesFile = "/with ; semicolon/and # hash"\n', 'core.excludesfile'],
  ['[core] excludesFile = same-line\n', 'core.excludesfile'],
  ['[core]\nexcludesFile = first\n[user]\nname = x\n[core]\nexcludesFile = second\n', 'core.excludesfile'],
  ['[core]\nexcludesFile = "quoted \\"inner\\" \\\\ back"\n', 'core.excludesfile'],
  ['[core]\nexcludesFile = line \\\ncontinued\n', 'core.excludesfile'],
  ['; comment\n# another\n[core]\n\tignoreCase = true\n', 'core.ignorecase'],
  ['[extensions]\n\tobjectFormat = sha256\n', 'extensions.objectformat'],
  ['[core]\r\n\texcludesFile = crlf-value\r\n', 'core.excludesfile'],
];

describe('envfiles: git config reader agrees with git config --get', () => {
  let sb: Sandbox;
  before(() => (sb = makeSandbox()));
  after(() => sb.restoreEnv());
  CASES.forEach(([text, key], i) => {
    it(`case ${i}: ${JSON.stringify(text.split('\n')[1] ?? text).slice(0, 60)}`, () => {
      const file = path.join(sb.dir, `c${i}`);
      fs.writeFileSync(file, text);
      const truth = git(sb.dir, ['config', '--file', file, '--get', key]).replace(/\n$/, '');
      const entries = parseGitConfig(text).filter((e) => e.key === key);
      assert.ok(entries.length > 0, 'key not found');
      assert.equal(entries[entries.length - 1].value, truth);
    });
  });
});
