import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ARTIFACTS_DIR,
  CHROMIUM_PATH,
  chromiumInstalled,
  collectPageProblems,
  launchChromium,
  screenshot,
} from './support/browser';
import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

interface Row {
  indicator: string;
  label: { vi: string; en: string };
  value: number | null;
  target?: number;
}

const installed = chromiumInstalled();
if (!installed) {
  console.warn(
    `SKIPPED: the dashboard browser tests need Chromium at ${CHROMIUM_PATH} ` +
      '(apt-get update && apt-get install -y chromium); nothing was tested in a browser.',
  );
}
const describeInBrowser = installed ? describe : describe.skip;

describeInBrowser('the dashboard in a browser', () => {
  jest.setTimeout(60_000);
  let t: TestLedger;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let supervisor: string;
  let officer: string;
  const password = (username: string) => `${username}-password-long`;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  const post = async (token: string, path: string, body: Record<string, unknown>) => {
    const response = await t.http().post(path).set(auth(token)).send(body);
    if (response.status !== 201)
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };
  const indicators = async (token: string, query: string) => {
    const response = await t.http().get(`/api/indicators?${query}`).set(auth(token)).expect(200);
    return response.body as {
      rows: Row[];
      children?: { unit: string; name: string; rows: Row[] }[];
    };
  };
  const valueCell = (code: string) =>
    page.locator(`#indicator-table tr[data-indicator="${code}"] td.value`);
  const shownValues = (on: Page) =>
    on.$$eval('#indicator-table tbody tr', (rows) =>
      rows.map((row) => ({
        indicator: row.getAttribute('data-indicator'),
        value: row.querySelector('td.value')?.getAttribute('data-value'),
        target: row.querySelector('td.target')?.getAttribute('data-target'),
      })),
    );
  /** The table shows exactly the API's figures and targets, row for row. */
  const expectFiguresOf = async (token: string, query: string, on: Page = page) => {
    const api = await indicators(token, query);
    expect(await shownValues(on)).toEqual(
      api.rows.map((row) => ({
        indicator: row.indicator,
        value: row.value === null ? 'suppressed' : String(row.value),
        target: row.target === undefined ? '' : String(row.target),
      })),
    );
  };
  const logIn = async (target: Page, username: string) => {
    await target.fill('#login-username', username);
    await target.fill('#login-password', password(username));
    await target.click('#login-submit');
    await target.waitForSelector('#indicator-table tbody tr[data-indicator]');
  };

  beforeAll(async () => {
    t = await startTestLedger();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    supervisor = await t.user('thainguyen.supervisor', 'supervisor', '19');
    officer = await t.user('lienminh.officer', 'officer', '05752');
    const districtOfficer = await t.user('vonhai.officer', 'officer', '170');
    const provinceOfficer = await t.user('thainguyen.officer', 'officer', '19');
    const admin = await t.adminToken();
    // A year of Project 8 work in Thai Nguyen, as recorders would have entered it.
    for (const [unitCode, heldOn, total, women] of [
      ['05752', '2023-03-08', 92, 60],
      ['05752', '2023-10-12', 75, 51],
      ['05746', '2023-06-20', 64, 40],
      ['05740', '2023-09-14', 58, 37],
    ] as const) {
      await post(
        districtOfficer,
        '/api/dialogues',
        dialogueBody({ unitCode, heldOn, participants: { total, women } }),
      );
    }
    const held = await post(officer, '/api/dialogues', dialogueBody({ heldOn: '2023-11-02' }));
    await post(officer, `/api/dialogues/${held.id}/corrections`, {
      changes: { participants: { women: 61 } },
      reason: 'attendance list recounted',
    });
    for (const [unitCode, topic, total, women] of [
      ['19', 'gender_mainstreaming', 45, 30],
      ['170', 'policy_dialogue', 38, 25],
      ['05752', 'leaders_of_change', 30, 22],
    ] as const) {
      await post(provinceOfficer, '/api/trainings', {
        unitCode,
        topic,
        heldOn: '2023-05-16',
        participants: { total, women },
        manualsDistributed: total,
      });
    }
    await post(districtOfficer, '/api/communications', {
      unitCode: '05746',
      heldOn: '2023-07-01',
      form: 'meeting',
      participants: { total: 120, women: 85 },
    });
    await post(officer, '/api/clubs', {
      name: 'CLB Thủ lĩnh của sự thay đổi Liên Minh',
      unitCode: '05752',
      school: 'Trường THCS Liên Minh',
      establishedOn: '2023-02-01',
    });
    // One case: a small cell, which the API suppresses and the page must show as hidden.
    const address = await post(officer, '/api/trusted-addresses', {
      name: 'Địa chỉ tin cậy xóm Na Rang',
      unitCode: '05752',
      establishedOn: '2023-01-15',
    });
    const caseWorker = await t.user('lienminh.caseworker', 'case_worker', '05752');
    await post(caseWorker, `/api/trusted-addresses/${address.id}/cases`, {
      openedOn: '2023-08-03',
      violenceType: 'psychological',
      consent: true,
      subject: { sex: 'female', ageBand: '30-59' },
    });
    for (const [indicator, value] of [
      ['dialogues.held', 8],
      ['dialogues.participants', 600],
      ['trainings.classes', 4],
      ['trainings.participant_times', 150],
      ['communications.events', 3],
      ['clubs.active', 2],
    ] as const) {
      await post(admin, '/api/targets', {
        indicator,
        unitCode: '19',
        periodFrom: '2023-01-01',
        periodTo: '2023-12-31',
        value,
      });
    }
    browser = await launchChromium();
    // A provincial office's browser: Vietnamese locale, Viet Nam time.
    const office = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };
    context = await browser.newContext({
      ...office,
      viewport: { width: 1360, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    problems = collectPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves the page and its files from the service itself, with no CDN', async () => {
    const html = await t.http().get('/').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    expect(html.text).not.toMatch(/https?:\/\//);
    const chart = await t.http().get('/assets/vendor/chart.umd.js').expect(200);
    expect(chart.headers['content-type']).toMatch(/javascript/);
    expect(chart.text).toContain('Chart.js');
    await t
      .http()
      .get('/assets/main.js')
      .expect(200)
      .expect('content-type', /javascript/);
    const missing = await t.http().get('/assets/..%2Fdashboard.module.ts').expect(404);
    expect(missing.body.statusCode).toBe(404);
  });

  it('logs in through the form and shows the figures the API gives for her province', async () => {
    await page.goto(base);
    await page.waitForSelector('#login-form');
    await screenshot(page, 'dashboard-01-login');
    await page.fill('#login-username', 'thainguyen.supervisor');
    await page.fill('#login-password', 'not the password at all');
    await page.click('#login-submit');
    await page.waitForSelector('#login-message:not([hidden])');
    expect(await page.textContent('#login-message')).toContain('Sai tên đăng nhập hoặc mật khẩu');
    await logIn(page, 'thainguyen.supervisor');
    expect(await page.textContent('#unit-title')).toBe('Tỉnh Thái Nguyên');
    await expectFiguresOf(supervisor, 'unit=19');
    const api = await indicators(supervisor, 'unit=19');
    expect(api.rows.find((row) => row.indicator === 'cases.opened')!.value).toBeNull();
    expect(await valueCell('cases.opened').textContent()).toBe('ẩn');
    const first = api.rows[0]!;
    expect(
      await page.textContent(`#indicator-table tr[data-indicator="${first.indicator}"] th`),
    ).toBe(first.label.vi);
    expect(
      await page.getAttribute(
        '#indicator-table tr[data-indicator="dialogues.held"] td.share',
        'data-achieved',
      ),
    ).toBe(String(Math.round((5 / 8) * 1000) / 1000));
    await page.waitForSelector('#live-status[data-state="live"]');
    expect(await page.evaluate('typeof window.Chart')).toBe('function');
    expect(await page.evaluate('document.querySelector("#indicator-chart").width')).toBeGreaterThan(
      0,
    );
    await screenshot(page, 'dashboard-02-province');
  });

  let beforeLiveDialogue: Date;

  it('changes the table and chart without reloading when a commune records a dialogue', async () => {
    await page.evaluate('window.__notReloaded = true');
    // The as-of picker has whole seconds: let a second pass between what was and what comes.
    beforeLiveDialogue = new Date(Math.floor(Date.now() / 1000) * 1000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = Number(await valueCell('dialogues.held').getAttribute('data-value'));
    const participants = Number(
      await valueCell('dialogues.participants').getAttribute('data-value'),
    );
    await post(
      officer,
      '/api/dialogues',
      dialogueBody({ heldOn: '2023-12-01', participants: { total: 40, women: 30 } }),
    );
    await page.waitForSelector(
      `#indicator-table tr[data-indicator="dialogues.held"] td.value[data-value="${before + 1}"]`,
      {
        timeout: 10_000,
      },
    );
    expect(await valueCell('dialogues.participants').getAttribute('data-value')).toBe(
      String(participants + 40),
    );
    expect(await page.evaluate('window.__notReloaded')).toBe(true);
    expect(await page.textContent('#live-label')).toBe('Trực tiếp');
    await expectFiguresOf(supervisor, 'unit=19');
  });

  it('shows the figures as the ledger knew them at an earlier moment, and pauses the live feed', async () => {
    const vietNamTime = new Date(beforeLiveDialogue.getTime() + 7 * 3600_000)
      .toISOString()
      .slice(0, 19);
    await page.fill('#filter-as-of', vietNamTime);
    await page.click('#filters button[type="submit"]');
    await page.waitForSelector('#live-status[data-state="paused"]');
    const asOf = beforeLiveDialogue.toISOString();
    const then = await indicators(supervisor, `unit=19&asOf=${encodeURIComponent(asOf)}`);
    const now = await indicators(supervisor, 'unit=19');
    const held = (answer: { rows: Row[] }) =>
      answer.rows.find((row) => row.indicator === 'dialogues.held')!.value!;
    expect(held(then)).toBe(held(now) - 1);
    await page.waitForSelector(
      `#indicator-table tr[data-indicator="dialogues.held"] td.value[data-value="${held(then)}"]`,
    );
    await expectFiguresOf(supervisor, `unit=19&asOf=${encodeURIComponent(asOf)}`);
    expect(page.url()).toContain(`asOf=${encodeURIComponent(asOf)}`);
    await screenshot(page, 'dashboard-03-as-of');
    await page.click('#filter-reset');
    await page.waitForSelector('#live-status[data-state="live"]');
    await expectFiguresOf(supervisor, 'unit=19');
  });

  it('switches to English, and remembers it', async () => {
    await page.click('[data-lang="en"]');
    const api = await indicators(supervisor, 'unit=19');
    for (const row of api.rows) {
      expect(
        await page.textContent(`#indicator-table tr[data-indicator="${row.indicator}"] th`),
      ).toBe(row.label.en);
    }
    expect(await page.textContent('#indicator-table thead th')).toBe('Indicator');
    expect(await page.textContent('#download-xlsx')).toBe('Download Excel');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.waitForSelector('#indicator-table tbody tr[data-indicator]');
    expect(await page.textContent('#indicator-table thead th')).toBe('Indicator');
    await screenshot(page, 'dashboard-04-english');
  });

  it('drills down from the province to a district and a commune, and back up by the breadcrumb', async () => {
    await page.fill('#filter-from', '2023-01-01');
    await page.fill('#filter-to', '2023-12-31');
    await page.click('#filters button[type="submit"]');
    await page.waitForSelector('#children-table button.drill[data-unit="170"]');
    await expectFiguresOf(supervisor, 'unit=19&from=2023-01-01&to=2023-12-31');
    await page.selectOption('#children-indicator', 'dialogues.held');
    const districts = await indicators(
      supervisor,
      'unit=19&from=2023-01-01&to=2023-12-31&by=children',
    );
    const vonhai = districts.children!.find((child) => child.unit === '170')!;
    expect(
      await page.getAttribute('#children-table tr[data-unit="170"] td.value', 'data-value'),
    ).toBe(String(vonhai.rows.find((row) => row.indicator === 'dialogues.held')!.value));
    await page.click('#children-sort');
    const busiest = [...districts.children!].sort(
      (a, b) =>
        b.rows.find((r) => r.indicator === 'dialogues.held')!.value! -
        a.rows.find((r) => r.indicator === 'dialogues.held')!.value!,
    )[0]!;
    expect(await page.getAttribute('#children-table tbody tr:first-child', 'data-unit')).toBe(
      busiest.unit,
    );
    await screenshot(page, 'dashboard-05-by-district');

    await page.click('#children-table button.drill[data-unit="170"]');
    await page.waitForSelector('#unit-title:text-is("Huyện Võ Nhai")');
    await page.waitForSelector('#children-table button.drill[data-unit="05752"]');
    await expectFiguresOf(supervisor, 'unit=170&from=2023-01-01&to=2023-12-31');
    await page.click('#children-table button.drill[data-unit="05752"]');
    await page.waitForSelector('#unit-title:text-is("Xã Liên Minh")');
    await expectFiguresOf(supervisor, 'unit=05752&from=2023-01-01&to=2023-12-31');
    expect(await page.isHidden('#children-panel')).toBe(true);
    expect(await page.locator('#breadcrumb .crumb').allTextContents()).toEqual([
      'Tỉnh Thái Nguyên',
      'Huyện Võ Nhai',
      'Xã Liên Minh',
    ]);
    // Within a period the live feed's all-time rows do not fit: the page fetches the period again.
    const inPeriod = Number(await valueCell('dialogues.held').getAttribute('data-value'));
    await post(officer, '/api/dialogues', dialogueBody({ heldOn: '2023-12-15' }));
    await page.waitForSelector(
      `#indicator-table tr[data-indicator="dialogues.held"] td.value[data-value="${inPeriod + 1}"]`,
    );
    await expectFiguresOf(supervisor, 'unit=05752&from=2023-01-01&to=2023-12-31');
    await screenshot(page, 'dashboard-06-commune');

    await page.click('#breadcrumb button.crumb[data-unit="19"]');
    await page.waitForSelector('#unit-title:text-is("Tỉnh Thái Nguyên")');
    expect(await page.locator('#breadcrumb .crumb').count()).toBe(1);
  });

  it('opens the audit trail of a figure in two clicks, with corrections before → after', async () => {
    await page.click('#children-table button.drill[data-unit="170"]');
    await page.waitForSelector('#unit-title:text-is("Huyện Võ Nhai")');
    await page.click(
      '#indicator-table tr[data-indicator="dialogues.participants"] button.audit-link',
    );
    await page.waitForSelector('#audit-panel:not([hidden]) #audit-table tbody tr[data-position]');
    expect(await page.textContent('#audit-title')).toBe('Audit trail · Huyện Võ Nhai');
    expect(await page.inputValue('#audit-family')).toBe('dialogue');
    const types = await page.locator('#audit-table tbody tr td:nth-child(4)').allTextContents();
    expect(types).toContain('DialogueHeld');
    expect(types).toContain('DialogueCorrected');
    expect(new Set(types.map((type) => type.replace(/(Held|Corrected|Voided)$/, '')))).toEqual(
      new Set(['Dialogue']),
    );
    const correction = page.locator('#audit-table tbody tr', { hasText: 'DialogueCorrected' });
    expect(await correction.locator('td.changes').textContent()).toBe(
      'participants.women: 60 → 61',
    );
    expect(await correction.textContent()).toContain('attendance list recounted');
    expect(await correction.textContent()).toContain('lienminh.officer');
    await screenshot(page, 'dashboard-07-audit');
    await page.click('#audit-back');
    await page.waitForSelector('#indicators-panel:not([hidden])');
  });

  it('downloads the figures as an Excel file, or says why it cannot', async () => {
    const probe = await t.http().get('/api/reports/indicators.xlsx?unit=170').set(auth(supervisor));
    if (probe.status === 200) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#download-xlsx'),
      ]);
      expect(download.suggestedFilename()).toMatch(/^p8-indicators-170-.*\.xlsx$/);
      const path = join(ARTIFACTS_DIR, download.suggestedFilename());
      await download.saveAs(path);
      expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
    } else {
      expect(probe.status).toBe(404);
      await page.click('#download-xlsx');
      await page.waitForSelector('#banner[data-kind="download-error"]:not([hidden])');
      expect(await page.textContent('#banner')).toContain('The Excel file could not be downloaded');
    }
  });

  it('shows why a download fails', async () => {
    // A date that cannot exist in the address: the report route refuses it, and the page says so.
    await page.goto(`${base}/#path=19&from=2023-02-30`);
    await page.waitForSelector('#banner:not([hidden])');
    await page.click('#download-xlsx');
    await page.waitForSelector('#banner[data-kind="download-error"]:not([hidden])');
    expect(await page.textContent('#banner')).toMatch(
      /The Excel file could not be downloaded: .*from/,
    );
    await screenshot(page, 'dashboard-08-download-refused');
    await page.click('#filter-reset');
    await page.waitForSelector('#banner', { state: 'hidden' });
  });

  it('sends a user whose account is disabled back to the login form with a message', async () => {
    const viewer = await context.newPage();
    const viewerProblems = collectPageProblems(viewer);
    await t.user('thainguyen.viewer', 'viewer', '19');
    await viewer.goto(base);
    await logIn(viewer, 'thainguyen.viewer');
    expect(await viewer.locator('#indicator-table button.audit-link').count()).toBe(0);
    await t
      .http()
      .post('/api/users/thainguyen.viewer/disable')
      .set(auth(await t.adminToken()))
      .expect(204);
    await viewer.click('#filters button[type="submit"]');
    await viewer.waitForSelector('#login-view:not([hidden]) #login-message:not([hidden])');
    expect(await viewer.textContent('#login-message')).toContain('Please log in again');
    expect(await viewer.evaluate('sessionStorage.getItem("p8.session")')).toBeNull();
    await screenshot(viewer, 'dashboard-09-session-ended');
    expect(viewerProblems).toEqual([]);
    await viewer.close();
  });

  it('keeps a commune officer to her commune, and reads well on a phone', async () => {
    const phone = await browser.newContext({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
    });
    const mobile = await phone.newPage();
    const mobileProblems = collectPageProblems(mobile);
    await mobile.goto(`${base}/#path=19`);
    await logIn(mobile, 'lienminh.officer');
    expect(await mobile.textContent('#unit-title')).toBe('Xã Liên Minh');
    expect(await mobile.locator('#breadcrumb .crumb').allTextContents()).toEqual(['Xã Liên Minh']);
    expect(await mobile.isHidden('#children-panel')).toBe(true);
    expect(await mobile.locator('#indicator-table button.audit-link').count()).toBe(0);
    await expectFiguresOf(officer, 'unit=05752', mobile);
    expect(await mobile.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
    await screenshot(mobile, 'dashboard-10-phone');
    expect(mobileProblems).toEqual([]);
    await phone.close();
  });

  it('ran without script errors or refused content', () => {
    writeFileSync(join(ARTIFACTS_DIR, 'dashboard-problems.txt'), problems.join('\n'));
    expect(problems).toEqual([]);
  });
});
