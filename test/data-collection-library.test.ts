import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPluginPackage } from '@ply/core';
import { actionsLibraryFiles } from '@ply/kit';

// The ten threat-intelligence lookup modules of issue #16, by slug, with the names the library shows.
const THREAT_INTELLIGENCE = {
  binaryedges: "BinaryEdge's API",
  censys: 'Censys',
  glimps: 'GLIMPS',
  iknowwhatyoudownload: 'IKnowWhatYouDownload',
  onyphe: 'Onyphe',
  'public-suffix': 'Public Suffix',
  riskiq: 'RiskIQ',
  shodan: 'Shodan',
  virustotal: 'VirusTotal',
  whois: 'Whois',
};

describe('the Actions Library: Data collection', () => {
  it('lists every threat-intelligence lookup module under Data collection, and under no other group', () => {
    const modules = Object.keys(THREAT_INTELLIGENCE).map((slug) => ({ module: loadPluginPackage(fileURLToPath(new URL(`../plugins/${slug}`, import.meta.url)), 'workspace', '1.0.0'), runnable: true }));
    const index = actionsLibraryFiles(modules).get('index.md')!;
    const start = index.indexOf('## Data collection');
    expect(start).toBeGreaterThanOrEqual(0);
    const end = index.indexOf('\n## ', start + 1);
    const section = index.slice(start, end === -1 ? undefined : end);
    for (const [slug, name] of Object.entries(THREAT_INTELLIGENCE)) expect(section).toContain(`| [${name}](modules/${slug}.md) |`);
    // Module rows only (an item of another group links to its section, `modules/<slug>.md#...`).
    const listed = [...section.matchAll(/\(modules\/([^).#]+)\.md\) \|/g)].map((match) => match[1]);
    expect(listed.sort()).toEqual(Object.keys(THREAT_INTELLIGENCE).sort());
    expect(index).not.toContain('## Third-party applications');
  });
});
