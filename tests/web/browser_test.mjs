// Loads the web build in headless Chromium (WebGL2 through SwiftShader), waits for the game,
// starts a journey with a key press, takes screenshots, and fails on any console error or Rust
// panic, a blank canvas, or a map that differs from the native build's for the same seed.
// Usage: node browser_test.mjs DIST_DIR OUT_DIR EXPECTED_CAMP_MAP_HASH
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile, stat, mkdir } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join, extname } from "node:path";

const [dist, out, expectedHash] = process.argv.slice(2);
if (!dist || !out) {
  console.error("usage: node browser_test.mjs DIST_DIR OUT_DIR [EXPECTED_CAMP_MAP_HASH]");
  process.exit(2);
}
await mkdir(out, { recursive: true });

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".png": "image/png", ".ogg": "audio/ogg" };
const server = createServer(async (req, res) => {
  const path = join(dist, decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/\/$/, "/index.html"));
  try {
    const body = await readFile(path);
    res.writeHead(200, { "Content-Type": types[extname(path)] ?? "application/octet-stream", "Content-Length": body.length });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const failures = [];
const logs = [];
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-quic", "--autoplay-policy=no-user-gesture-required",
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
const started = Date.now();
let firstFrameMs = null;
// Set for the last page, which fails on purpose: its errors are what it is for.
let expectingCrash = false;
const audioFiles = new Set();
watch(page);
// Every page is watched the same way: its console, its failed requests, its errors.
function watch(page) {
  page.on("console", (msg) => {
    const text = msg.text();
    logs.push(`[${msg.type()}] ${text}`);
    if (text.includes("first frame drawn") && firstFrameMs === null) firstFrameMs = Date.now() - started;
    if (expectingCrash) return;
    if (msg.type() === "error" && !text.includes("Using exceptions for control flow")) failures.push(`console error: ${text}`);
    if (/panicked at/.test(text)) failures.push(`Rust panic: ${text}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) logs.push(`[http ${r.status()}] ${r.url()}`);
    // Every sound the game asks for must be there (a missing one is a silent game, not an error).
    if (r.url().includes("/assets/audio/")) {
      if (r.status() >= 400) failures.push(`sound not served: ${r.url()} (${r.status()})`);
      else audioFiles.add(r.url());
    }
  });
  page.on("pageerror", (e) => {
    logs.push(`[pageerror] ${e}`);
    if (expectingCrash) return;
    if (!String(e).includes("Using exceptions for control flow")) failures.push(`page error: ${e}`);
  });
}

function colours(file) {
  return Number(execFileSync("identify", ["-format", "%k", file]).toString());
}
async function waitForLog(pattern, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const hit = logs.find((l) => pattern.test(l));
    if (hit) return hit;
    await page.waitForTimeout(250);
  }
  return null;
}

try {
  // Seed 1, as the native run the map is compared with (a new journey otherwise has a fresh one).
  await page.goto(`${url}?seed=1`);
  if (!(await waitForLog(/first frame drawn/, 120_000))) failures.push("no frame was drawn within 120 s");
  await page.waitForTimeout(4000);
  const title = join(out, "title.png");
  await page.screenshot({ path: title });
  // Start a journey as a player would: click the game (in a corner, away from the buttons),
  // press Enter.
  await page.click("#bevy", { position: { x: 8, y: 8 } });
  await page.keyboard.press("Enter");
  const entered = await waitForLog(/entered stage Camp/, 60_000);
  if (!entered) failures.push("the journey did not start: no Camp stage after Enter");
  await page.waitForTimeout(6000);
  const stage = join(out, "stage.png");
  await page.screenshot({ path: stage });
  for (const [name, file] of [["title", title], ["stage", stage]]) {
    const n = colours(file);
    console.log(`${name}.png: ${n} colours`);
    if (n < 200) failures.push(`${name}.png looks blank (${n} colours)`);
  }
  const diff = execFileSync("sh", ["-c", `compare -metric AE '${title}' '${stage}' null: 2>&1 || true`]).toString().trim();
  console.log(`title vs stage: ${diff} pixels differ`);
  if (diff.startsWith("0")) failures.push("the screen did not change after starting a journey");
  const hash = entered && /map ([0-9a-f]{16})/.exec(entered)?.[1];
  console.log(`Camp map hash in the browser: ${hash}; native: ${expectedHash}`);
  if (expectedHash && hash !== expectedHash) failures.push(`map hash ${hash} differs from the native ${expectedHash}`);
  console.log(`sounds loaded: ${audioFiles.size}`);
  if (audioFiles.size < 10) failures.push(`only ${audioFiles.size} sounds were loaded`);
  if (logs.some((l) => /Failed to setup audio/.test(l))) failures.push("the browser's audio could not be set up");
  // The journey was saved to the browser's local storage on entering the Camp; after a reload
  // the title offers to continue it, and C does.
  const saved = await page.evaluate(() => localStorage.getItem("the-way-back/journey"));
  if (!saved || !saved.includes("stage: Camp") || !saved.includes("id: Janusz")) failures.push("no journey (with Janusz in it) was saved to local storage on entering the Camp");
  else console.log(`journey saved to local storage: ${saved.length} bytes`);
  logs.length = 0;
  await page.reload();
  if (!(await waitForLog(/first frame drawn/, 120_000))) failures.push("no frame was drawn after reloading");
  await page.waitForTimeout(3000);
  await page.screenshot({ path: join(out, "title-continue.png") });
  await page.click("#bevy", { position: { x: 5, y: 5 } });
  // The settings page over the title: the master volume turned down is kept in local storage.
  // Under software rendering one frame can take longer than any fixed pause, so each key waits
  // for the game to say the last one was taken (a player waits to see the page, too).
  let opened = null;
  for (let attempt = 0; attempt < 4 && !opened; attempt++) {
    await page.keyboard.press("s");
    opened = await waitForLog(/opened the Settings page/, 20_000);
  }
  if (!opened) failures.push("S did not open the settings page");
  await page.keyboard.press("ArrowLeft");
  if (!(await waitForLog(/settings kept/, 20_000))) failures.push("turning the volume down was not kept");
  const settings = await page.evaluate(() => localStorage.getItem("the-way-back/settings"));
  if (!settings || !settings.includes("master: 0.7")) failures.push(`the settings were not kept in local storage: ${settings}`);
  else console.log("settings kept in local storage: master volume 0.7");
  await page.keyboard.press("Escape");
  if (!(await waitForLog(/closed the Settings page/, 20_000))) failures.push("Escape did not close the settings page");
  // A second C once the title has gone does nothing, so pressing again is safe.
  let resumed = null;
  for (let attempt = 0; attempt < 4 && !resumed; attempt++) {
    await page.keyboard.press("c");
    resumed = await waitForLog(/entered stage Camp/, 20_000);
  }
  if (!resumed) failures.push("Continue did not resume the saved journey");

  // The march, in a journey begun in the Border stage through the page's address (as
  // `--stage border --seed 3` on the desktop): its story scene (the border posts) lies at the
  // route's end, so it begins on the march. Days pass; H takes the group down onto the ground where it stands, and H
  // again back up to the march.
  logs.length = 0;
  await page.goto(`${url}?seed=3&stage=border`);
  if (!(await waitForLog(/first frame drawn/, 120_000))) failures.push("no frame was drawn for the march");
  await page.waitForTimeout(2000);
  await page.click("#bevy", { position: { x: 8, y: 8 } });
  let marching = null;
  for (let attempt = 0; attempt < 4 && !marching; attempt++) {
    await page.keyboard.press("Enter");
    marching = await waitForLog(/on the march in Border/, 30_000);
  }
  if (!marching) failures.push("the Border stage did not begin on the march");
  else {
    const firstDay = await waitForLog(/march: day \d+/, 30_000);
    const first = firstDay && /march: day (\d+)/.exec(firstDay)[1];
    // Time on the march at its fast pace (Tab): software rendering runs fewer frames.
    await page.keyboard.press("Tab");
    await waitForLog(new RegExp(`march: day (?!${first}\\b)\\d+`), 60_000);
    await page.keyboard.press("Tab");
    const days = new Set(logs.filter((l) => /march: day \d+/.test(l)).map((l) => /march: day (\d+)/.exec(l)[1]));
    console.log(`days passed on the march: ${[...days].join(", ")}`);
    if (!firstDay || days.size < 2) failures.push(`days did not pass on the march (${[...days].join(", ")})`);
    await page.screenshot({ path: join(out, "march.png") });
    let down = null;
    for (let attempt = 0; attempt < 4 && !down; attempt++) {
      await page.keyboard.press("h");
      down = await waitForLog(/went down off the route/, 20_000);
    }
    if (!down) failures.push("H did not take the group down onto the ground");
    await page.waitForTimeout(5000);
    await page.screenshot({ path: join(out, "ground.png") });
    let up = null;
    for (let attempt = 0; attempt < 4 && down && !up; attempt++) {
      await page.keyboard.press("h");
      up = await waitForLog(/went back up to the march/, 20_000);
    }
    if (!up) failures.push("H did not take the group back up to the march");
    await page.waitForTimeout(3000);
    await page.screenshot({ path: join(out, "march-again.png") });
    for (const name of ["march", "ground", "march-again"]) {
      const n = colours(join(out, `${name}.png`));
      console.log(`${name}.png: ${n} colours`);
      if (n < 200) failures.push(`${name}.png looks blank (${n} colours)`);
    }
    const d = execFileSync("sh", ["-c", `compare -metric AE '${join(out, "march.png")}' '${join(out, "ground.png")}' null: 2>&1 || true`]).toString().trim();
    console.log(`march vs ground: ${d} pixels differ`);
    if (d.startsWith("0")) failures.push("the ground looked like the march");
  }
  // On a touch screen (Chromium's touch emulation, its own storage): a tap starts a journey,
  // taps answer the prologue's questions, walk the group and press the action bar's buttons,
  // and two fingers spread apart zoom in.
  const touchContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, hasTouch: true });
  const touch = await touchContext.newPage();
  watch(touch);
  logs.length = 0;
  await touch.goto(`${url}?seed=1`);
  if (!(await waitForLog(/first frame drawn/, 120_000))) failures.push("no frame was drawn on the touch screen");
  await touch.waitForTimeout(3000);
  // "New journey", the title's first button.
  let begun = null;
  for (let attempt = 0; attempt < 4 && !begun; attempt++) {
    await touch.touchscreen.tap(640, 265);
    begun = await waitForLog(/entered stage Camp/, 20_000);
  }
  if (!begun) failures.push("a tap on New journey did not start a journey");
  else {
    // The prologue's three questions: the answers stand in a column at the dialog's foot,
    // where a finger finds them (a tap on the dialog's words does nothing).
    for (let question = 1; question <= 3; question++) {
      await touch.waitForTimeout(1500);
      if (question === 1) await touch.screenshot({ path: join(out, "touch-question.png") });
      const before = logs.filter((l) => /answered by a click or a tap/.test(l)).length;
      let answered = false;
      for (let y = 560; y >= 300 && !answered; y -= 20) {
        await touch.touchscreen.tap(640, y);
        const end = Date.now() + 1500;
        while (Date.now() < end && !answered) {
          answered = logs.filter((l) => /answered by a click or a tap/.test(l)).length > before;
          await touch.waitForTimeout(100);
        }
      }
      if (!answered) failures.push(`question ${question} of the prologue could not be answered by a tap`);
    }
    await touch.waitForTimeout(2000);
    // A tap on the yard a step or two below the group (the view is on Janusz): he walks there.
    // Not far: a long way round the barracks would take him past the wire and the sentries.
    logs.length = 0;
    let walking = null;
    for (let attempt = 0; attempt < 4 && !walking; attempt++) {
      await touch.touchscreen.tap(600 + 30 * attempt, 450);
      walking = await waitForLog(/walking to tile/, 10_000);
    }
    if (!walking) failures.push("a tap on the ground did not walk the group there");
    else console.log(`a tap on the ground: ${/walking to tile \([0-9, ]+\), [0-9]+ steps/.exec(walking)?.[0]}`);
    // A tap on the action bar's first button (Gather wood) asks for it, and walks nowhere.
    logs.length = 0;
    let pressed = null;
    for (let attempt = 0; attempt < 4 && !pressed; attempt++) {
      await touch.touchscreen.tap(1158, 277);
      pressed = await waitForLog(/pressed the button Act\(GatherWood\)/, 10_000);
    }
    if (!pressed) failures.push("a tap on the action bar's Gather wood did nothing");
    if (logs.some((l) => /walking to tile/.test(l))) failures.push("a tap on a button also walked the group");
    // Two fingers spread apart: the view comes nearer (its scale falls).
    const cdp = await touchContext.newCDPSession(touch);
    logs.length = 0;
    let pinched = null;
    for (let attempt = 0; attempt < 3 && !pinched; attempt++) {
      const at = (spread) => [{ x: 640 - spread, y: 420, id: 0 }, { x: 640 + spread, y: 420, id: 1 }];
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(40) });
      for (let spread = 50; spread <= 240; spread += 10) {
        await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(spread) });
        await touch.waitForTimeout(60);
      }
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      pinched = await waitForLog(/pinched: the view's scale/, 10_000);
    }
    const scales = pinched && /scale ([0-9.]+) -> ([0-9.]+)/.exec(pinched);
    if (!scales) failures.push("two fingers spread apart did not zoom");
    else {
      console.log(`a pinch: the view's scale ${scales[1]} -> ${scales[2]}`);
      if (!(Number(scales[2]) < Number(scales[1]))) failures.push(`spreading two fingers did not zoom in (${scales[1]} -> ${scales[2]})`);
    }
    if (logs.some((l) => /walking to tile/.test(l))) failures.push("a pinch also walked the group");
    await touch.waitForTimeout(1000);
    await touch.screenshot({ path: join(out, "touch-zoomed.png") });
  }
  await touchContext.close();

  // A damaged save in a browser whose storage is full: it cannot be copied aside, so it is
  // left where it was (never removed unkept), and the title says why.
  logs.length = 0;
  const damaged = "(version: 3, seed: not a save";
  await page.evaluate((damaged) => {
    localStorage.setItem("the-way-back/journey", damaged);
    let i = 0;
    for (const size of [1 << 20, 1 << 14, 1 << 8, 1]) {
      const chunk = "x".repeat(size);
      try { for (;;) localStorage.setItem(`filler-${i++}`, chunk); } catch { /* full at this size */ }
    }
  }, damaged);
  await page.goto(url);
  if (!(await waitForLog(/first frame drawn/, 120_000))) failures.push("no frame was drawn with a full storage");
  const toldFull = await waitForLog(/too full to keep it aside/, 20_000);
  await page.waitForTimeout(2000);
  await page.screenshot({ path: join(out, "title-storage-full.png") });
  const still = await page.evaluate(() => localStorage.getItem("the-way-back/journey"));
  if (!toldFull) failures.push("a damaged save that could not be moved aside was not reported");
  if (still !== damaged) failures.push(`the damaged save was lost when the storage was full: ${still}`);
  else console.log("a damaged save in a full storage is left where it was, and told");
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("filler-")).forEach((k) => localStorage.removeItem(k)));

  // The frame time in the browser, by the game's own count: the benchmark's storm at night by a
  // fire in the Himalaya, on the ground of a night's camp, as `--bench-frames` times it on the
  // desktop. Told, not judged: a software renderer's speed is no test's business.
  logs.length = 0;
  await page.goto(`${url}?seed=4&stage=himalaya&autoplay&bench-frames=120`);
  const timed = await waitForLog(/frame time over/, 300_000);
  if (!timed) failures.push("the benchmark page timed no frames");
  else console.log(`in the browser, ${timed.replace(/^.*frame time over/, "frame time over")}`);
  await page.screenshot({ path: join(out, "bench.png") });

  // A crash (asked for with ?crash-test) is told on the page with its message and what to do,
  // not left as a frozen canvas.
  expectingCrash = true;
  logs.length = 0;
  await page.goto(`${url}?crash-test`);
  if (!(await waitForLog(/first frame drawn/, 120_000))) failures.push("no frame was drawn for the crash test");
  await page.waitForSelector("#crash:not([hidden])", { timeout: 60_000 }).catch(() => null);
  const told = await page.evaluate(() => {
    const c = document.getElementById("crash");
    return c && !c.hidden ? c.textContent : null;
  });
  await page.screenshot({ path: join(out, "crash.png") });
  if (!told || !told.includes("crash asked for with --crash-test") || !told.includes("reload the page")) {
    failures.push(`a panic was not told on the page: ${told}`);
  } else console.log(`a panic is told on the page: ${told.split("\n")[0]}`);
  const wasm = (await stat(join(dist, "the-way-back_bg.wasm"))).size;
  console.log(`first frame after ${firstFrameMs} ms; wasm ${(wasm / 1048576).toFixed(1)} MiB raw`);
} catch (e) {
  failures.push(`test error: ${e}`);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.log(logs.slice(-40).join("\n"));
  failures.forEach((f) => console.log(`FAIL: ${f}`));
  console.log("browser test: 0 passed, 1 failed");
  process.exit(1);
}
console.log("browser test: 1 passed, 0 failed");
