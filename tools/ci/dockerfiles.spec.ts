/**
 * Each subgraph's Dockerfile names the libs it ships one by one (the workspace links node_modules/@crm/*
 * to libs/*): a lib the service imports but the image lacks only fails when the container starts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readSubgraphList } from '@crm/subgraph-list';

const repoRoot = path.resolve(__dirname, '..', '..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function importedLibs(directory: string): Set<string> {
  const libs = new Set<string>();
  for (const file of sourceFiles(directory)) {
    for (const [, lib] of readFileSync(file, 'utf8').matchAll(/from '@crm\/([a-z-]+)'/g)) {
      if (lib) libs.add(lib);
    }
  }
  return libs;
}

/** The libs a service's production code reaches, directly or through other libs. */
function libsShippedWith(service: string): string[] {
  const reached = new Set<string>();
  const pending = [...importedLibs(path.join(repoRoot, 'apps', service, 'src'))];
  for (let lib = pending.pop(); lib !== undefined; lib = pending.pop()) {
    if (reached.has(lib)) continue;
    reached.add(lib);
    pending.push(...importedLibs(path.join(repoRoot, 'libs', lib, 'src')));
  }
  return [...reached].sort();
}

describe.each(readSubgraphList().map((subgraph) => subgraph.name))('the %s Dockerfile', (service) => {
  const dockerfilePath = path.join(repoRoot, 'apps', service, 'Dockerfile');
  const dockerfile = existsSync(dockerfilePath) ? readFileSync(dockerfilePath, 'utf8') : '';

  it.each(libsShippedWith(service))('installs and ships libs/%s, which the service imports', (lib) => {
    expect(dockerfile).toContain(`COPY libs/${lib}/package.json libs/${lib}/\n`);
    expect(dockerfile).toContain(`COPY --from=build /repo/libs/${lib}/package.json ./libs/${lib}/\n`);
    expect(dockerfile).toContain(`COPY --from=build /repo/libs/${lib}/dist ./libs/${lib}/dist\n`);
  });
});
