// A rotation rig: the loopback provider server, a JSON-file journal that survives a "crash" the
// way globalState survives a window reload, SecretStorage as a map, and real .env files on disk.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProviderClient, type ProviderClient, type ProviderClientOptions } from '../../../client/src/api/client';
import { createRotation, isRotationJournal, type EnvUpdater, type JournalStore, type Rotation, type RotationDeps, type RotationJournal, type SecretSlots } from '../../../client/src/keys/rotation';
import { PIONEER } from '../../../shared/providers/builtin';
import { startProviderServer, type ProviderServer, type ResponseShape } from '../../server/providerServer';
import type { KeyRecord } from '../../server/state';

/** Reads the file once when opened, like globalState after a reload; writes through on every set. */
export function fileJournalStore(file: string): JournalStore & { writes: string[] } {
  let cached: RotationJournal | undefined = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
  const writes: string[] = [];
  return {
    writes,
    get: () => cached,
    async set(j) {
      cached = j;
      const text = j === undefined ? '' : JSON.stringify(j);
      writes.push(text);
      if (j === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, text);
    },
  };
}

export function mapSlots(map: Map<string, string>): SecretSlots {
  return {
    get: async (k) => map.get(k),
    store: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
  };
}

/** Replaces a value in the given .env files on disk; returns the files it changed. */
export function envFileUpdater(files: string[]): EnvUpdater {
  return {
    async replaceInEnvFiles(oldSecret, newSecret) {
      const changed: string[] = [];
      for (const f of files) {
        const text = fs.readFileSync(f, 'utf8');
        if (!text.includes(oldSecret)) continue;
        fs.writeFileSync(f, text.split(oldSecret).join(newSecret));
        changed.push(f);
      }
      return changed;
    },
  };
}

export interface Rig {
  server: ProviderServer;
  dir: string;
  journalFile: string;
  slots: Map<string, string>;
  mgmtSlot: string;
  mgmtKey: string;
  mgmtKeyId: string;
  leaked: KeyRecord;
  accountId: string;
  envFiles: string[];
  logs: string[];
  /** A fresh machine over the persisted journal, as after a reload. */
  machine(extra?: Partial<RotationDeps>, clientOpts?: Partial<ProviderClientOptions>): { rotation: Rotation; client: ProviderClient; store: ReturnType<typeof fileJournalStore> };
  readJournal(): RotationJournal | undefined;
  allSecrets(): string[];
  close(): Promise<void>;
}

export async function rig(shape: ResponseShape, envValue: (r: { mgmtKey: string; leaked: KeyRecord }) => Record<string, string>): Promise<Rig> {
  const logs: string[] = [];
  const server = await startProviderServer({ shape, log: (l) => logs.push(l) });
  const { account, key } = server.addAccount();
  const leaked = server.state.addKey(account.id, { name: 'ci-pipeline' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-rotation-'));
  const envFiles: string[] = [];
  for (const [name, text] of Object.entries(envValue({ mgmtKey: key.secret, leaked }))) {
    const f = path.join(dir, name);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    envFiles.push(f);
  }
  const mgmtSlot = `keyward.pioneer.${account.id}`;
  const slots = new Map<string, string>([[mgmtSlot, key.secret]]);
  const journalFile = path.join(dir, 'globalState-rotation.json');
  const clients: ProviderClient[] = [];
  return {
    server,
    dir,
    journalFile,
    slots,
    mgmtSlot,
    mgmtKey: key.secret,
    mgmtKeyId: key.id,
    leaked,
    accountId: account.id,
    envFiles,
    logs,
    machine(extra = {}, clientOpts = {}) {
      const client = createProviderClient(PIONEER, {
        baseUrl: server.url,
        getKey: () => slots.get(mgmtSlot),
        log: (l) => logs.push(l),
        sleep: async () => undefined,
        ...clientOpts,
      });
      clients.push(client);
      const store = fileJournalStore(journalFile);
      const rotation = createRotation({
        client,
        journal: store,
        secrets: mapSlots(slots),
        env: envFileUpdater(envFiles),
        log: (l) => logs.push(l),
        sleep: async () => undefined,
        ...extra,
      });
      return { rotation, client, store };
    },
    readJournal() {
      if (!fs.existsSync(journalFile)) return undefined;
      const j = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
      if (!isRotationJournal(j)) throw new Error('journal on disk has a bad shape');
      return j;
    },
    allSecrets: () => [...server.state.accounts.values()].flatMap((a) => a.keys.map((k) => k.secret)),
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
