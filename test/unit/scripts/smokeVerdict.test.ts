// The packaged-.vsix smoke test (test/e2e/smoke.ts) exits 0 only when every planned step ran and
// passed: a workbench that never loads ("0 passing") or a failure outside a step is a failure.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { smokeVerdict } from '../../e2e/smokeVerdict';

describe('UI smoke test verdict', () => {
  it('passes only when all planned steps passed', () => {
    assert.deepEqual(smokeVerdict({ planned: 3, passed: 3, failed: 0 }), { code: 0 });
  });

  it('the workbench not loading (an error before any step, 0 passing) fails', () => {
    const v = smokeVerdict({ planned: 3, passed: 0, failed: 0, outside: new Error('locator.waitFor: Timeout 60000ms exceeded') });
    assert.equal(v.code, 1);
    assert.match(v.reason!, /outside a step: locator\.waitFor/);
  });

  it('a failed step, zero steps, or fewer steps than planned fail', () => {
    assert.equal(smokeVerdict({ planned: 3, passed: 2, failed: 1 }).code, 1);
    assert.equal(smokeVerdict({ planned: 3, passed: 0, failed: 0 }).code, 1);
    assert.equal(smokeVerdict({ planned: 0, passed: 0, failed: 0 }).code, 1);
    assert.equal(smokeVerdict({ planned: 3, passed: 3, failed: 0, outside: 'closed' }).code, 1);
  });

  it("smoke.ts plans as many steps as it has step() calls, and exits with the verdict's code", () => {
    const src = readFileSync(path.join(__dirname, '../../e2e/smoke.ts'), 'utf8');
    const planned = Number(/const planned = (\d+);/.exec(src)?.[1]);
    assert.equal(planned, src.match(/await step\(/g)?.length);
    assert.match(src, /process\.exit\(verdict\.code\)/);
    assert.doesNotMatch(src, /process\.exit\(failed/);
  });
});
