// The site needs no JavaScript: forms are plain HTML posts and every redirect is a 303.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, submitLogin, mainText, MEMBERS_PATH, ORG_MEMBER_COUNT } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('pages work without JavaScript: login, member list, pager, logout', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${MEMBERS_PATH}?limit=20`);
  assert.equal(new URL(page.url()).pathname, '/login');
  const res = await submitLogin(page, 'vanphong', 'danchu-demo');
  assert.equal(res.status(), 200);
  const at = new URL(page.url());
  assert.equal(at.pathname + at.search, `${MEMBERS_PATH}?limit=20`);
  assert.match(await mainText(page), new RegExp(`Tổng số: ${ORG_MEMBER_COUNT}\\b`));
  assert.equal(await page.locator('main table tbody tr').count(), 20);
  await Promise.all([page.waitForNavigation(), page.locator('main a[rel=next]').click()]);
  assert.equal(await page.locator('main table tbody tr').count(), 20);
  await Promise.all([page.waitForNavigation(), page.locator('main a[rel=next]').click()]);
  assert.equal(await page.locator('main table tbody tr').count(), ORG_MEMBER_COUNT - 40);
  assert.equal(await page.locator('main a[rel=next]').count(), 0);

  await Promise.all([
    page.waitForNavigation(),
    page.locator('header').getByRole('button', { name: 'Đăng xuất' }).click(),
  ]);
  await page.goto(MEMBERS_PATH);
  assert.equal(new URL(page.url()).pathname, '/login');
  await context.close();
});
