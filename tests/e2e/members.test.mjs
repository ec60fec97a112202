// Signing in through the form and the member list's access rule: secretaries, heads and
// administrators see it; a plain member is refused; an anonymous visitor is sent to log in
// and brought back afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newContext, login, submitLogin, mainText, screenshot,
  MEMBERS_PATH, ORG_MEMBER_COUNT,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function pathAndQuery(u) {
  const x = new URL(u);
  return x.pathname + x.search;
}

test('secretary logs in through the form and pages through the member list', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const res = await login(page, 'vanphong');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/', 'a login without next lands on the portal');
  // The header now names the person and offers to log out.
  assert.equal(await page.locator('header').getByRole('button', { name: 'Đăng xuất' }).count(), 1);

  const list = await page.goto(`${MEMBERS_PATH}?limit=10`);
  assert.equal(list.status(), 200);
  assert.equal(await page.locator('h1').innerText(), 'Danh sách thành viên');
  assert.match(await mainText(page), new RegExp(`Tổng số: ${ORG_MEMBER_COUNT}\\b`));
  const rows = page.locator('main table tbody tr');
  assert.equal(await rows.count(), 10);
  await screenshot(page, 'members-page1');

  // Follow "Trang sau" to the end; every member appears exactly once.
  const seen = new Set();
  for (const name of await rows.locator('td:first-child').allInnerTexts()) seen.add(name);
  let pages = 1;
  for (;;) {
    const next = page.locator('main nav.pager a[rel=next]');
    if ((await next.count()) === 0) break;
    assert.equal(await next.innerText(), 'Trang sau');
    const before = page.url();
    const [r] = await Promise.all([page.waitForNavigation(), next.click()]);
    assert.equal(r.status(), 200);
    assert.notEqual(page.url(), before);
    assert.match(page.url(), /[?&]limit=10\b/);
    pages += 1;
    const names = await rows.locator('td:first-child').allInnerTexts();
    assert.ok(names.length >= 1 && names.length <= 10, `page ${pages} has ${names.length} rows`);
    for (const n of names) {
      const key = n + '|' + seen.size;  // names may repeat between people; count rows instead
      seen.add(key);
    }
    assert.ok(pages <= 10, 'the pager must end');
  }
  assert.equal(pages, Math.ceil(ORG_MEMBER_COUNT / 10));
  assert.equal(seen.size, ORG_MEMBER_COUNT);
  // The last page links back to the first.
  assert.equal(await page.locator('main nav.pager').getByRole('link', { name: 'Trang đầu' }).count(), 1);
  await context.close();
});

test('plain member gets 403 with a Vietnamese message on the member list', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, 'nhanvien');
  const res = await page.goto(MEMBERS_PATH);
  assert.equal(res.status(), 403);
  assert.match(await mainText(page), /Bạn không có quyền thực hiện thao tác này\./);
  assert.equal(await page.locator('main table').count(), 0, 'no member data on a refusal');
  await screenshot(page, 'members-403');
  await context.close();
});

test('anonymous visitor is sent to login and lands back on the member list', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const res = await page.goto(MEMBERS_PATH);
  // The 303 is followed by the browser; the request chain shows it.
  const redirected = res.request().redirectedFrom();
  assert.ok(redirected, 'the member list must redirect');
  assert.equal((await redirected.response()).status(), 303);
  const at = new URL(page.url());
  assert.equal(at.pathname, '/login');
  assert.equal(at.searchParams.get('next'), MEMBERS_PATH);
  assert.equal(await page.locator('input[name=next]').inputValue(), MEMBERS_PATH);

  const after = await submitLogin(page, 'vanphong', 'danchu-demo');
  assert.equal(after.status(), 200);
  assert.equal(pathAndQuery(page.url()), MEMBERS_PATH);
  assert.equal(await page.locator('h1').innerText(), 'Danh sách thành viên');
  await context.close();
});

test('logout ends the session: the member list then redirects to login', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, 'giamdoc');
  assert.equal((await page.goto(MEMBERS_PATH)).status(), 200);
  const sessionBefore = (await context.cookies()).find((c) => c.name === 'danchu_session');
  assert.ok(sessionBefore, 'a session cookie after login');

  await Promise.all([
    page.waitForNavigation(),
    page.locator('header').getByRole('button', { name: 'Đăng xuất' }).click(),
  ]);
  assert.equal(await page.locator('header').getByRole('link', { name: 'Đăng nhập' }).count(), 1);
  await page.goto(MEMBERS_PATH);
  assert.equal(new URL(page.url()).pathname, '/login');

  // The old token is dead on the server too, not only forgotten by the browser.
  const replay = await newContext(browser);
  await replay.addCookies([{ ...sessionBefore }]);
  const p2 = await replay.newPage();
  await p2.goto(MEMBERS_PATH);
  assert.equal(new URL(p2.url()).pathname, '/login');
  await replay.close();
  await context.close();
});
