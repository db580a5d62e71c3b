// What the fake BinaryEdge knows, shaped as the reference module's results schemas (taken from
// BinaryEdge's API v2 documentation) describe each answer.

/** The one host the fake has scan, CVE, score, sensor and torrent data for. */
export const KNOWN_HOST = '198.51.100.10';
export const KNOWN_EMAIL = 'leaked@example.org';

const now = 1_764_590_400_000;

export function hostEvent(ip: string, port: number, index = 0) {
  return {
    origin: { module: 'grabber', port, ip: '192.0.2.200', type: 'service-simple', ts: now - index * 1000, country: 'fr' },
    target: { protocol: 'tcp', port, ip },
    result: { data: { state: { state: 'open|ssh' }, service: { banner: 'SSH-2.0-OpenSSH_8.9', method: 'probe_matching', cpe: ['cpe:/a:openbsd:openssh:8.9'], name: 'ssh', product: 'OpenSSH' } } },
  };
}

export const hostDetails = (ip: string) => ({
  total: ip === KNOWN_HOST ? 2 : 0,
  query: ip,
  events: ip === KNOWN_HOST ? [22, 80].map((port) => ({ port, results: [hostEvent(ip, port)] })) : [],
});

export const hostHistory = (ip: string) => ({ total: ip === KNOWN_HOST ? 3 : 0, query: ip, events: ip === KNOWN_HOST ? [22, 22, 80].map((port, index) => hostEvent(ip, port, index)) : [] });

export const hostCves = (ip: string) => ({
  query: ip,
  events: { ip, ports: [22], results: [{ port: 22, cpe: ['cpe:/a:openbsd:openssh:8.9'], ts: now, cves: [{ cve: 'CVE-2023-38408', cvss: 9.8 }] }] },
});

export const ipScore = (ip: string) => ({
  normalized_ip_score: 38.4,
  normalized_ip_score_detailed: { cve: 58, attack_surface: 40, encryption: 0, rms: 0, storage: 0, web: 20, torrents: 0 },
  ip_score_detailed: { cve: 9.8, attack_surface: 40, encryption: 0, rms: 0, storage: 0, web: 20, torrents: 0 },
  results_detailed: {
    ports: { open: [22, 80], score: 40 },
    cve: { result: [{ port: 22, cve: [{ cpe: 'cpe:/a:openbsd:openssh:8.9', cve_list: [{ cve: 'CVE-2023-38408', cvss: 9.8 }], score: 9.8 }], score: 9.8 }], score: 9.8 },
    ssh: { result: [{ port: 22, algorithms: { mac: [], key_exchange: [], encryption: [] }, keys: [], score: 0 }], score: 0 },
    web: { result: [{ port: 80, headers: 2, score: 20 }], score: 20 },
  },
  ip_address: ip,
});

export const sensorHost = (ip: string) => ({
  query: ip,
  total: 1,
  targets_found: 1,
  events: [
    {
      port: 80,
      results: [
        {
          target: { port: 80, protocol: 'tcp' },
          origin: { ts: now, type: 'http', ip, rdns: 'scanner.example.net' },
          data: { payload: 'GET / HTTP/1.1', extra: { http: { method: 'GET', path: '/', version: 'HTTP/1.1', headers: { 'user-agent': 'zgrab/0.x' } } }, tags: ['MALICIOUS', 'HTTP_SCANNER'] },
          '@timestamp': '2026-11-30T12:00:00Z',
        },
      ],
    },
  ],
});

export const torrentEvent = (ip: string, index = 0) => ({
  origin: { type: 'peer', module: 'torrent', ts: now - index * 1000 },
  node: { ip: '203.0.113.9', port: 6881 },
  peer: { ip, port: 51413 },
  torrent: { infohash: 'a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7', name: `ubuntu-24.04-desktop-amd64-${index}.iso`, source: 'dht', category: 'software', subcategory: 'linux' },
});

export const screenshot = (ip: string, index: number) => ({
  thumb: `https://images.example/thumb/${index}.jpg`,
  tags: ['rdp', 'windows'],
  ts: now,
  port: 3389,
  url: `https://images.example/${index}.jpg`,
  height: 768,
  width: 1024,
  geoip: { iso_code: 'FR', timezone: 'Europe/Paris', latitude: 48.85, longitude: 2.35, location: [2.35, 48.85], country_name: 'France', city_name: 'Paris' },
  ip,
  country: 'FR',
  as_name: 'EXAMPLE-AS',
  asn: 64500,
  image_id: `img-${index}`,
});

export const dnsRecord = (domain: string, index: number) => ({ A: [`192.0.2.${index % 250}`], NS: ['ns1.example.net'], MX: ['mx.example.net'], updated_at: '2026-11-30T12:00:00', domain: `h${index}.${domain}`, root: domain });

export const sensorEvent = (index: number) => ({
  data: { payload: 'SSH-2.0-Go', extra: { ssh: { description: 'ssh scanner' } }, tags: ['SSH_SCANNER'] },
  target: { port: 22, protocol: 'tcp' },
  origin: { ip: `203.0.113.${index % 250}`, type: 'ssh', ts: now, asn: 64501 },
});

export const leakTrackers = {
  sktorrent: { label: 'SkTorrent', description: 'Slovak torrent tracker', techname: 'sktorrent', logo: '', data: 'emails, passwords', year: '2016', name: 'SkTorrent', fullname: 'SkTorrent.eu' },
  yandex: { label: 'Yandex', description: 'Yandex mail accounts', techname: 'yandex', logo: '', data: 'emails, passwords', year: '2014', name: 'Yandex', fullname: 'Yandex.ru' },
};

export const subscription = { subscription: { name: 'Business' }, end_date: '2027-06-30', requests_left: 19_870, requests_plan: 20_000 };
