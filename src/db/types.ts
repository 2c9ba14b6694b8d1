// One database type for both drivers, so query functions take `(db, params)` whatever the backend is.
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type * as schema from './schema.js';

export type Schema = typeof schema;
/** A drizzle handle on PGlite or node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** An open transaction. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either: query functions that can join a caller's transaction take this. */
export type DbOrTx = Db | Tx;
/** An open database: the drizzle handle, which backend it is, and a close that releases everything (see client.ts). */
export interface Database {
  db: Db;
  backend: 'postgres' | 'pglite';
  close(): Promise<void>;
}
