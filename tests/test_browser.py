"""End to end in a real browser: start ``python -m assistant.app`` on loopback with the
embedded defaults, drive it with Playwright through Debian's Chromium, send one request of
each kind (extraction, literature, triage), check what is rendered, and save screenshots.

Needs /usr/bin/chromium (``apt-get install chromium chromium-driver``); skips without it.
Playwright's own browser download is not used. The literature index is a small one built
here from the bundled PubMedQA corpus, so the test does not depend on the user's cache.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("system Chromium not installed (/usr/bin/chromium): "
                "apt-get install -y chromium chromium-driver", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) missing")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "pubmedqa" / "corpus.jsonl"
SCREENSHOT_COPY = REPO / "runs" / "screenshots"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STATIN_PMID = "11340218"   # the source abstract of the literature example question
TINY_INDEX_DOCS = 20
START_TIMEOUT_S = 120
REQUEST_TIMEOUT_MS = 120_000

NOTE_PROMPT = (
    "Extract the findings from this note:\n\n"
    "HPI: 67-year-old man with hypertension presents with productive cough and fever. "
    "Denies chest pain.\n"
    "Medications: metformin 1000 mg PO BID.\n"
    "Allergies: penicillin (hives).\n"
    "Vitals: BP 148/92, HR 104, RR 22, Temp 38.4 C, SpO2 93% on room air.")
LIT_PROMPT = "Does pretreatment with statins improve clinical outcome after stroke?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLINASSIST_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False",
               TOKENIZERS_PARALLELISM="false", PYTHONUNBUFFERED="1")
    return env


def _tiny_corpus(path: Path) -> None:
    """The first documents of the bundled corpus plus the statin example's source."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)
    keep = [ln for i, ln in enumerate(lines)
            if i < TINY_INDEX_DOCS or json.loads(ln).get("pmid") == STATIN_PMID]
    path.write_text("".join(keep), encoding="utf-8")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    """The app running in a subprocess on a free loopback port; yields url, paths, timings."""
    work = tmp_path_factory.mktemp("app")
    if not CORPUS.is_file():
        pytest.fail(f"bundled corpus {CORPUS} missing")
    _tiny_corpus(work / "corpus.jsonl")
    build = subprocess.run([sys.executable, "-m", "index.build", str(work / "corpus.jsonl"),
                            "--out", str(work / "index")], cwd=REPO, env=_env(),
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    port = _free_port()
    audit = work / "audit.jsonl"
    # Rules only: the embedded 135M model needs minutes per request on 2 CPU cores (grammar-
    # constrained JSON for extraction and triage), far over this test's budget; the answers
    # still stream piece by piece through the same UI path.
    cmd = [sys.executable, "-m", "assistant.app", "--port", str(port), "--audit-log", str(audit),
           "--no-index-build", "--no-llm", "--set", f"index_dir={work / 'index'}"]
    log = (work / "app.log").open("w")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=_env(), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail("app exited at start:\n" + (work / "app.log").read_text()[-3000:])
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.perf_counter() - t0 > START_TIMEOUT_S:
                pytest.fail(f"app did not answer within {START_TIMEOUT_S} s")
            time.sleep(0.25)
        cold_start = time.perf_counter() - t0
        yield SimpleNamespace(url=url, work=work, audit=audit, cold_start_s=cold_start,
                              log=work / "app.log")
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


#: Records the length of the last bot message at every DOM change (catches every render).
OBSERVE = """() => { window.__lens = []; const chat = document.querySelector('#chat');
  new MutationObserver(() => { const b = chat.querySelectorAll('[data-testid="bot"]');
    const n = b.length ? b[b.length - 1].innerText.length : 0; const l = window.__lens;
    if (!l.length || l[l.length - 1] !== n) l.push(n); })
  .observe(chat, {subtree: true, childList: true, characterData: true}); }"""


def _bot_texts(page) -> list[str]:
    return page.eval_on_selector_all('#chat [data-testid="bot"]',
                                     "els => els.map(e => e.innerText)")


def _send(page, prompt: str | None, done_selector: str, shot: Path,
          example: str | None = None) -> dict:
    """Type ``prompt`` and press Send (or click the example button whose text starts with
    ``example``), sample the streaming answer until ``done_selector`` appears; return the
    time to the first token and the answer lengths the page rendered on the way."""
    before = len(_bot_texts(page))
    page.evaluate(OBSERVE)
    if prompt is not None:
        page.fill("#prompt textarea", prompt)
    t0 = time.perf_counter()
    if example is not None:
        page.locator("#chat button", has_text=example).first.click()
    else:
        page.click("#send")
    first_token = None
    deadline = t0 + REQUEST_TIMEOUT_MS / 1000
    while time.perf_counter() < deadline:
        texts = _bot_texts(page)
        # The first new bot message is the status line; the answer streams into the next one.
        answer = texts[before + 1] if len(texts) > before + 1 else ""
        if answer.strip() and first_token is None:
            first_token = time.perf_counter() - t0
        if page.locator(done_selector).count() and answer.strip():
            break
        page.wait_for_timeout(40)
    else:
        page.screenshot(path=str(shot), full_page=True)
        pytest.fail(f"no rendered result ({done_selector}) within {REQUEST_TIMEOUT_MS} ms")
    page.wait_for_timeout(300)
    page.screenshot(path=str(shot), full_page=True)
    return {"first_token_s": first_token, "total_s": time.perf_counter() - t0,
            "partials": page.evaluate("window.__lens"), "answer": _bot_texts(page)[-1]}


def test_chat_end_to_end(app: SimpleNamespace, tmp_path: Path) -> None:
    shots = tmp_path / "screenshots"
    shots.mkdir()
    timings: dict[str, object] = {"cold_start_s": round(app.cold_start_s, 2)}
    with sync_api.sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(tmp_path / "chrome-profile"), executable_path=str(CHROMIUM), args=CHROME_ARGS,
            headless=True, viewport={"width": 1440, "height": 1000})
        try:
            page = ctx.new_page()
            t0 = time.perf_counter()
            page.goto(app.url, wait_until="domcontentloaded")
            page.wait_for_selector("#chat", timeout=60_000)
            page.wait_for_selector("#send", timeout=60_000)
            timings["page_ready_s"] = round(time.perf_counter() - t0, 2)
            # First screen: the three example prompts and the header.
            examples = page.locator("#chat").inner_text()
            assert "Note extraction" in examples and "Literature:" in examples
            assert "Triage:" in examples and "ClinAssist" in page.locator("#ca-header").inner_text()
            page.screenshot(path=str(shots / "0-landing.png"), full_page=True)

            # 1. Extraction: table rows and highlighted spans grounded in the note.
            ext = _send(page, NOTE_PROMPT, "#extraction-table tbody tr >> nth=0",
                        shots / "1-extraction.png")
            table = page.locator("#extraction-table").inner_text()
            assert "metformin" in table.lower() and "penicillin" in table.lower()
            assert "104" in table  # heart rate, from the vitals grammar
            spans = page.locator("#spans").inner_text()
            assert "metformin 1000 mg" in spans.lower()

            # 2. Literature: streamed answer, citations link to PubMed, abstracts in the panel.
            lit = _send(page, LIT_PROMPT, "#evidence a[href*='pubmed.ncbi.nlm.nih.gov']",
                        shots / "2-literature.png")
            evidence = page.locator("#evidence")
            # Linked in its row of the evidence table, its entry among the abstracts and, when
            # it is the strongest design, the overall line above the table.
            link = f"a[href='https://pubmed.ncbi.nlm.nih.gov/{STATIN_PMID}/']"
            assert evidence.locator(link).count() in (2, 3)
            assert evidence.locator("table").first.locator(link).count() == 1
            # The evidence table: one row per cited study, with design, size, direction and
            # a quoted finding; the corpus has no titles, so none is shown as a bare id.
            table = evidence.locator("table").first
            headers = table.locator("th").all_inner_texts()
            assert [h.strip() for h in headers] == ["Study", "Year", "Design", "n", "Direction",
                                                    "Finding (quoted)"]
            row = table.locator("tbody tr", has_text=f"PMID {STATIN_PMID}").first
            cells = [c.strip() for c in row.locator("td").all_inner_texts()]
            assert cells[1] == "2001" and cells[4].split()[-1] in (
                "supports", "effect", "against", "unclear")
            assert cells[5].startswith("“") and (
                "(conclusions)" in cells[5] or "(results)" in cells[5])
            assert "PubMed abstract" not in evidence.inner_text()
            evidence.screenshot(path=str(shots / "2b-evidence-table.png"))
            # Without the LLM the extractive answer is composed in microseconds, so how many
            # partial states the browser paints is down to timing; piece-by-piece delivery is
            # pinned in test_app_chat.py::test_answer_streams_piece_by_piece. Here: the whole
            # answer arrived, with its cited sentence.
            assert f"PMID:{STATIN_PMID}" in lit["answer"]

            # 3. Triage, from the example on the first screen (a fresh page shows them again):
            # the acuity badge with its colour, scores and reasons.
            page.goto(app.url, wait_until="domcontentloaded")
            page.wait_for_selector("#send", timeout=60_000)
            tri = _send(page, None, "#triage .ca-badge", shots / "3-triage.png",
                        example="Triage:")
            badge = page.locator("#triage .ca-badge")
            num = int(badge.locator(".ca-badge-num").inner_text())
            assert num in (1, 2), "shock vitals + chest pain must triage as 1 or 2"
            assert "NEWS2" in page.locator("#triage").inner_text()
        finally:
            ctx.close()
    for name, res in (("extraction", ext), ("literature", lit), ("triage", tri)):
        timings[name] = {k: (round(v, 2) if isinstance(v, float) else v)
                         for k, v in res.items() if k in ("first_token_s", "total_s")}
    (shots / "timings.json").write_text(json.dumps(timings, indent=2))
    print(json.dumps(timings))

    # The audit log: one line per request, their routes, and none of the prompts' text.
    lines = [json.loads(x) for x in app.audit.read_text().splitlines()]
    assert [x["route"] for x in lines] == ["extraction", "literature", "triage"]
    assert all(x["status"] == "ok" for x in lines)
    raw = app.audit.read_text()
    assert "metformin" not in raw and "statins" not in raw and "chest pain" not in raw

    SCREENSHOT_COPY.mkdir(parents=True, exist_ok=True)
    for f in shots.iterdir():
        shutil.copy2(f, SCREENSHOT_COPY / f.name)
