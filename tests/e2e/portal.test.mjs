// The public pages a visitor sees first, in Vietnamese by default and in English on request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, mainText, screenshot } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('portal lists the demo organisations in Vietnamese', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const res = await page.goto('/');
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  const text = await mainText(page);
  assert.match(text, /Các cơ quan, đơn vị, địa phương/);
  const province = page.getByRole('link', { name: 'Tỉnh Trà Vinh', exact: true });
  assert.equal(await province.count(), 1);
  assert.equal(await province.getAttribute('href'), '/o/tra-vinh');
  const dept = page.getByRole('link', { name: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh', exact: true });
  assert.equal(await dept.count(), 1);
  await screenshot(page, 'portal-vi');
  await Promise.all([page.waitForNavigation(), dept.click()]);
  assert.equal(new URL(page.url()).pathname, '/o/so-tttt-tra-vinh');
  assert.equal(await page.locator('h1').innerText(), 'Sở Thông tin và Truyền thông tỉnh Trà Vinh');
  assert.match(await mainText(page), /Số thành viên 43/);
  await context.close();
});

test('English via ?lang=en switches the interface and is remembered', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto('/?lang=en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').innerText(), 'Agencies, units and localities');
  assert.equal(await page.locator('header').getByRole('link', { name: 'Sign in' }).count(), 1);
  // Organisation names are proper names and stay as they are.
  assert.equal(await page.getByRole('link', { name: 'Tỉnh Trà Vinh', exact: true }).count(), 1);
  // The choice sticks for the following pages without the query parameter.
  await page.goto('/login');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').innerText(), 'Sign in');
  // And switching back to Vietnamese works the same way.
  await page.goto('/login?lang=vi');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.locator('h1').innerText(), 'Đăng nhập');
  await context.close();
});

test('unknown page answers 404 with the Vietnamese error page', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const res = await page.goto('/nope');
  assert.equal(res.status(), 404);
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.getByRole('link', { name: 'Về trang chủ' }).count(), 1);
  await context.close();
});
