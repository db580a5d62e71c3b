/**
 * The LiveAPI WebSocket URL: the configuration's `liveapi_url`, else inferred from `base_url` as
 * the reference does (Sekoia's SaaS hosts have `live.` hosts; others serve `/live` themselves).
 */
export function liveApiUrl(configuration: { base_url: string; liveapi_url?: string | undefined }): string {
  if (configuration.liveapi_url) return configuration.liveapi_url;
  const base = new URL(configuration.base_url);
  if (base.host === 'app.test.sekoia.io' || base.host === 'api.test.sekoia.io') return 'wss://live.test.sekoia.io/';
  if (base.host === 'app.sekoia.io' || base.host === 'api.sekoia.io') return 'wss://live.sekoia.io/';
  return `${base.protocol === 'http:' ? 'ws' : 'wss'}://${base.host}/live`;
}
