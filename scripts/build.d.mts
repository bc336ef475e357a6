/** Bundles the CLI (with the server) and the simulation worker with esbuild. */
export function buildServer(): Promise<void>;
/** Builds the web app with Vite into packages/web/dist. */
export function buildWeb(): void;
