// `npm run demo:server [-- --port 8787] [--shape v2] [--latency 800] [--dashboard-only] [--no-credits] [--rate-limit 5]`:
// the loopback provider server for trying keyward by hand, optionally in an error state to see how it reads.
// The management key printed here is a throwaway for this process only; printing it is the point.
import { startProviderServer, type ResponseShape } from './providerServer';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${arg('port')}`);
  const shape = (arg('shape') ?? 'seed') as ResponseShape;
  if (shape !== 'seed' && shape !== 'v2') throw new Error(`--shape must be seed or v2, got ${shape}`);

  const limit = Number(arg('rate-limit') ?? 1000);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`--rate-limit must be a positive integer, got ${arg('rate-limit')}`);
  const server = await startProviderServer({
    port,
    shape,
    rateLimit: { limit, windowMs: 60_000 },
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  server.faults.latencyMs = Math.max(0, Number(arg('latency') ?? 0) || 0);
  server.faults.dashboardOnlyCreate = process.argv.includes('--dashboard-only');
  const { account, key } = server.addAccount(undefined, { credits: process.argv.includes('--no-credits') ? 0 : 1000 });
  for (const name of ['ci-pipeline', 'production-inference', 'local-dev']) server.state.addKey(account.id, { name });

  const modes = [
    server.faults.latencyMs ? `${server.faults.latencyMs} ms latency` : '',
    server.faults.dashboardOnlyCreate ? 'create only from the dashboard (403)' : '',
    process.argv.includes('--no-credits') ? 'out of credits (402 on create)' : '',
    `${limit} requests/minute`,
  ].filter(Boolean);
  console.log(`keyward demo provider server (${shape} shape; ${modes.join(', ')}) listening on ${server.url}`);
  console.log('');
  console.log(`Demo management key (throwaway, valid for this process only):`);
  console.log(`  ${key.secret}`);
  console.log('');
  console.log('Point the extension at it in your user settings.json:');
  console.log(`  "keyward.providers.pioneer.baseUrl": "${server.url}"`);
  console.log('then run "keyward: Sign in" and paste the key above.');
  console.log('');
  console.log('Try it from a shell:');
  console.log(`  curl -H "X-API-Key: $KEY" ${server.url}/list-api-keys`);
  console.log('Press Ctrl+C to stop.');

  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`demo server failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
