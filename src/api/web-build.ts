import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the web app's source lives and where Vite writes it. */
export const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));
export const WEB_DIST = join(WEB_ROOT, 'dist');

function newestModification(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, name)));
  return newest;
}

/** True when web/dist is missing or older than any source file of the web app. */
export function webBuildIsStale(webRoot: string = WEB_ROOT): boolean {
  const built = join(webRoot, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sources = ['src', 'index.html', 'vite.config.ts'].map((name) => join(webRoot, name)).filter((path) => existsSync(path));
  return sources.some((path) => newestModification(path) > builtAt);
}

/**
 * Builds the web app with Vite when its output is missing or stale; returns whether it built.
 * @example await ensureWebBuild(); // web/dist is current afterwards
 */
export async function ensureWebBuild(options: { webRoot?: string; log?: (line: string) => void } = {}): Promise<boolean> {
  const webRoot = options.webRoot ?? WEB_ROOT;
  if (!webBuildIsStale(webRoot)) return false;
  options.log?.('building the web app (vite)…');
  // Vite is a build tool: loaded only when a build is needed.
  const { build } = await import('vite');
  await build({ configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
