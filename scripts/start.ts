// `npm start`: builds keyward and opens it in VS Code in the browser (code-server on 127.0.0.1)
// with a demo workspace and the loopback provider server. `npm start -- --desktop` uses an
// installed desktop VS Code instead.
import { spawnSync } from 'node:child_process';
import { startDemo } from './demo';

async function main() {
  const portArg = process.argv.find((a) => a.startsWith('--port='));
  const port = portArg ? Number(portArg.slice(7)) : Number(process.env.PORT || 8080);
  const desktop = process.argv.includes('--desktop');
  if (desktop && spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status !== 0) {
    console.error('keyward: --desktop needs the `code` command on PATH (VS Code: "Shell Command: Install \'code\' command in PATH"). Falling back to the browser.');
  }
  console.log('keyward: building, packaging and starting the demo (the first run installs code-server, about 2 minutes)…');
  const demo = await startDemo({ port });
  console.log('');
  console.log(`  Open:  ${demo.url}`);
  console.log('');
  console.log(`  Demo workspace:        ${demo.workspace}`);
  console.log(`  Pioneer API stand-in:  ${demo.provider.url}`);
  console.log(`  Demo management key:   ${demo.managementKey}`);
  console.log('  (a throwaway key for this process: use it with "keyward: Sign In" in the API Keys view)');
  console.log('');
  if (desktop && spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0) {
    spawnSync('code', ['--install-extension', demo.vsix], { stdio: 'inherit' });
    spawnSync('code', [demo.workspace], { stdio: 'inherit' });
    console.log(`  Desktop VS Code: set "keyward.providers.pioneer.baseUrl": "${demo.provider.url}" in your user settings.`);
  }
  console.log('Press Ctrl+C to stop.');
  const stop = () => void demo.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`keyward: could not start the demo: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
