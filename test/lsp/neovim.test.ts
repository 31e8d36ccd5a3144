// A non-VS Code client: Neovim's built-in LSP client (Debian's nvim 0.7) attaches the bundled
// server over stdio and must receive a keyward diagnostic at the right line.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt, makeRepo, removeDir, SERVER_JS } from './harness';

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

describe('Neovim (built-in LSP client)', function () {
  this.timeout(60000);
  let repo: string;
  let tmp: string;

  before(function () {
    // The suite needs the Debian package; a missing binary is a set-up error, not a pass.
    if (!hasNvim) throw new Error('nvim not found: apt-get install -y neovim');
    ensureBuilt();
  });
  afterEach(() => {
    removeDir(repo);
    removeDir(tmp);
  });

  it('shows a hardcoded-key diagnostic on the line of the key', () => {
    const key = 'pio_sk_' + 'Q7mZ2xR9vK4pL8nW3cT6yB1' + '_' + '3f1c9a2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
    repo = makeRepo({ 'app.py': `import requests\n\n\nPIONEER_API_KEY = "${key}"\nprint("ok")\n` });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'keyward-nvim-'));
    const out = path.join(tmp, 'diagnostics.json');
    const lua = path.join(tmp, 'test.lua');
    writeFileSync(
      lua,
      `
local root = ${JSON.stringify(repo)}
local out = ${JSON.stringify(out)}
vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/app.py'))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'keyward',
  cmd = { 'node', ${JSON.stringify(SERVER_JS)}, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'repo' } },
})
vim.lsp.buf_attach_client(buf, id)
local ok = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local items = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(items, { lnum = d.lnum, col = d.col, message = d.message, source = d.source, severity = d.severity,
    code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or vim.NIL })
end
local f = io.open(out, 'w')
f:write(vim.fn.json_encode({ ok = ok, diagnostics = items }))
f:close()
vim.lsp.stop_client(id)
vim.cmd('qa!')
`,
    );
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${lua}`], {
      encoding: 'utf8',
      timeout: 45000,
      env: { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache'), XDG_STATE_HOME: path.join(tmp, 'state'), XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_DATA_HOME: path.join(tmp, 'data') },
    });
    assert.equal(r.error, undefined, String(r.error));
    const result = JSON.parse(readFileSync(out, 'utf8')) as { ok: boolean; diagnostics: { lnum: number; message: string; source: string; code: string }[] };
    assert.equal(result.ok, true, `no diagnostics arrived; nvim stderr: ${r.stderr}`);
    const hit = result.diagnostics.find((d) => d.source === 'keyward' && d.code === 'hardcoded-key');
    assert.ok(hit, JSON.stringify(result.diagnostics));
    assert.equal(hit.lnum, 3);
    // The message may show a prefix and the length, never the whole key.
    assert.ok(!hit.message.includes(key));
  });
});
