import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPluginPackage } from '@ply/core';
import { actionsLibraryFiles } from '@ply/kit';

// The threat-intelligence lookup modules of issue #16 that are in the workspace.
const THREAT_INTELLIGENCE = { 'public-suffix': 'Public Suffix', riskiq: 'RiskIQ', shodan: 'Shodan', virustotal: 'VirusTotal', whois: 'Whois' };

describe('the Actions Library: Data collection', () => {
  it('lists every threat-intelligence lookup module under Data collection, and under no other group', () => {
    const modules = Object.keys(THREAT_INTELLIGENCE).map((slug) => ({ module: loadPluginPackage(fileURLToPath(new URL(`../plugins/${slug}`, import.meta.url)), 'workspace', '1.0.0'), runnable: true }));
    const index = actionsLibraryFiles(modules).get('index.md')!;
    const start = index.indexOf('## Data collection');
    expect(start).toBeGreaterThanOrEqual(0);
    const section = index.slice(start, index.indexOf('\n## ', start + 1) === -1 ? undefined : index.indexOf('\n## ', start + 1));
    for (const [slug, name] of Object.entries(THREAT_INTELLIGENCE)) expect(section).toContain(`| [${name}](modules/${slug}.md) |`);
    expect(index).not.toContain('## Third-party applications');
  });
});
