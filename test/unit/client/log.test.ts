import assert from 'node:assert/strict';
import type { LogOutputChannel } from 'vscode';
import { createLog, redactingChannel } from '../../../client/src/log';
import { createRedactor } from '../../../client/src/redact';

/** Records what reaches the channel, as VS Code's LogOutputChannel would print it. */
function recordingChannel(): { channel: LogOutputChannel; lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (m: string) => lines.push(`[${level}] ${m}`);
  const channel = {
    name: 'keyward',
    logLevel: 2,
    onDidChangeLogLevel: () => ({ dispose() {} }),
    append: (m: string) => lines.push(m),
    appendLine: (m: string) => lines.push(m),
    replace: (m: string) => lines.push(m),
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    clear() {},
    show() {},
    hide() {},
    dispose() {},
  } as unknown as LogOutputChannel;
  return { channel, lines };
}

describe('client/log', () => {
  const secret = 'pio_sk_Q7vR2mXk9LpT4wZs8NbY3cD_6f1e2d3c-aaaa-bbbb-cccc-1234567890ab';
  const opaque = 'Zx81mmQ0-opaque-token-without-prefix';

  it('redacts every write path, including the ones the language client uses', () => {
    const { channel, lines } = recordingChannel();
    const redactor = createRedactor();
    redactor.add(opaque);
    const ch = redactingChannel(channel, redactor);
    const log = createLog(ch);
    log.info(`stored ${secret}`);
    log.warn(`header X-API-Key: ${opaque}`);
    log.error('request failed', new Error(`echoed ${opaque} back`));
    ch.appendLine(`[server] saw ${opaque}`);
    ch.append(`partial ${secret}`);
    (ch.error as (m: string, ...a: unknown[]) => void)('with data', { key: opaque });
    assert.equal(lines.length, 6);
    const all = lines.join('\n');
    assert.ok(!all.includes(secret) && !all.includes(opaque), all);
    assert.match(all, /pio_sk_…\[67 chars\]/);
    assert.equal(ch.name, 'keyward', 'non-writing members pass through');
  });
});
