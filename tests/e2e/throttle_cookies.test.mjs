// Login throttling and the session cookie's protections, seen from a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, login, submitLogin, mainText, screenshot, MEMBERS_PATH } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('five wrong passwords: the sixth attempt is throttled even with the right password', async () => {
  // `congdoan` is used by no other test, so its failure count is this test's alone.
  const context = await newContext(browser);
  const page = await context.newPage();
  for (let i = 1; i <= 5; i++) {
    const res = await login(page, 'congdoan', `wrong-password-${i}`);
    assert.notEqual(res.status(), 429, `attempt ${i} must not be throttled yet`);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.match(await mainText(page), /Tên đăng nhập hoặc mật khẩu không đúng/, `attempt ${i}`);
    // A failed login keeps the user name, never the password.
    assert.equal(await page.locator('#username').inputValue(), 'congdoan');
    assert.equal(await page.locator('#password').inputValue(), '');
  }
  const sixth = await login(page, 'congdoan', 'danchu-demo');
  assert.equal(sixth.status(), 429);
  assert.match(await mainText(page), /Bạn đã nhập sai quá nhiều lần/);
  await screenshot(page, 'login-throttled');
  const cookies = await context.cookies();
  assert.equal(cookies.find((c) => c.name === 'danchu_session'), undefined, 'no session after a throttled login');
  await context.close();
});

test('session cookie is HttpOnly and SameSite=Lax, and no cookie value appears in page HTML', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, 'vanphong');
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'danchu_session');
  assert.ok(session, 'signed in: a session cookie');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Lax');
  assert.equal(session.path, '/');
  assert.ok(session.value.length >= 32, 'the token carries enough randomness');
  // Every cookie is out of scripts' reach.
  for (const c of cookies) assert.equal(c.httpOnly, true, `${c.name} must be HttpOnly`);
  // JavaScript in the page cannot read any of them.
  assert.equal(await page.evaluate(() => document.cookie), '');

  // Signed-in pages carry the session's own CSRF token, never a cookie's value. (Short
  // cookies such as danchu_lang=vi hold no secret and would match the page's lang attribute.)
  for (const p of ['/', MEMBERS_PATH, '/account', '/o/so-tttt-tra-vinh', '/nope', '/?lang=en']) {
    await page.goto(p);
    const html = await page.content();
    const secrets = (await context.cookies()).filter((c) => c.value.length >= 16);
    assert.ok(secrets.some((c) => c.name === 'danchu_session'));
    for (const c of secrets) {
      assert.ok(!html.includes(c.value), `${p}: the value of cookie ${c.name} appears in the HTML`);
    }
  }
  await context.close();
});

test('anonymous pages echo only the CSRF double-submit token, never another cookie', async () => {
  // Before login the CSRF token is a double-submit cookie: the form must carry the same
  // value, so that one cookie (and only it) legitimately appears in the login page.
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto('/login?lang=vi');
  const html = await page.content();
  const cookies = await context.cookies();
  const csrf = cookies.find((c) => c.name === 'danchu_csrf');
  assert.ok(csrf, 'an anonymous visitor gets a CSRF cookie');
  assert.equal(csrf.httpOnly, true);
  assert.equal(csrf.sameSite, 'Strict');
  assert.equal(await page.locator('input[name=csrf]').inputValue(), csrf.value);
  for (const c of cookies) {
    if (c.name === 'danchu_csrf' || c.value.length < 16) continue;
    assert.ok(!html.includes(c.value), `the value of cookie ${c.name} appears in the HTML`);
  }
  // A login rotates to the session's token: the anonymous one stops appearing.
  await submitLogin(page, 'tiepdan', 'danchu-demo');
  await page.goto('/account');
  assert.ok(!(await page.content()).includes(csrf.value));
  await context.close();
});
