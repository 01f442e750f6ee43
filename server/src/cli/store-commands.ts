// `izinli keys rotate` and `izinli export`: the commands that work on a server's data folder.
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { exportLog, readJwks, rotateKeys } from '../proof/index.js';
import type { CliCommand } from './args.js';
import { EXIT, cliProgress } from './cli-deps.js';
import type { CliDeps } from './cli-deps.js';
import { write } from './io.js';

type Command<N extends CliCommand['name']> = Extract<CliCommand, { name: N }>;

const dataDirOf = (command: { dataDir?: string }, env: CliDeps['env']) =>
  command.dataDir ?? (env.DATA_DIR || './data');

/** `izinli keys rotate [--data-dir]`. */
export async function rotateCommand(
  command: Command<'keys-rotate'>,
  deps: CliDeps,
): Promise<number> {
  if (deps.env.IZINLI_SIGNING_KEY) {
    await write(
      deps.stderr,
      'izinli: IZINLI_SIGNING_KEY is set, so the server signs with that key, not the data folder’s: ' +
        'rotate it by setting a new key there (and keep the old public key where verifiers find it).\n',
    );
    return EXIT.usage;
  }
  const dataDir = dataDirOf(command, deps.env);
  const rotation = await rotateKeys({ dataDir, ...(deps.now ? { now: deps.now } : {}) });
  const lines = [`new signing key: ${rotation.kid}`];
  if (rotation.retiredKid) {
    lines.push(
      `retired key: ${rotation.retiredKid} (its public key stays in the JWKS, so its receipts still verify; its private key was deleted)`,
    );
  } else {
    lines.push(`there was no key in ${dataDir} before: this is the first one`);
  }
  lines.push('Restart the server to sign with the new key.');
  await write(deps.stdout, `${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** `izinli export [--site <key>]… [--out <file>]`. */
export async function exportCommand(command: Command<'export'>, deps: CliDeps): Promise<number> {
  const dataDir = dataDirOf(command, deps.env);
  const databaseUrl = command.databaseUrl ?? (deps.env.DATABASE_URL || undefined);
  const jwks = await readJwks({
    dataDir,
    ...(deps.env.IZINLI_SIGNING_KEY ? { privateKey: deps.env.IZINLI_SIGNING_KEY } : {}),
  });
  const store = await deps.openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    const known = await store.sites();
    const unknown = command.sites.filter((site) => !known.includes(site));
    if (unknown.length > 0) {
      await write(deps.stderr, `izinli: no records for site(s) ${unknown.join(', ')}\n`);
      return EXIT.usage;
    }
    // The export holds personal data: a new file is readable by its owner only.
    const handle = command.out ? await open(command.out, 'w', 0o600) : undefined;
    const target: Writable = handle ? handle.createWriteStream() : deps.stdout;
    let count = 0;
    const exported = command.sites.length > 0 ? command.sites : known;
    const heads = store.chainHead
      ? await Promise.all(exported.map((site) => store.chainHead!(site)))
      : undefined;
    // No bar over a log being printed to the same terminal; JSON lines when asked for.
    const onTerminal = !command.out && (deps.stdout as { isTTY?: boolean }).isTTY === true;
    const progress =
      onTerminal && !command.json
        ? undefined
        : cliProgress(deps, {
            label: 'export: records',
            ...(heads ? { total: heads.reduce((n, h) => n + h.seq, 0) } : {}),
            json: command.json,
          });
    let records = 0;
    try {
      for await (const line of exportLog(store, {
        ...(command.sites.length > 0 ? { siteKeys: command.sites } : {}),
        ...(jwks.keys.length > 0 ? { jwks } : {}),
        ...(deps.now ? { now: deps.now } : {}),
        // Each chained İYS day carries its .tsr, so the export proves the stamp on its own.
        ...(store.reconciliationFile ? { files: store.reconciliationFile.bind(store) } : {}),
      })) {
        await write(target, `${line}\n`);
        count += 1;
        if (line.startsWith('{"type":"record"')) progress?.update(++records);
      }
    } finally {
      progress?.finish();
      if (handle) {
        target.end();
        await once(target, 'close');
      }
    }
    const sites = command.sites.length > 0 ? command.sites.length : known.length;
    await write(
      deps.stderr,
      `izinli: exported ${sites} site(s), ${count} lines${command.out ? ` to ${command.out}` : ''}\n`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
