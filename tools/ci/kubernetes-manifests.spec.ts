/**
 * There is no Kubernetes cluster in CI, so infra/k8s is checked against the code instead: every
 * subgraph of apps/gateway/subgraphs.json must be deployable from the Kustomize base as the code
 * expects (ports, health routes, environment, shutdown time), and kustomization.yaml must list it all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { portOf, readSubgraphList } from '@crm/subgraph-list';

const repoRoot = path.resolve(__dirname, '..', '..');
const k8sRoot = path.join(repoRoot, 'infra/k8s');
const baseDir = path.join(k8sRoot, 'base');

type Labels = Record<string, string>;

interface Probe {
  httpGet?: { path: string; port: number | string };
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}

interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}

interface PodSpec {
  containers: Container[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Labels };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    selector?: Labels | { matchLabels?: Labels };
    template?: { metadata?: { labels?: Labels }; spec: PodSpec };
    ports?: { name?: string; port: number; targetPort?: number | string }[];
    scaleTargetRef?: { kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
  };
}

interface Kustomization {
  resources?: string[];
  patches?: { path?: string }[];
  secretGenerator?: { name: string; envs?: string[]; files?: string[] }[];
  configMapGenerator?: { name: string; envs?: string[]; files?: string[] }[];
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(file);
    return /\.ya?ml$/.test(entry.name) ? [file] : [];
  });
}

function parseYamlFile(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((document) => {
    if (document.errors.length > 0) {
      throw new Error(`${path.relative(repoRoot, file)}: ${document.errors[0].message}`);
    }
    return document.toJS() as unknown;
  });
}

const baseFiles = yamlFilesUnder(baseDir);
const manifestFiles = baseFiles.filter((file) => path.basename(file) !== 'kustomization.yaml');
const manifests = manifestFiles.flatMap((file) => parseYamlFile(file) as Manifest[]).filter(Boolean);
const baseKustomization = parseYamlFile(path.join(baseDir, 'kustomization.yaml'))[0] as Kustomization;
const subgraphs = readSubgraphList();
const subgraphNames = subgraphs.map((subgraph) => subgraph.name);
const source = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

/** `accounts` → `ACCOUNTS`, as apps/gateway/src/config.ts derives `<NAME>_URL`. */
const upper = (name: string) => name.toUpperCase().replace(/-/g, '_');

function find(kind: string, name: string): Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`infra/k8s/base has no ${kind} "${name}"`);
  return found;
}

function ofKind(kind: string): Manifest[] {
  return manifests.filter((manifest) => manifest.kind === kind);
}

function podSpec(workload: Manifest): PodSpec {
  const spec = workload.spec?.template?.spec;
  if (!spec) throw new Error(`${workload.kind} ${workload.metadata.name} has no pod template`);
  return spec;
}

function podLabels(workload: Manifest): Labels {
  return workload.spec?.template?.metadata?.labels ?? {};
}

function mainContainer(workload: Manifest): Container {
  const [container] = podSpec(workload).containers;
  if (!container) throw new Error(`${workload.kind} ${workload.metadata.name} has no container`);
  return container;
}

function matchLabelsOf(manifest: Manifest): Labels {
  const selector = manifest.spec?.selector;
  if (!selector) return {};
  if (manifest.kind === 'Service') return selector as Labels;
  return (selector as { matchLabels?: Labels }).matchLabels ?? {};
}

/** A selector with no labels would select every pod in the namespace; it never counts as a match. */
function selects(selector: Labels, labels: Labels): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

function env(container: Container, name: string): EnvVar | undefined {
  return container.env?.find((variable) => variable.name === name);
}

/** Every variable the container gets: its own `env` and the keys of the ConfigMaps it imports whole. */
function envNames(container: Container): string[] {
  const imported = (container.envFrom ?? []).flatMap((source) => {
    // A whole Secret hides which variables it sets from this check: map Secret keys one by one.
    if (source.secretRef) throw new Error(`${container.name} imports a whole Secret (envFrom.secretRef)`);
    return Object.keys(find('ConfigMap', source.configMapRef?.name ?? '').data ?? {});
  });
  return [...(container.env ?? []).map((variable) => variable.name), ...imported];
}

