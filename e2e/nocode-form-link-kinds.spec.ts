// The formStart / formAbandon trigger kinds and the click rules' link presets, in each engine against the built bundle:
// a started form abandoned by leaving the page (sent by the unload pass), one submitted (no abandon), a route change
// (abandon on the old URL, then a new page view), and outbound / download / mailto / tel links. Synchronised on the
// collector's records and flush(), never on sleeps.
import { expect, test, withRules, type Collector, type TestPage } from './fixtures';

const SECRET = 'hunter2-Secret!';

const FORM_RULES = {
  'Form Page Viewed': { on: 'page' },
  'Lead Started': { on: 'formStart', selector: 'form#lead' },
  'Lead Abandoned': { on: 'formAbandon', selector: 'form#lead' },
  'Done Started': { on: 'formStart', selector: 'form#done' },
  'Done Abandoned': { on: 'formAbandon', selector: 'form#done' },
  'Quiet Started': { on: 'formStart', selector: 'form#quiet' },
};
const FORMS = `
  <form id="lead" name="lead"><input name="email"><input name="pw" type="password"><select name="plan"><option>a</option></select></form>
  <form id="done" name="done"><input name="q"><button id="send">Send</button></form>
  <div data-tally-ignore><form id="quiet"><input name="n"></form></div>
  <button id="route">Next step</button>
  <script>
    document.getElementById('done').addEventListener('submit', function (event) { event.preventDefault(); });
    document.getElementById('route').addEventListener('click', function () { history.pushState(null, '', location.pathname + '/step-2'); });
  </script>`;

/** Opens a rules page and waits until the tracker has started: its page rule reached the collector. */
async function open(page: TestPage, collector: Collector, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (window as any).analytics.initialized === true);
  await page.evaluate(() => (window as any).analytics.flush());
  await collector.waitForEvents(1, { filter: { event: 'Form Page Viewed' } });
}

const tracked = async (collector: Collector) =>
  (await collector.events((event) => event.type === 'track' && !event.duplicate)).filter((event) => event.event !== 'Form Page Viewed');

test('formStart and formAbandon: leaving the page sends the abandon of a started, unsubmitted form; values never leave', async ({
  page,
  collector,
}) => {
  const next = await collector.servePage('<!doctype html><title>next</title><p id="next">next</p>', `/forms-next-${collector.writeKey}`);
  const url = await collector.servePage(
    collector.snippetPage({
      // A long flush interval: only the unload pass can deliver what is tracked after the first flush.
      options: withRules(collector.loadOptions, FORM_RULES, { flushInterval: 60_000 }),
      body: `${FORMS}<a id="leave" href="${next}">Leave</a>`,
    }),
  );
  await open(page, collector, url);
  await page.fill('input[name=email]', 'ada@example.com');
  await page.fill('input[name=pw]', SECRET);
  await page.fill('input[name=q]', 'shoes');
  await page.click('#send');
  await page.fill('input[name=n]', 'nobody');
  await page.click('#leave');
  await page.waitForURL(next);
  await collector.waitForEvents(1, { filter: { event: 'Lead Abandoned' } });
  const events = await tracked(collector);
  expect(events.map((event) => event.event)).toEqual(['Lead Started', 'Done Started', 'Lead Abandoned']);
  const [started, , abandoned] = events;
  expect(started.properties).toEqual({ formId: 'lead', formName: 'lead', lastField: 'email', fieldsTouched: 1, msSinceStart: 0 });
  expect(abandoned.properties).toMatchObject({ formId: 'lead', formName: 'lead', lastField: 'pw', fieldsTouched: 2 });
  expect(abandoned.properties.msSinceStart).toBeGreaterThanOrEqual(0);
  expect(abandoned.context.tally).toEqual({ rule: 'Lead Abandoned' });
  const bodies = JSON.stringify((await collector.requests()).map((request) => request.body));
  expect(bodies).not.toContain(SECRET);
  expect(bodies).not.toContain('ada@example.com');
});

test('formAbandon on a route change: sent for the old URL, and the next view starts the form afresh', async ({ page, collector }) => {
  const path = `/forms-spa-${collector.writeKey}`;
  const rules = { ...FORM_RULES, 'Lead Abandoned': { ...FORM_RULES['Lead Abandoned'], fire: path } };
  const url = await collector.servePage(collector.snippetPage({ options: withRules(collector.loadOptions, rules), body: FORMS }), path);
  await open(page, collector, url);
  await page.fill('input[name=email]', 'ada@example.com');
  await page.click('#route');
  await page.fill('input[name=email]', 'ada@example.org');
  await page.evaluate(() => (window as any).analytics.flush());
  await collector.waitForEvents(3, { filter: (event) => /^Lead /.test(event.event ?? '') });
  const events = await tracked(collector);
  expect(events.map((event) => `${event.event} ${event.context.page.path}`)).toEqual([
    `Lead Started ${path}`,
    `Lead Abandoned ${path}`,
    `Lead Started ${path}/step-2`,
  ]);
  expect(events[1].properties).toMatchObject({ lastField: 'email', fieldsTouched: 1 });
});

test('link presets: outbound (with internal domains), download, mailto and tel, a selector narrowing one', async ({ page, collector }) => {
  const url = await collector.servePage(
    collector.snippetPage({
      options: withRules(collector.loadOptions, {
        'Form Page Viewed': { on: 'page' },
        'Outbound Clicked': { on: 'click', link: 'outbound', domains: ['partner.io'] },
        'File Downloaded': { on: 'click', link: 'download' },
        'Mail Clicked': { on: 'click', link: 'mailto' },
        'Footer Call Clicked': { on: 'click', link: 'tel', selector: 'footer' },
      }),
      body: `
        <main><a id="out" href="https://partner.example.org/x">Partner</a><a id="cdn" href="https://cdn.partner.io/app">CDN</a>
          <a id="home" href="/pricing">Pricing</a><a id="pdf" href="/files/Price%20list.pdf?v=2">Prices</a>
          <a id="mail" href="mailto:sales@shop.test">Mail</a><a id="navtel" href="tel:+441">Nav call</a>
          <span data-tally-ignore><a id="hush" href="https://partner.example.org/y">Hush</a></span></main>
        <footer><a id="tel" href="tel:+442"><b>Call</b></a></footer>
        <script>document.addEventListener('click', function (event) { event.preventDefault(); });</script>`,
    }),
  );
  await open(page, collector, url);
  for (const id of ['#out', '#cdn', '#home', '#pdf', '#mail', '#navtel', '#hush', '#tel b']) await page.click(id);
  await page.evaluate(() => (window as any).analytics.flush());
  await collector.waitForEvents(4, { filter: (event) => event.type === 'track' && event.event !== 'Form Page Viewed' });
  const events = await tracked(collector);
  expect(events.map((event) => event.event)).toEqual(['Outbound Clicked', 'File Downloaded', 'Mail Clicked', 'Footer Call Clicked']);
  const [out, pdf, mail, tel] = events;
  expect(out.properties).toEqual({
    elementText: 'Partner',
    elementId: 'out',
    href: 'https://partner.example.org/x',
    linkDomain: 'partner.example.org',
  });
  expect(pdf.properties).toMatchObject({ href: '/files/Price%20list.pdf?v=2', fileName: 'Price list.pdf', fileExtension: 'pdf' });
  expect(mail.properties).toMatchObject({ href: 'mailto:sales@shop.test' });
  expect(tel.properties).toMatchObject({ elementId: 'tel', href: 'tel:+442' });
});
