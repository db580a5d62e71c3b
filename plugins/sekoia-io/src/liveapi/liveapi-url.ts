/**
 * The LiveAPI WebSocket URL: the configuration's `liveapi_url`, else `wss://<app host>/live/` as
 * the reference infers it (`api.sekoia.io` and `api.test.sekoia.io` become their `app.` hosts).
 * A platform served over plain `http:` (a test or a local deployment) gets `ws:`.
 */
export function liveApiUrl(configuration: { base_url: string; liveapi_url?: string | undefined }): string {
  if (configuration.liveapi_url) return configuration.liveapi_url;
  const base = new URL(configuration.base_url);
  const host = base.host === 'api.sekoia.io' || base.host === 'api.test.sekoia.io' ? base.host.replace(/^api\./, 'app.') : base.host;
  return `${base.protocol === 'http:' ? 'ws' : 'wss'}://${host}/live/`;
}
