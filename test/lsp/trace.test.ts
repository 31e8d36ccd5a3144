// keyward.trace.server: verbose never writes document text, and so never a key, whatever its kind
// (issue 14 item 6). The real server over stdio, traced by vscode-jsonrpc's own tracer exactly as
// vscode-languageclient 10 writes it (`channel.trace(message + '\n' + data)`), through the trace
// channel the extension installs. Samples: every catalogue format's generated example.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { LogOutputChannel } from 'vscode';
import { Trace, type Tracer } from 'vscode-languageserver-protocol/node';
import { scrubTrace, traceChannel } from '../../client/src/traceRedaction';
import { KEY_FORMATS, matchFormat } from '../../server/src/engine/formats';
import { useBuiltServer, makeRepo, removeDir, TestClient, uriOf } from './harness';

/** Every catalogue format's first positive example: the line and the secret in it. */
function catalogueSamples(): { id: string; line: string; secret: string }[] {
  return KEY_FORMATS.flatMap((f) => {
    const line = f.examples.positive[0];
    const m = line === undefined ? undefined : matchFormat(f, line)[0];
    return m ? [{ id: f.id, line, secret: m.secret }] : [];
  });
}

/** A LogOutputChannel that records what reaches it (only `trace` is written by the client's tracer). */
function recordingChannel(lines: string[]): LogOutputChannel {
  return { trace: (m: string) => void lines.push(m), logLevel: 1 } as unknown as LogOutputChannel;
}

describe('LSP trace: no document text, no key', function () {
  this.timeout(30000);
  useBuiltServer();
  let repo: string;
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeDir(repo);
  });

  it('a verbose trace of open, edit, diagnostics and code actions carries none of the catalogue samples', async () => {
    const samples = catalogueSamples();
    assert.ok(samples.length >= 100, `only ${samples.length} samples`);
    repo = makeRepo({ 'README.md': '# demo\n' });
    client = await TestClient.start({ folders: [repo], settings: () => ({ debounceMs: 0, scanWorkspaceOnStartup: false }) });
    const raw: string[] = [];
    const kept: string[] = [];
    const channel = traceChannel(recordingChannel(kept));
    const tracer: Tracer = {
      log: (message: string | object, data?: string) => {
        const entry = typeof message === 'string' ? (data ? `${message}\n${data}` : message) : JSON.stringify(message);
        raw.push(entry);
        channel.trace(entry);
      },
    };
    await client.conn.trace(Trace.Verbose, tracer);

    const uri = uriOf(path.join(repo, 'config.env'));
    client.open(uri, samples.map((s) => s.line).join('\n') + '\n', 'dotenv');
    const ds = await client.waitDiagnostics(uri, (d) => d.length >= samples.length / 2);
    client.edit(uri, 0, 0, `EXTRA_TOKEN=${samples[1].secret}\n`);
    await client.waitDiagnostics(uri, (_d, p) => p.version === 2);
    await client.codeActions(uri, ds[0].range, [ds[0]]);

    // The raw trace did hold the keys (so this test can fail), and the didOpen header survives.
    assert.ok(samples.every((s) => raw.some((e) => e.includes(s.secret))), 'the unscrubbed trace carries every sample');
    assert.ok(kept.some((e) => e.startsWith("Sending notification 'textDocument/didOpen'")));
    assert.ok(kept.some((e) => e.includes('"uri"') && e.includes('config.env')), 'metadata stays');
    for (const s of samples) for (const e of kept) assert.ok(!e.includes(s.secret), `${s.id} leaked into the trace: ${e.slice(0, 120)}`);
  });

  it('drops unparseable data rather than passing it on, and leaves empty answers alone', () => {
    assert.equal(scrubTrace("Sending notification 'x'.\nParams: {\"text\": \"cut sho"), "Sending notification 'x'.\nParams: «not logged»");
    assert.equal(scrubTrace("Received response 'y - (3)' in 2ms.\nNo result returned."), "Received response 'y - (3)' in 2ms.\nNo result returned.");
    assert.equal(scrubTrace('{"type":"send-notification","message":{"params":{"textDocument":{"text":"abc"}}}}'), '{"type":"send-notification","message":{"params":{"textDocument":{"text":"«3 characters not logged»"}}}}');
    assert.equal(scrubTrace("Sending notification 'x'.\nsomething else entirely"), "Sending notification 'x'.\n«trace data not logged»");
  });
});
