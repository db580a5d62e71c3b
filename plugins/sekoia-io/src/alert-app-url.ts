/** The Sekoia.io app's page of an alert: `{app_url}operations/alerts/{short_id}`. */
export function alertAppUrl(appUrl: string, shortId: string): string {
  return `${appUrl.endsWith('/') ? appUrl : `${appUrl}/`}operations/alerts/${encodeURIComponent(shortId)}`;
}
