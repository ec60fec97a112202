// Dân kiểm tra in the browser: a citizen files a complaint and an anonymous report through
// the public form (no JavaScript needed), keeps the receipt codes, tracks both, exchanges a
// message with the officer and sees the outcome; officers accept, extend with a reason and
// conclude, and every deadline shown equals `danchu vn deadline --rule … --from …`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  launch, newContext, login, mainText, screenshot, axeViolations, describeViolations, ORG,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The danchu binary for `danchu vn deadline` (any build answers the same).
function danchuBin() {
  if (process.env.DANCHU_BIN) return process.env.DANCHU_BIN;
  for (const dir of ['build', 'build-e2e', 'build-main', 'build-m5']) {
    if (existsSync(`${dir}/danchu`)) return `${dir}/danchu`;
  }
  throw new Error('no danchu binary found; set DANCHU_BIN');
}

function vnDeadline(rule, fromIso) {
  return execFileSync(danchuBin(), ['vn', 'deadline', '--rule', rule, '--from', fromIso]).toString().trim();
}

// dd/mm/yyyy as pages show dates → ISO.
function isoOf(dmy) {
  const [d, m, y] = dmy.split('/');
  return `${y}-${m}-${d}`;
}
function dmyOf(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
// Today in Vietnam (UTC+7), as the server counts it.
function todayVn() {
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

async function fileCase(page, fields) {
  await page.goto(`/o/${ORG}/cases/new`);
  await page.locator('#kind').selectOption(fields.kind);
  for (const [id, value] of Object.entries(fields.text)) await page.locator(`#${id}`).fill(value);
  if (fields.anonymous) await page.locator('input[name=anonymous]').check();
  const [res] = await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').click()]);
  assert.equal(res.status(), 200);
  return {
    code: await page.locator('#receipt-code').innerText(),
    number: await page.locator('#case-number').getAttribute('data-case-id'),
    due: (await page.locator('#case-due').innerText()).slice(0, 10),
  };
}

async function track(page, code) {
  await page.goto('/track');
  await page.locator('#code').fill(code.toLowerCase());
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').click()]);
}

async function act(page, action, fill = {}) {
  for (const [sel, value] of Object.entries(fill)) {
    const el = page.locator(sel);
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
    else if ((await el.getAttribute('type')) === 'checkbox') await el.check();
    else await el.fill(value);
  }
  const [res] = await Promise.all([
    page.waitForNavigation(),
    page.locator(`form[action$="/${action}"] button[type=submit]`).click(),
  ]);
  return res;
}

test('citizen complaint and anonymous report, officer handling, deadlines as the vn CLI', async () => {
  const citizen = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
  const today = todayVn();

  const complaint = await fileCase(citizen, {
    kind: 'complaint',
    text: {
      subject: 'Khiếu nại quyết định xử phạt', body: 'Tôi khiếu nại quyết định xử phạt số 12.',
      respondent: 'Quyết định số 12/QĐ-XPHC', name: 'Nguyễn Văn Khiếu', address: 'Ấp Phú Thạnh',
      contact: '0912000111',
    },
  });
  assert.match(complaint.code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  assert.equal(isoOf(complaint.due), vnDeadline('complaint.acceptance', today));
  await screenshot(citizen, 'cases-filed');

  const report = await fileCase(citizen, {
    kind: 'denunciation', anonymous: true,
    text: { subject: 'Tin báo thu tiền', body: 'Bộ phận một cửa thu thêm tiền.', respondent: 'Bộ phận một cửa' },
  });
  assert.match(await mainText(citizen), /Luật Tố cáo, Điều 25/);
  assert.equal(isoOf(report.due), vnDeadline('denunciation.intake', today));

  await track(citizen, complaint.code);
  assert.match(await citizen.locator('#track-status').innerText(), /Đã tiếp nhận/);

  // The officer accepts the complaint as complex, the head assigns and concludes.
  const officer = await (await newContext(browser)).newPage();
  await login(officer, 'tiepdan');
  const casePath = `/o/${ORG}/cases/${complaint.number}`;
  assert.equal((await officer.goto(`/o/${ORG}/cases`)).status(), 200);
  await officer.goto(casePath);
  assert.equal((await act(officer, 'transition', { '#to': 'accepted', 'input[name=complex]': 'x', '#document_number': '01/TB-TL' })).status(), 200);
  const due = (await officer.locator('#case-due').innerText()).slice(0, 10);
  assert.equal(isoOf(due), vnDeadline('complaint.first_instance.complex', today));
  await act(officer, 'assign', {});
  await act(officer, 'transition', { '#to': 'verifying' });
  await act(officer, 'message', { '#message-body': 'Đề nghị ông cung cấp biên lai nộp phạt.' });
  await act(officer, 'message', { '#message-body': 'Ghi chú nội bộ: đối chiếu sổ.', 'input[name=internal]': 'x' });

  // Two-way messages through the receipt code; internal notes never reach the citizen.
  await track(citizen, complaint.code);
  assert.match(await mainText(citizen), /cung cấp biên lai/);
  assert.doesNotMatch(await mainText(citizen), /Ghi chú nội bộ/);
  await citizen.locator('#reply').fill('Tôi đã gửi biên lai qua bưu điện.');
  await Promise.all([citizen.waitForNavigation(), citizen.locator('form[action$="/track/message"] button').click()]);
  assert.match(await mainText(citizen), /Tôi đã gửi biên lai/);

  const head = await (await newContext(browser)).newPage();
  await login(head, 'giamdoc');
  await head.goto(casePath);
  assert.match(await mainText(head), /Tôi đã gửi biên lai/);
  await act(head, 'transition', { '#to': 'concluded', '#outcome': 'Giữ nguyên quyết định xử phạt.' });
  assert.match(await head.locator('#case-status').innerText(), /kết luận/);
  assert.equal(isoOf((await head.locator('#case-due').innerText()).slice(0, 10)),
    vnDeadline('complaint.first_decision.delivery', today));

  await track(citizen, complaint.code);
  assert.match(await citizen.locator('#track-outcome').innerText(), /Giữ nguyên quyết định/);

  // The anonymous report: accepted, assigned, extended in writing by the head.
  const reportPath = `/o/${ORG}/cases/${report.number}`;
  await officer.goto(reportPath);
  assert.match(await mainText(officer), /Tin có nội dung tố cáo/);
  await act(officer, 'transition', { '#to': 'accepted' });
  const resolution = isoOf((await officer.locator('#case-due').innerText()).slice(0, 10));
  assert.equal(resolution, vnDeadline('denunciation.resolution', today));
  await act(officer, 'assign', {});
  await head.goto(reportPath);
  await act(head, 'extend', { '#extend-reason': 'Cần xác minh tại nhiều nơi', '#extend-document': '05/QĐ-GH' });
  const extended = isoOf((await head.locator('#case-due').innerText()).slice(0, 10));
  assert.equal(extended, vnDeadline('denunciation.extension', resolution));
  assert.match(await mainText(head), /05\/QĐ-GH/);
  await track(citizen, report.code);
  assert.match(await mainText(citizen), /Cần xác minh tại nhiều nơi/);
  assert.equal(await citizen.locator('#track-due').innerText().then((t) => t.slice(0, 10)), dmyOf(extended));
  await screenshot(citizen, 'cases-track');
});

test('cases pages have no serious or critical accessibility violation', async () => {
  const anon = await (await newContext(browser)).newPage();
  const officer = await (await newContext(browser)).newPage();
  await login(officer, 'tiepdan');
  const pages = [
    [anon, `/o/${ORG}/cases/new`], [anon, '/track'], [anon, `/o/${ORG}/reception`],
    [officer, `/o/${ORG}/cases`], [officer, `/o/${ORG}/cases/1`], [officer, `/o/${ORG}/cases/stats`],
  ];
  for (const [page, path] of pages) {
    assert.equal((await page.goto(path)).status(), 200, path);
    const blocking = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.equal(blocking.length, 0, describeViolations(path, blocking));
  }
});
