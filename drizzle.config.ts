import { defineConfig } from 'drizzle-kit';

// Only generation is configured here: migrations are applied by the app at start-up (src/db/migrate.ts)
// under an advisory lock, on PGlite or Postgres alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
