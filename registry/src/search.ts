import type { StoredPackument, StoredVersion } from './registry-storage.js';

/** One object of npm's `/-/v1/search` answer. */
export interface SearchObject {
  package: {
    name: string;
    scope: string;
    version: string;
    description?: string;
    keywords: string[];
    date?: string;
    publisher?: { username: string };
    maintainers: Array<{ username: string; email?: string }>;
    links: Record<string, string>;
  };
  score: { final: number; detail: { quality: number; popularity: number; maintenance: number } };
  searchScore: number;
}

function latestOf(packument: StoredPackument): StoredVersion | undefined {
  return packument.versions[packument['dist-tags']['latest'] ?? ''] ?? Object.values(packument.versions).at(-1);
}

function keywordsOf(version: StoredVersion): string[] {
  const keywords = version['keywords'];
  return Array.isArray(keywords) ? keywords.filter((k): k is string => typeof k === 'string') : [];
}

function publisherOf(version: StoredVersion): string | undefined {
  const user = version['_npmUser'] as { name?: unknown } | undefined;
  return typeof user?.name === 'string' ? user.name : undefined;
}

/** How well a package matches the words of a query (0: it does not); `keywords:x` filters by keyword. */
function score(packument: StoredPackument, version: StoredVersion, words: string[]): number {
  const name = packument.name.toLowerCase();
  const description = String(version['description'] ?? '').toLowerCase();
  const keywords = keywordsOf(version).map((k) => k.toLowerCase());
  let total = 0;
  for (const word of words) {
    if (word.startsWith('keywords:')) {
      const wanted = word.slice('keywords:'.length).split(',');
      if (!wanted.some((k) => keywords.includes(k))) return 0;
      total += 1;
      continue;
    }
    const hit = (name === word ? 4 : name.includes(word) ? 2 : 0) + (keywords.includes(word) ? 1.5 : 0) + (description.includes(word) ? 1 : 0);
    if (hit === 0) return 0;
    total += hit;
  }
  return words.length === 0 ? 1 : total;
}

/** npm's search API over the stored packuments: `text`, `size` (default 20, at most 250), `from`. */
export function searchPackages(packuments: StoredPackument[], text: string, size: number, from: number): { objects: SearchObject[]; total: number; time: string } {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = packuments
    .map((packument) => ({ packument, version: latestOf(packument) }))
    .filter((hit): hit is { packument: StoredPackument; version: StoredVersion } => hit.version !== undefined)
    .map((hit) => ({ ...hit, score: score(hit.packument, hit.version, words) }))
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || a.packument.name.localeCompare(b.packument.name));
  const objects = hits.slice(from, from + size).map(({ packument, version, score: value }) => ({
    package: {
      name: packument.name,
      scope: packument.name.startsWith('@') ? packument.name.slice(1, packument.name.indexOf('/')) : 'unscoped',
      version: version.version,
      ...(typeof version['description'] === 'string' ? { description: version['description'] } : {}),
      keywords: keywordsOf(version),
      ...(packument.time[version.version] ? { date: packument.time[version.version] } : {}),
      ...(publisherOf(version) ? { publisher: { username: publisherOf(version)! } } : {}),
      maintainers: packument.maintainers.map((owner) => ({ username: owner.name, ...(owner.email ? { email: owner.email } : {}) })),
      links: {},
    },
    score: { final: 1, detail: { quality: 1, popularity: 1, maintenance: 1 } },
    searchScore: value,
  }));
  return { objects, total: hits.length, time: new Date().toUTCString() };
}
