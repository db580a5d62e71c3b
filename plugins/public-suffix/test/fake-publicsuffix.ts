import { Hono } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake of publicsuffix.org's download, `GET /list/public_suffix_list.dat`, serving a list in the
 * published format (https://publicsuffix.org/list/ and https://github.com/publicsuffix/list/wiki/Format:
 * UTF-8 text, `//` comments, one rule per line, `*.` wildcards and `!` exceptions, the ICANN and
 * PRIVATE sections between `// ===BEGIN ... DOMAINS===` and `// ===END ... DOMAINS===` markers),
 * an excerpt of the real list as the reference module's test uses it. Any other path is 404.
 * `/list/not-the-list.dat` answers a text without the sections; `failNext` and `delayNextMs`.
 */
export const LIST = `// This Source Code Form is subject to the terms of the Mozilla Public
// License, v. 2.0. If a copy of the MPL was not distributed with this
// file, You can obtain one at https://mozilla.org/MPL/2.0/.

// ===BEGIN ICANN DOMAINS===

// ac : https://en.wikipedia.org/wiki/.ac
ac
com.ac
edu.ac

// ck : https://en.wikipedia.org/wiki/.ck
*.ck
!www.ck

// ===END ICANN DOMAINS===
// ===BEGIN PRIVATE DOMAINS===
// (Note: these are in alphabetical order by company name)

// 1GB LLC : https://www.1gb.ua/
// Submitted by 1GB LLC <noc@1gb.com.ua>
cc.ua
inf.ua
ltd.ua

// Adobe : https://www.adobe.com/
// Submitted by Ian Boston <boston@adobe.com>
adobeaemcloud.com
adobeaemcloud.net
*.dev.adobeaemcloud.com

// GitHub, Inc.
github.io    an annotation after whitespace is not part of the rule

// ===END PRIVATE DOMAINS===
`;

export function fakePublicSuffix() {
  const requests: string[] = [];
  const faults = faultInjection();
  const app = new Hono();
  app.use('*', async (c, next) => {
    requests.push(new URL(c.req.url).pathname);
    await next();
  });
  app.use('*', faults.middleware((c, failure) => c.text(`${failure.status} error`, failure.status)));
  app.get('/list/public_suffix_list.dat', (c) => c.text(LIST, 200, { 'content-type': 'text/plain; charset=utf-8' }));
  app.get('/list/not-the-list.dat', (c) => c.text('<html><body>Maintenance</body></html>', 200, { 'content-type': 'text/html' }));
  return { app, requests, faults };
}
