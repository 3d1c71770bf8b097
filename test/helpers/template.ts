/**
 * Each test file starts from a copy of an already-migrated database instead of running every migration
 * again: a PGlite data-folder tarball, or a PostgreSQL template database. Both are named after a hash of
 * the migrations, so a changed migration makes a new template and an old one is never used by mistake.
 * `global-setup.ts` makes them once per run; `templateFor` makes them on demand when a file runs alone.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrationsFolder, openDatabase } from '../../src/db/client.js';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

function migrationsHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(name).update(fs.readFileSync(p));
    }
  };
  walk(migrationsFolder);
  return h.digest('hex').slice(0, 16);
}

/** The migrated PGlite data folder as a tarball, made once (written atomically) and read by every file. */
export async function pgliteTemplate(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `nv-template-${migrationsHash()}.tar`);
  if (!fs.existsSync(file)) {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const blob = await database.dump!();
      const tmp = `${file}.${process.pid}.${Date.now()}`;
      fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
      fs.renameSync(tmp, file);
    } finally {
      await database.close();
    }
  }
  return new Blob([fs.readFileSync(file)]);
}

/** The name of a migrated PostgreSQL template database, made once under an advisory lock. */
export async function postgresTemplate(): Promise<string> {
  const hash = migrationsHash();
  const name = `nv_template_${hash}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [Number.parseInt(hash.slice(0, 7), 16)]);
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${building}`;
      const database = await openDatabase({ databaseUrl: url.toString() });
      await database.close();
      await admin.query(`alter database ${building} rename to ${name}`);
    }
  } finally {
    await admin.end();
  }
  return name;
}
