// The annual report page (issue 6): a secretary edits the narrative, sees it in the preview and
// exports the report as DOCX and PDF; a plain member is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newContext, login, mainText, screenshot, ORG, ORG_MEMBER_COUNT } from './lib.mjs';

const REPORT_PATH = `/o/${ORG}/reports?year=2021`;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('secretary edits the narrative and exports DOCX and PDF', async () => {
  const context = await newContext(browser, { acceptDownloads: true });
  const page = await context.newPage();
  await login(page, 'vanphong');
  const res = await page.goto(REPORT_PATH);
  assert.equal(res.status(), 200);
  assert.match(await page.locator('h1').innerText(), /Báo cáo kết quả thực hiện dân chủ ở cơ sở 2021/);
  const preview = page.locator('#report-preview');
  // Figures from the demo data, never invented.
  const staff = preview.locator('p', { hasText: 'Số cán bộ, công chức, viên chức, người lao động trên hệ thống:' });
  assert.equal(await staff.locator('strong').innerText(), String(ORG_MEMBER_COUNT));
  // What the platform has no data for is said plainly.
  assert.match(await preview.innerText(), /chưa có dữ liệu/);
  assert.match(await preview.innerText(), /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);

  const text = 'Thử nghiệm: công tác dân chủ ở cơ sở có chuyển biến rõ rệt trong năm.';
  await page.locator('#section-danh_gia').fill(text);
  const [saved] = await Promise.all([page.waitForNavigation(), page.locator('#save-narrative').click()]);
  assert.equal(saved.status(), 200);
  assert.match(await mainText(page), /Đã lưu bản nháp\./);
  assert.equal(await page.locator('#section-danh_gia').inputValue(), text);
  assert.match(await page.locator('#report-preview').innerText(), new RegExp(text.replace(/[.]/g, '\\.')));
  await screenshot(page, 'report-page');

  for (const [id, ext, magic] of [['#export-docx', '.docx', 'PK'], ['#export-pdf', '.pdf', '%PDF']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(id).click()]);
    assert.ok(download.suggestedFilename().endsWith(ext), download.suggestedFilename());
    const bytes = readFileSync(await download.path());
    assert.ok(bytes.length > 2000, `${ext} is ${bytes.length} bytes`);
    assert.equal(bytes.subarray(0, magic.length).toString('latin1'), magic);
  }
  await context.close();
});

test('plain member is refused the report page and its exports', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, 'nhanvien');
  const res = await page.goto(REPORT_PATH);
  assert.equal(res.status(), 403);
  assert.equal(await page.locator('#report-preview').count(), 0);
  const file = await page.goto(`/o/${ORG}/reports/2021/export?format=pdf`);
  assert.equal(file.status(), 403);
  await context.close();
});

test('the head submits the report; the reviewer of the successor province reads it', async () => {
  const head = await newContext(browser);
  const page = await head.newPage();
  await login(page, 'giamdoc');
  assert.equal((await page.goto(REPORT_PATH)).status(), 200);
  const [sent] = await Promise.all([page.waitForNavigation(), page.locator('#submit-report').click()]);
  assert.equal(sent.status(), 200);
  assert.match(await mainText(page), /Đã gửi báo cáo cho cơ quan cấp trên\./);
  assert.equal(await page.locator('#submit-report').count(), 0, 'a report is sent once');
  assert.equal(await page.locator('#narrative-form').count(), 0, "a sent report's text is closed");
  const numbered = (await page.locator('main p.muted').first().innerText());
  assert.match(numbered, /Số: \d{2,}\/BC-STTTT/);
  await head.close();

  // Tỉnh Trà Vinh continues in Tỉnh Vĩnh Long (R-ORG-02): its reviewer receives the report.
  const reviewer = await newContext(browser, { acceptDownloads: true });
  const rp = await reviewer.newPage();
  await login(rp, 'sonoivu');
  const list = await rp.goto('/o/vinh-long/reports/submitted?year=2021');
  assert.equal(list.status(), 200);
  const row = rp.locator('main table tbody tr', { hasText: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh' });
  assert.equal(await row.count(), 1);
  const [download] = await Promise.all([rp.waitForEvent('download'), row.getByRole('link', { name: 'PDF' }).click()]);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
  // The reviewer reads what was sent, but does not edit the department's draft.
  const draft = await rp.goto(REPORT_PATH);
  assert.equal(draft.status(), 200);
  assert.equal(await rp.locator('#narrative-form').count(), 0);
  await reviewer.close();
});
