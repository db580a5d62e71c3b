import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { CANARY_IP, CLEAN_SHA256, EICAR, KNOWN_URL, MALFORMED_HASH, MALICIOUS_IP } from './fake-virustotal.js';
import { API_KEY, setup } from './setup.js';

type Report = { response_code: number; verdict: string; positives: number; total: number; scans: Record<string, { detected: boolean; category: string }> } & Record<string, unknown>;

describe('VirusTotal Scan Hash (files/{hash}) through the executor', () => {
  it('maps the v3 file object to the v2 report and takes the detected output', async () => {
    const { vt, run } = await setup();
    const execution = await run('scan_hash', { hash: EICAR.md5 });
    const report = execution.results as Report;
    expect(execution.outputs).toEqual({ detected: true, 'not detected': false, unknown: false });
    expect(vt.received.map((r) => [r.method, r.path])).toEqual([['GET', `/files/${EICAR.md5}`]]);
    expect(report).toMatchObject({ response_code: 1, resource: EICAR.md5, md5: EICAR.md5, sha1: EICAR.sha1, sha256: EICAR.sha256, positives: 58, total: 68, verdict: 'detected', scan_date: '2025-12-01 10:00:00', permalink: `https://www.virustotal.com/gui/file/${EICAR.sha256}` });
    expect(report.scans['Engine0']).toEqual({ detected: true, result: 'EICAR-Test-File', version: '1.0', update: '20261130', category: 'malicious', method: 'blacklist' });
    expect(report.scans['Unsupported']!.detected).toBe(false);
  });

  it('takes not detected below the threshold (detect_treshold, as the reference spells it) and unknown for a hash VirusTotal has never seen', async () => {
    const { run } = await setup();
    expect(((await run('scan_hash', { hash: CLEAN_SHA256 })).results as Report).verdict).toBe('not detected');
    expect(((await run('scan_hash', { hash: EICAR.sha256, detect_treshold: 59 })).results as Report).verdict).toBe('not detected');
    const unknown = await run('scan_hash', { hash: 'a'.repeat(64) });
    expect(unknown.outputs).toEqual({ detected: false, 'not detected': false, unknown: true });
    expect(unknown.results).toEqual({ response_code: 0, verbose_msg: 'The requested resource is not among the finished, queued or pending scans', resource: 'a'.repeat(64), verdict: 'unknown' });
  });

  it('refuses something that is not a hash before calling VirusTotal', async () => {
    const { vt, run } = await setup();
    const error = await plyErrorOf(run('scan_hash', { hash: 'not-a-hash' }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('/hash');
    expect(vt.received).toHaveLength(0);
  });

  it("says the key was refused (401) with VirusTotal's error code, never quoting the key", async () => {
    const { run, configuration, logs } = await setup();
    const error = await plyErrorOf(run('scan_hash', { hash: EICAR.md5 }, { configuration: { ...configuration, apikey: 'stale-vt-key-31337' } }));
    expect(error.message).toBe('VirusTotal refused the credentials of the account (HTTP 401: WrongCredentialsError: Wrong API key)');
    expect(JSON.stringify({ message: error.message, details: error.details }) + logs.text()).not.toContain('stale-vt-key-31337');
  });

  it('waits for Retry-After on 429 and retries a 5xx lookup; reports a body that is not JSON; times out', async () => {
    const { vt, run } = await setup();
    vt.faults.failNext.push({ status: 429, retryAfter: '0' }, { status: 503 });
    expect(((await run('scan_hash', { hash: EICAR.md5 })).results as Report).verdict).toBe('detected');
    expect(vt.received).toHaveLength(3);
    expect((await plyErrorOf(run('scan_hash', { hash: MALFORMED_HASH }))).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
    vt.faults.delayNextMs = 5_000;
    expect((await plyErrorOf(run('scan_hash', { hash: EICAR.md5 }, { timeoutMs: 200 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it("paces an account at the public API's 4 requests a minute by default", async () => {
    const { vt, run, configuration } = await setup({ pendingLooks: 100 });
    const { ratelimit_per_minute: _unset, ...publicKey } = configuration;
    const error = await plyErrorOf(run('scan_url', { url: 'http://unknown.example/' }, { configuration: publicKey, timeoutMs: 1_500 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
    // The URL report, the submission and two looks at the analysis; the fifth request waits for the window.
    expect(vt.received.map((r) => r.method + ' ' + r.path.split('/')[1])).toEqual(['GET urls', 'POST urls', 'GET analyses', 'GET analyses']);
  });
});

describe('VirusTotal Scan URL (urls, analyses) through the executor', () => {
  it('answers from the existing URL report without submitting it again', async () => {
    const { vt, run } = await setup();
    const report = (await run('scan_url', { url: KNOWN_URL })).results as Report;
    expect(vt.received.map((r) => r.method)).toEqual(['GET']);
    expect(report).toMatchObject({ response_code: 1, url: KNOWN_URL, positives: 7, total: 87, verdict: 'detected' });
  });

  it('submits a URL VirusTotal does not know and polls the analysis until it is completed', async () => {
    const { vt, run, logs } = await setup({ pendingLooks: 2 });
    const report = (await run('scan_url', { url: 'http://phish.example/login', detect_threshold: 10 })).results as Report;
    expect(vt.received.map((r) => `${r.method} ${r.path.split('/')[1]}`)).toEqual(['GET urls', 'POST urls', 'GET analyses', 'GET analyses', 'GET analyses']);
    expect(report).toMatchObject({ response_code: 1, url: 'http://phish.example/login', positives: 12, verdict: 'detected' });
    expect(logs.text()).toContain('analysis completed');
  });

  it('gives up after analysis_timeout, naming the analysis it waited for', async () => {
    const { run } = await setup({ pendingLooks: 1_000, configuration: { analysis_timeout: 0.1, analysis_poll_interval: 0.02 } });
    const error = await plyErrorOf(run('scan_url', { url: 'http://slow.example/' }));
    expect(error.code).toBe('PLY_VENDOR_JOB_TIMEOUT');
    expect(error.message).toMatch(/^VirusTotal analysis \S+ was not completed after 0\.1 s \(last status: queued\)$/);
  });
});

describe('VirusTotal Scan File (files, upload URL, analyses) through the executor', () => {
  it('uploads a file of the run as multipart and reports the completed analysis', async () => {
    const { vt, run, dataDir } = await setup();
    writeFileSync(join(dataDir, 'eicar.txt'), 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
    const report = (await run('scan_file', { file: 'eicar.txt' })).results as Report;
    expect(vt.received.map((r) => `${r.method} ${r.path.split('/')[1]}`)).toEqual(['POST files', 'GET analyses', 'GET analyses']);
    expect(report).toMatchObject({ response_code: 1, positives: 58, verdict: 'detected' });
    expect(report['sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends a file larger than 32 MB through the one-time upload URL', async () => {
    const { vt, run, dataDir } = await setup();
    writeFileSync(join(dataDir, 'big.bin'), Buffer.alloc(32 * 1024 * 1024 + 1, 1));
    const report = (await run('scan_file', { file: 'big.bin' })).results as Report;
    expect(vt.received.map((r) => `${r.method} ${r.path.split('/').slice(1, 3).join('/')}`)).toEqual(['GET files/upload_url', 'POST _ah/upload', 'GET analyses/' + vt.received[2]!.path.split('/')[2], 'GET analyses/' + vt.received[3]!.path.split('/')[2]]);
    expect(vt.received[1]!.bytes).toBeGreaterThan(32 * 1024 * 1024);
    expect(report.verdict).toBe('not detected');
  });

  it('refuses a file that is missing or outside the run folder, uploading nothing', async () => {
    const { vt, run } = await setup();
    expect((await plyErrorOf(run('scan_file', { file: 'missing.bin' }))).message).toBe('file "missing.bin" cannot be read (ENOENT)');
    expect((await plyErrorOf(run('scan_file', { file: '../../etc/passwd' }))).code).toBe('PLY_FILE_REFERENCE_INVALID');
    expect(vt.received).toHaveLength(0);
  });
});

describe('VirusTotal Scan Domain and Scan IP through the executor', () => {
  it('maps a domain with its subdomains, siblings, resolutions and categories from one request', async () => {
    const { vt, run } = await setup();
    const report = (await run('scan_domain', { domain: 'example.org' })).results;
    expect(vt.received).toEqual([{ method: 'GET', path: '/domains/example.org', query: { relationships: 'subdomains,siblings,resolutions' }, bytes: 0 }]);
    expect(report).toMatchObject({ response_code: 1, subdomains: ['www.example.org', 'mail.example.org'], domain_siblings: ['example.net'], resolutions: [{ ip_address: '93.184.215.14' }], categories: ['reference materials', 'education'], reputation: 12, positives: 0 });
    expect((await run('scan_domain', { domain: 'unknown.example' })).results).toEqual({ response_code: 0, verbose_msg: 'Domain not found in dataset' });
  });

  it('maps an address with its country, ASN (as text), resolutions and reputation', async () => {
    const { run } = await setup();
    const report = (await run('scan_ip', { ip: MALICIOUS_IP })).results;
    expect(report).toMatchObject({ response_code: 1, country: 'NL', asn: '64500', as_owner: 'Example Hosting', resolutions: [{ hostname: 'bad.example' }], reputation: -40, positives: 14 });
    expect((await run('scan_ip', { ip: '192.0.2.1' })).results).toEqual({ response_code: 0, verbose_msg: 'IP address not found in dataset' });
    expect((await plyErrorOf(run('scan_ip', { ip: '300.1.1.1' }))).code).toBe('PLY_ARGUMENTS_INVALID');
  });

  it('keeps the key out of results, errors and logs when VirusTotal echoes it (raw, URL-encoded, in a header)', async () => {
    const { run, logs } = await setup();
    const error = await plyErrorOf(run('scan_ip', { ip: CANARY_IP }));
    expect(error.details['status']).toBe(400);
    const seen = JSON.stringify({ message: error.message, details: error.details }) + logs.text();
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const form of [API_KEY, encodeURIComponent(API_KEY), Buffer.from(API_KEY).toString('base64')]) expect(seen).not.toContain(form);
  });
});

describe('VirusTotal account check', () => {
  it('accepts a key VirusTotal answers and reports a refused one', async () => {
    const { vt, ply, configuration } = await setup();
    await ply.checkCredentials({ module: 'virustotal', configuration });
    expect(vt.received.map((r) => r.path)).toEqual(['/ip_addresses/8.8.8.8']);
    const error = await plyErrorOf(ply.checkCredentials({ module: 'virustotal', configuration: { ...configuration, apikey: 'revoked-vt-000' } }));
    expect(error.message).toContain('VirusTotal refused the credentials of the account (HTTP 401');
  });
});