/** The numeric port a probe or Service targets, resolving a named port through the container. */
function containerPortOf(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}

function expectHealthProbes(container: Container, port: number): void {
  const probe = (which: 'readinessProbe' | 'livenessProbe' | 'startupProbe') => {
    const httpGet = container[which]?.httpGet;
    return { which, path: httpGet?.path, port: containerPortOf(container, httpGet?.port) };
  };
  expect(probe('readinessProbe')).toEqual({ which: 'readinessProbe', path: '/health/ready', port });
  expect(probe('livenessProbe')).toEqual({ which: 'livenessProbe', path: '/health/live', port });
  expect(probe('startupProbe')).toEqual({ which: 'startupProbe', path: '/health/live', port });
}

function expectServing(name: string, port: number): void {
  const deployment = find('Deployment', name);
  const container = mainContainer(deployment);
  expect(container.image).toBe(`crm/${name}:latest`);
  expect(container.ports?.map((candidate) => candidate.containerPort)).toEqual([port]);
  expect(env(container, 'PORT')?.value).toBe(String(port));
  expectHealthProbes(container, port);

  const service = find('Service', name);
  expect(service.spec?.ports).toHaveLength(1);
  expect(service.spec?.ports?.[0]?.port).toBe(port);
  expect(containerPortOf(container, service.spec?.ports?.[0]?.targetPort ?? port)).toBe(port);
}

/** SHUTDOWN_TIMEOUT_MS as the container gets it, else the default in libs/service-runtime/src/config.ts. */
function shutdownTimeoutMs(container: Container): number {
  const configured = env(container, 'SHUTDOWN_TIMEOUT_MS')?.value;
  if (configured !== undefined) return Number(configured);
  const fallback = /SHUTDOWN_TIMEOUT_MS:[^\n]*\.default\((\d+)\)/.exec(
    source('libs/service-runtime/src/config.ts'),
  )?.[1];
  if (!fallback) throw new Error('cannot find the SHUTDOWN_TIMEOUT_MS default in service-runtime');
  return Number(fallback);
}

function preStopSeconds(container: Container): number {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const [program, seconds] = preStop?.exec?.command ?? [];
  return program === 'sleep' ? Number(seconds) : 0;
}

