// The disclosure board in a real browser: a secretary publishes an item with an attachment
// through the form; it is on the public board, in the feed, the JSON, the CSV and the signed
// ledger; a correction makes version 2 with the history shown; a withdrawal needs a reason.
// An internal item stays out of an anonymous visitor's sight on every route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, newContext, login, mainText, screenshot, axeViolations, url } from './lib.mjs';

const COMMUNE = '/o/xa-phu-hoa';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function today() {
  // The server dates in Vietnam (UTC+7).
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

async function publish(page, { title, audience = 'public', file }) {
  await page.goto(`${COMMUNE}/disclosures/new?category=xa.12`);
  assert.equal(await page.locator('h1').innerText(), 'Công khai nội dung mới');
  await page.locator('#category').selectOption('xa.12');
  await page.locator('#title').fill(title);
  await page.locator('#body').fill('Mức thu: 5.000 đồng/lượt.\nÁp dụng từ ngày ký.');
  await page.locator(`input[name=audience][value=${audience}]`).check();
  await page.locator('#decision_ref').fill('Quyết định số 31/QĐ-UBND');
  await page.locator('#decision_date').fill(today());
  // The channels the law requires for item 12 are pre-selected (Art 13.1–13.2).
  assert.equal(await page.locator('input[name=channels][value=notice_board]').isChecked(), true);
  assert.equal(await page.locator('input[name=channels][value=website]').isChecked(), true);
  assert.equal(await page.locator('input[name=channels][value=loudspeaker]').isChecked(), false);
  await page.locator('input[name=channels][value=loudspeaker]').check();
  if (file) await page.locator('#attachments').setInputFiles(file);
  const [res] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Công khai', exact: true }).click(),
  ]);
  return res;
}

test('secretary publishes with an attachment, corrects, and withdraws with a reason', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'danchu-e2e-'));
  const pdf = path.join(dir, 'bieu-phi-cho.pdf');
  writeFileSync(pdf, '%PDF-1.4\n% Biểu phí chợ\ntrailer\n%%EOF\n');
  const title = `Mức thu phí chợ Phú Hòa ${Date.now()}`;

  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, 'vanphong.phuhoa');
  const res = await publish(page, { title, file: pdf });
  assert.equal(res.status(), 200);
  const itemPath = new URL(page.url()).pathname;
  assert.match(itemPath, /^\/o\/xa-phu-hoa\/disclosures\/\d+$/);
  assert.equal(await page.locator('h1').innerText(), title);
  const text = await mainText(page);
  assert.match(text, /Đã công khai nội dung\./);
  assert.match(text, /Hạn công khai chậm nhất/);
  assert.match(text, /Điều 12 khoản 3/);
  assert.match(text, /Phát thanh tối thiểu đến/);
  const fileLink = page.getByRole('link', { name: 'bieu-phi-cho.pdf' });
  assert.equal(await fileLink.count(), 1);
  await screenshot(page, 'disclosure-item');
  assert.deepEqual(await axeViolations(page), []);

  // Everyone sees it: board, feed, JSON, CSV, ledger, the file itself.
  const anon = await (await newContext(browser)).newPage();
  await anon.goto(`${COMMUNE}/disclosures`);
  assert.equal(await anon.getByRole('link', { name: title }).count(), 1);
  await screenshot(anon, 'disclosure-board');
  assert.deepEqual(await axeViolations(anon), []);
  for (const p of [`${COMMUNE}/disclosures.atom`, `${COMMUNE}/disclosures.csv`,
                   '/api/v1/orgs/xa-phu-hoa/disclosures']) {
    const r = await anon.request.get(url(p));
    assert.equal(r.status(), 200, p);
    assert.ok((await r.text()).includes(title), p);
  }
  const ledger = await (await anon.request.get(url(`${COMMUNE}/ledger.jsonl`))).text();
  assert.match(ledger, /"action":"publish"/);
  const href = await fileLink.getAttribute('href');
  const file = await anon.request.get(url(href));
  assert.equal(file.status(), 200);
  assert.equal(file.headers()['content-type'], 'application/pdf');

  // Correction: version 2, with version 1 in the history.
  await page.getByRole('link', { name: 'Đính chính (tạo phiên bản mới)' }).click();
  await page.waitForURL(/\/correct$/);
  await page.locator('#title').fill(`${title} (đính chính)`);
  await page.locator('#correction_note').fill('Sửa mức thu');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Công khai', exact: true }).click()]);
  assert.equal(new URL(page.url()).pathname, itemPath);
  const corrected = await mainText(page);
  assert.match(corrected, /Phiên bản 2/);
  assert.match(corrected, /Lịch sử các phiên bản/);
  assert.match(corrected, /Sửa mức thu/);
  assert.ok(corrected.includes(title), 'version 1 is still shown in the history');

  // Withdrawal: the browser will not submit an empty reason; the server refuses one too.
  const reason = page.locator('#reason');
  assert.equal(await reason.getAttribute('required'), '');
  await reason.fill('Ban hành nhầm đối tượng');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Thu hồi' }).click()]);
  assert.match(await mainText(page), /Nội dung đã bị thu hồi\. Lý do: Ban hành nhầm đối tượng/);
  await context.close();
});

test('an internal item is shown to the office and hidden from an anonymous visitor', async () => {
  const title = `Bảng chấm công nội bộ ${Date.now()}`;
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, 'vanphong.phuhoa');
  await publish(page, { title, audience: 'internal' });
  const itemPath = new URL(page.url()).pathname;
  assert.match(await mainText(page), /Nội bộ/);

  const anon = await (await newContext(browser)).newPage();
  const direct = await anon.goto(itemPath);
  assert.equal(direct.status(), 404);
  await anon.goto(`${COMMUNE}/disclosures?q=${encodeURIComponent('bang cham cong noi bo')}`);
  assert.equal(await anon.getByRole('link', { name: title }).count(), 0);
  for (const p of [`${COMMUNE}/disclosures.atom`, `${COMMUNE}/disclosures.csv`,
                   '/api/v1/orgs/xa-phu-hoa/disclosures?limit=100', `${COMMUNE}/ledger.jsonl`]) {
    assert.ok(!(await (await anon.request.get(url(p))).text()).includes(title), p);
  }
  await context.close();
});

test('search ignores diacritics: "duong giao thong" finds the rural road project', async () => {
  const page = await (await newContext(browser)).newPage();
  await page.goto(`${COMMUNE}/disclosures`);
  await page.locator('#q').fill('duong giao thong');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Lọc' }).click()]);
  assert.equal(await page.getByRole('link', { name: /Đường giao thông nông thôn/ }).count(), 1);
});
