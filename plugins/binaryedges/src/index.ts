import { getDataleaksTrackersAction } from './get-dataleaks-trackers.action.js';
import { getDetailsAction } from './get-details.action.js';
import { getHistoryAction } from './get-history.action.js';
import { getScoreAction } from './get-score.action.js';
import { getSensorsAction } from './get-sensors.action.js';
import { getSensorsStatisticsAction } from './get-sensors-statistics.action.js';
import { getStatisticsAction } from './get-statistics.action.js';
import { getTorrentActivityAction } from './get-torrent-activity.action.js';
import { getTorrentHistoryAction } from './get-torrent-history.action.js';
import { getTorrentStatisticsAction } from './get-torrent-statistics.action.js';
import { getUserSubscriptionAction } from './get-user-subscription.action.js';
import { listCvesAction } from './list-cves.action.js';
import { listDnsTargetsByDomainAction } from './list-dns-targets-by-domain.action.js';
import { listDomainsByIpAction } from './list-domains-by-ip.action.js';
import { listIpsFromTagAction } from './list-ips-from-tag.action.js';
import { listScreenshotsAction } from './list-screenshots.action.js';
import { listSubdomainsAction } from './list-subdomains.action.js';
import { listTagsForScreenshotsAction } from './list-tags-for-screenshots.action.js';
import { searchDataleaksByEmailAction } from './search-dataleaks-by-email.action.js';
import { searchDataleaksByOrganizationAction } from './search-dataleaks-by-organization.action.js';
import { searchDomainsAction } from './search-domains.action.js';
import { searchEventsAction } from './search-events.action.js';
import { searchScreenshotsAction } from './search-screenshots.action.js';
import { searchSensorsAction } from './search-sensors.action.js';
import { searchTorrentActivitiesAction } from './search-torrent-activities.action.js';
import { binaryEdge } from './module.js';

export default binaryEdge.plugin({
  actions: [
    listCvesAction,
    searchDataleaksByEmailAction,
    getDataleaksTrackersAction,
    searchDataleaksByOrganizationAction,
    listDnsTargetsByDomainAction,
    listDomainsByIpAction,
    searchDomainsAction,
    listSubdomainsAction,
    listScreenshotsAction,
    searchScreenshotsAction,
    listTagsForScreenshotsAction,
    getDetailsAction,
    getHistoryAction,
    getScoreAction,
    searchEventsAction,
    getStatisticsAction,
    getSensorsAction,
    searchSensorsAction,
    getSensorsStatisticsAction,
    listIpsFromTagAction,
    getTorrentHistoryAction,
    getTorrentActivityAction,
    searchTorrentActivitiesAction,
    getTorrentStatisticsAction,
    getUserSubscriptionAction,
  ],
});
