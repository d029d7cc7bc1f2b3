/**
 * A readable diff between two versions of an advisory package: which advisory fields changed,
 * which typologies were added, removed or changed (rule by rule, parameter by parameter), and
 * whether the version number moved the way semantic versioning asks.
 */
import { canonicalJson } from './canonical-json.ts';
import type { UnsignedPackage } from './schema.ts';

export type Change = { path: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown };

export type PackageDiff = {
  from: string;
  to: string;
  versionOrder: 'newer' | 'same' | 'older';
  advisory: Change[];
  typologies: { added: string[]; removed: string[]; changed: Array<{ id: string; from: string; to: string; changes: Change[] }> };
  /** Set when the content changed but the version did not move forward. */
  versionProblem: string | null;
};

/**
 * Compares semantic versions (pre-release tags sort before the release).
 * @example compareVersions('1.2.0', '1.10.0') // -1
 */
export function compareVersions(a: string, b: string): number {
  const split = (v: string): [number[], string] => {
    const [core = '', pre = ''] = v.split('-', 2);
    return [core.split('.').map(Number), pre];
  };
  const [ca, pa] = split(a);
  const [cb, pb] = split(b);
  for (let i = 0; i < 3; i++) {
    const d = (ca[i] ?? 0) - (cb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (pa === pb) return 0;
  if (pa === '') return 1;
  if (pb === '') return -1;
  return pa < pb ? -1 : 1;
}

function keyOf(item: unknown): string | null {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const id = (item as Record<string, unknown>).id;
    if (typeof id === 'string') return id;
  }
  return null;
}

/** Structural diff; arrays of objects with an `id` are matched by id, other arrays by position. */
export function diffValues(before: unknown, after: unknown, path: string, out: Change[] = []): Change[] {
  if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) return out;
  if (before === undefined) return (out.push({ path, kind: 'added', after }), out);
  if (after === undefined) return (out.push({ path, kind: 'removed', before }), out);
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (Array.isArray(before) && Array.isArray(after)) {
    const byId = before.every((item) => keyOf(item) !== null) && after.every((item) => keyOf(item) !== null);
    if (byId && before.length + after.length > 0) {
      const left = new Map(before.map((item) => [keyOf(item) as string, item]));
      const right = new Map(after.map((item) => [keyOf(item) as string, item]));
      for (const id of new Set([...left.keys(), ...right.keys()])) diffValues(left.get(id), right.get(id), `${path}[${id}]`, out);
      return out;
    }
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) diffValues(before[i], after[i], `${path}[${i}]`, out);
    return out;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      diffValues(before[key], after[key], path === '' ? key : `${path}.${key}`, out);
    }
    return out;
  }
  out.push({ path, kind: 'changed', before, after });
  return out;
}

/**
 * @example const diff = diffPackages(v1, v2); console.log(formatPackageDiff(diff));
 */
export function diffPackages(before: UnsignedPackage, after: UnsignedPackage): PackageDiff {
  const label = (p: UnsignedPackage): string => `${p.advisory.id}@${p.advisory.version}`;
  const order = compareVersions(after.advisory.version, before.advisory.version);
  const { version: _v1, ...advisoryBefore } = before.advisory;
  const { version: _v2, ...advisoryAfter } = after.advisory;
  const advisory = diffValues(advisoryBefore, advisoryAfter, 'advisory');
  const typologyMap = (p: UnsignedPackage): Map<string, Record<string, unknown>> => new Map(p.typologies.map((t) => [String(t.id), t]));
  const left = typologyMap(before);
  const right = typologyMap(after);
  const added = [...right.keys()].filter((id) => !left.has(id)).sort();
  const removed = [...left.keys()].filter((id) => !right.has(id)).sort();
  const changed: PackageDiff['typologies']['changed'] = [];
  for (const [id, document] of [...left].sort(([a], [b]) => a.localeCompare(b))) {
    const next = right.get(id);
    if (next === undefined) continue;
    const changes = diffValues(document, next, id);
    if (changes.length > 0) changed.push({ id, from: String(document.version), to: String(next.version), changes });
  }
  const contentChanged = advisory.length > 0 || added.length > 0 || removed.length > 0 || changed.length > 0;
  let versionProblem: string | null = null;
  if (contentChanged && order <= 0) versionProblem = `the content changed but the version went from ${before.advisory.version} to ${after.advisory.version}; publish a higher version`;
  for (const typology of changed) {
    if (typology.changes.some((c) => c.path !== `${typology.id}.version`) && compareVersions(typology.to, typology.from) <= 0) {
      versionProblem = `${versionProblem ? `${versionProblem}; ` : ''}typology ${typology.id} changed but kept version ${typology.to}`;
    }
  }
  return { from: label(before), to: label(after), versionOrder: order > 0 ? 'newer' : order === 0 ? 'same' : 'older', advisory, typologies: { added, removed, changed }, versionProblem };
}

const show = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value ?? null);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
};

function formatChange(change: Change): string {
  if (change.kind === 'added') return `  + ${change.path}: ${show(change.after)}`;
  if (change.kind === 'removed') return `  - ${change.path}: ${show(change.before)}`;
  return `  ~ ${change.path}: ${show(change.before)} → ${show(change.after)}`;
}

/** Renders a diff for a terminal or a review. */
export function formatPackageDiff(diff: PackageDiff): string {
  const lines = [`${diff.from} → ${diff.to} (${diff.versionOrder})`];
  if (diff.versionProblem) lines.push(`! ${diff.versionProblem}`);
  lines.push(diff.advisory.length === 0 ? 'advisory: unchanged' : 'advisory:');
  lines.push(...diff.advisory.map(formatChange));
  const { added, removed, changed } = diff.typologies;
  for (const id of added) lines.push(`typology added: ${id}`);
  for (const id of removed) lines.push(`typology removed: ${id}`);
  for (const typology of changed) {
    lines.push(`typology changed: ${typology.id} ${typology.from} → ${typology.to}`);
    lines.push(...typology.changes.map(formatChange));
  }
  if (added.length + removed.length + changed.length === 0) lines.push('typologies: unchanged');
  return lines.join('\n');
}