describe('infra/k8s/base', () => {
  it('parses, and its kustomization.yaml lists exactly the files it has', () => {
    expect(manifests.length).toBeGreaterThan(0);
    const listed = (baseKustomization.resources ?? []).map((resource) => path.join(baseDir, resource));
    for (const resource of listed) {
      expect({ resource, exists: existsSync(resource) }).toEqual({ resource, exists: true });
    }
    // A file that is not listed is silently not deployed.
    expect([...manifestFiles].sort()).toEqual([...listed].sort());
    for (const manifest of manifests) {
      expect(manifest).toMatchObject({
        apiVersion: expect.any(String),
        metadata: { name: expect.any(String) },
      });
    }
  });

  it.each(subgraphs.map((subgraph) => [subgraph.name, subgraph]))(
    'runs the %s subgraph on the port the gateway expects, with its database Secret and health probes',
    (name, subgraph) => {
      const port = portOf(subgraph);
      expectServing(name, port);

      const container = mainContainer(find('Deployment', name));
      const secretRef = (variable: string) => env(container, variable)?.valueFrom?.secretKeyRef;
      expect(container.envFrom).toContainEqual({ configMapRef: { name: 'crm-platform-config' } });
      expect(secretRef(`${upper(name)}_DATABASE_URL`)).toEqual({
        name: `crm-${name}-database`,
        key: `${upper(name)}_DATABASE_URL`,
      });
      expect(secretRef('JWT_SECRET')).toEqual({ name: 'crm-jwt', key: 'JWT_SECRET' });
      // The owning role is for migrations only: the server connects as crm_app, under row-level security.
      expect(env(container, `${upper(name)}_MIGRATION_DATABASE_URL`)).toBeUndefined();

      const pdb = find('PodDisruptionBudget', name);
      expect(selects(matchLabelsOf(pdb), podLabels(find('Deployment', name)))).toBe(true);
    },
  );

  it.each(subgraphNames)('migrates %s with a Job of the same image, as the database owner', (name) => {
    const job = find('Job', `${name}-migrate`);
    const container = mainContainer(job);
    expect(container.image).toBe(mainContainer(find('Deployment', name)).image);
    expect(container.command).toEqual(['node', `apps/${name}/dist/migrate.js`]);
    expect(existsSync(path.join(repoRoot, `apps/${name}/src/migrate.ts`))).toBe(true);
    expect(podSpec(job).restartPolicy).toBe('Never');
    expect(env(container, `${upper(name)}_MIGRATION_DATABASE_URL`)?.valueFrom?.secretKeyRef).toEqual({
      name: `crm-${name}-database`,
      key: `${upper(name)}_MIGRATION_DATABASE_URL`,
    });
    // The Job's pods must never receive the Service's traffic.
    expect(selects(matchLabelsOf(find('Service', name)), podLabels(job))).toBe(false);
  });

  it.each(['gateway', ...subgraphNames])(
    'sets only environment variables the %s code reads, so a typo cannot go unnoticed',
    (name) => {
      const configSources =
        source(`apps/${name}/src/config.ts`) + source('libs/service-runtime/src/config.ts');
      const subgraphUrls = subgraphNames.map((subgraph) => `${upper(subgraph)}_URL`);
      const workloads = [...ofKind('Deployment'), ...ofKind('Job')].filter(
        (workload) => podLabels(workload)['app.kubernetes.io/name'] === name,
      );
      expect(workloads.length).toBeGreaterThan(0);
      for (const workload of workloads) {
        // A migration Job runs migrate.ts, which reads only a part of the service's config.
        const known = workload.kind === 'Job' ? source(`apps/${name}/src/migrate.ts`) : configSources;
        const job = `${workload.kind} ${workload.metadata.name}`;
        for (const variable of envNames(mainContainer(workload))) {
          const isKnown =
            known.includes(`${variable}:`) || (name === 'gateway' && subgraphUrls.includes(variable));
          expect({ job, variable, isKnown }).toEqual({ job, variable, isKnown: true });
        }
      }
    },
  );

  it('shares NODE_ENV=production, LOG_LEVEL and KAFKA_BROKERS through crm-platform-config', () => {
    const data = find('ConfigMap', 'crm-platform-config').data ?? {};
    expect(data['NODE_ENV']).toBe('production');
    expect(data['LOG_LEVEL']).toEqual(expect.any(String));
    expect(data['KAFKA_BROKERS']).toMatch(/^[^:\s,]+:\d+(,[^:\s,]+:\d+)*$/);
  });

  it('points the gateway at every subgraph by its Service name and port', () => {
    const gatewayPort = /PORT: baseConfigShape\.PORT\.default\((\d+)\)/.exec(
      source('apps/gateway/src/config.ts'),
    )?.[1];
    expectServing('gateway', Number(gatewayPort));
    const container = mainContainer(find('Deployment', 'gateway'));
    for (const subgraph of subgraphs) {
      expect(env(container, `${upper(subgraph.name)}_URL`)?.value).toBe(
        `http://${subgraph.name}:${portOf(subgraph)}/graphql`,
      );
      expect(find('Service', subgraph.name).spec?.ports?.[0]?.port).toBe(portOf(subgraph));
    }
    expect(env(container, 'JWT_SECRET')?.valueFrom?.secretKeyRef).toEqual({
      name: 'crm-jwt',
      key: 'JWT_SECRET',
    });
  });

  it('scales the gateway with a HorizontalPodAutoscaler, which alone owns its replica count', () => {
    const hpa = find('HorizontalPodAutoscaler', 'gateway');
    expect(hpa.spec?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'gateway' });
    expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec?.maxReplicas).toBeGreaterThanOrEqual(hpa.spec?.minReplicas ?? Infinity);
    for (const autoscaler of ofKind('HorizontalPodAutoscaler')) {
      const target = find('Deployment', autoscaler.spec?.scaleTargetRef?.name ?? '');
      // `kubectl apply` would reset the autoscaled count to this on every deploy.
      expect({ deployment: target.metadata.name, replicas: target.spec?.replicas }).toEqual({
        deployment: target.metadata.name,
        replicas: undefined,
      });
    }
  });

  it.each(ofKind('Deployment').map((deployment) => [deployment.metadata.name, deployment]))(
    'gives the %s pods time to drain: preStop sleep + SHUTDOWN_TIMEOUT_MS < terminationGracePeriodSeconds',
    (_name, deployment) => {
      const container = mainContainer(deployment);
      const grace = podSpec(deployment).terminationGracePeriodSeconds ?? 30;
      expect(preStopSeconds(container)).toBeGreaterThan(0);
      expect(grace).toBeGreaterThan(shutdownTimeoutMs(container) / 1000 + preStopSeconds(container));
    },
  );

  it.each(ofKind('Deployment').map((deployment) => [deployment.metadata.name, deployment]))(
    'selects the %s pods with its Deployment, Service and PodDisruptionBudget',
    (name, deployment) => {
      const selector = matchLabelsOf(deployment);
      const labels = podLabels(deployment);
      expect(selects(selector, labels)).toBe(true);
      expect(matchLabelsOf(find('Service', name))).toEqual(selector);
      expect(selects(matchLabelsOf(find('PodDisruptionBudget', name)), labels)).toBe(true);
      // No other workload's pods may be taken for this one's.
      for (const other of [...ofKind('Deployment'), ...ofKind('Job')].filter((w) => w !== deployment)) {
        expect({ other: other.metadata.name, selected: selects(selector, podLabels(other)) }).toEqual({
          other: other.metadata.name,
          selected: false,
        });
      }
    },
  );

  it.each([...ofKind('Deployment'), ...ofKind('Job')].map((workload) => [workload.metadata.name, workload]))(
    'runs %s as a non-root user on a read-only root filesystem, with requests and limits',
    (_name, workload) => {
      const pod = podSpec(workload);
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      // The images say `USER node`; the kubelet can only verify a numeric uid as non-root.
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
        });
        expect(container.resources?.requests).toMatchObject({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        expect(container.resources?.limits).toMatchObject({ memory: expect.any(String) });
      }
    },
  );
});

describe('infra/k8s/overlays', () => {
  const overlays = readdirSync(path.join(k8sRoot, 'overlays'));

  it.each(overlays)('%s refers only to files that exist', (overlay) => {
    const dir = path.join(k8sRoot, 'overlays', overlay);
    const kustomization = parseYamlFile(path.join(dir, 'kustomization.yaml'))[0] as Kustomization;
    const referenced = [
      ...(kustomization.resources ?? []),
      ...(kustomization.patches ?? []).flatMap((patch) => (patch.path ? [patch.path] : [])),
    ].map((file) => path.join(dir, file));
    for (const file of referenced) expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
    // Generator inputs hold real secrets and are git-ignored; their committed templates must exist.
    const generated = [...(kustomization.secretGenerator ?? []), ...(kustomization.configMapGenerator ?? [])];
    for (const file of generated.flatMap((generator) => [
      ...(generator.envs ?? []),
      ...(generator.files ?? []),
    ])) {
      const template = path.join(dir, `${file}.example`);
      expect({ file, exists: existsSync(path.join(dir, file)) || existsSync(template) }).toEqual({
        file,
        exists: true,
      });
    }
  });
});
