/** hookscope:// links → the app page of the same route as the web deep link; anything else is refused with the reason. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepLinkFromArgv, DEEP_LINK_SCHEME, resolveDeepLink } from '../../../electron/main/deep-link';
import { formatRoute } from '../../../shared/route';

const APP = 'app://hookscope/index.html';

test('a delivery, its tab and the query map onto the web deep link route', () => {
  const cases: Array<[string, string]> = [
    ['hookscope://d/01JEXAMPLE/checks?q=status%3A401', '#/d/01JEXAMPLE/checks?q=status%3A401'],
    ['hookscope://d/01JEXAMPLE/request', '#/d/01JEXAMPLE/request'],
    ['hookscope://d/01JEXAMPLE', '#/d/01JEXAMPLE/checks'],
    ['hookscope://d/01JEXAMPLE/forwarding/', '#/d/01JEXAMPLE/forwarding'],
    ['HOOKSCOPE://d/01JEXAMPLE/compare', '#/d/01JEXAMPLE/compare'],
    ['hookscope:d/01JEXAMPLE/checks?q=order+AND+Osaka', '#/d/01JEXAMPLE/checks?q=order+AND+Osaka'],
    ['hookscope://?q=verdict%3Arejected', '#/?q=verdict%3Arejected'],
    ['hookscope://', '#/'],
    ['hookscope://settings', '#/settings'],
    ['hookscope://security?q=dropped', '#/security'],
    ['hookscope://audit#ignored', '#/audit'],
  ];
  for (const [link, hash] of cases) assert.deepEqual(resolveDeepLink(link), { ok: true, url: `${APP}${hash}` }, link);
  // the same route the web UI writes for that view
  assert.equal(formatRoute({ view: 'inspector', id: '01JEXAMPLE', tab: 'checks', q: 'status:401' }), '#/d/01JEXAMPLE/checks?q=status%3A401');
});

test('everything else is refused with the reason, never passed on', () => {
  const cases: Array<[unknown, RegExp]> = [
    ['https://hookscope.dev/d/x', /not a hookscope:\/\/ link/],
    ['hookscopex://d/x', /not a hookscope:\/\/ link/],
    [42, /not a hookscope/],
    ['hookscope://d/', /needs a delivery id/],
    ['hookscope://d/a%20b', /needs a delivery id/],
    ['hookscope://d/x/../../etc/passwd', /unknown tab|too many/],
    ['hookscope://d/x/raw', /unknown tab "raw": use checks, request, forwarding, compare/],
    ['hookscope://d/x/checks/more', /too many path segments/],
    ['hookscope://d/%E0%A4%A', /percent-encoding/],
    ['hookscope://preferences', /unknown view "preferences"/],
    ['hookscope://settings/extra', /too many path segments/],
    [`hookscope://?q=${'a'.repeat(501)}`, /query is longer than 500/],
    [`hookscope://d/${'x'.repeat(2100)}`, /longer than 2048/],
  ];
  for (const [link, reason] of cases) {
    const r = resolveDeepLink(link);
    assert.equal(r.ok, false, String(link));
    assert.match(r.ok ? '' : r.reason, reason, String(link));
  }
});

test('the link among process arguments (Windows, Linux)', () => {
  assert.equal(deepLinkFromArgv(['/usr/bin/hookscope', '--no-sandbox', 'hookscope://d/a/checks']), 'hookscope://d/a/checks');
  assert.equal(deepLinkFromArgv(['/usr/bin/hookscope', '--inspect']), null);
});

test('installers register the scheme (electron-builder protocols, validated by electron-builder)', async () => {
  const { getConfig, validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as typeof import('app-builder-lib/out/util/config/config');
  const { DebugLogger } = await import('builder-util');
  const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  const protocols = [config.protocols ?? []].flat();
  assert.ok(protocols.some((p) => [p.schemes].flat().includes(DEEP_LINK_SCHEME)), JSON.stringify(protocols));
});
