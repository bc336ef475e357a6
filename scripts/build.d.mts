/** Bundles the CLI (with the server) and the simulation worker with esbuild. */
export function buildServer(): Promise<void>;
/** Builds the web app with Vite into packages/web/dist. */
export function buildWeb(): void;
/**
 * Bundles a TypeScript entry (imports relative to the repository root) into node_modules/.cache and
 * imports it; with `build: false`, imports the bundle an earlier call made.
 */
export function importFromSources(
  name: string,
  contents: string,
  options?: { build?: boolean },
): Promise<Record<string, unknown>>;
