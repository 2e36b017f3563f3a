"""The printed course: the built site (_build/html) printed with Chromium into _build/pdf.

    python tools/make_pdf.py [--site _build/html] [--out _build/pdf] [--jobs 2]      (or `make pdf`)

writes
- course.pdf: a contents page (every page of _toc.yml and its level-2 sections, with page numbers), the
  pages in the order of _toc.yml, then an appendix "Solutions" holding every exercise's solution, page
  by page (on the site they are folded dropdowns; the pages print without them, so the same printed
  pages serve the student PDF). PDF bookmarks mirror the contents; page numbers are in the footer.
- course-student.pdf: the same without the solutions appendix and without the instructor's pages
  (the instructor guide and the quizzes, whose answers are for the instructor).
- 01_optimisation.pdf ... 07_loss_versus_metric.pdf: one per chapter, its section pages included
  (04_cross_entropy.pdf holds 04 and 04a), followed by the chapter's solutions; cut from the same
  printed pages, numbered from 1.
- cheatsheet.pdf: book/cheatsheet.md's page on one landscape A4 page (scaled down until it fits).

Each page is opened once in Debian's Chromium through Playwright (CHROMIUM names another binary; no
browser is downloaded), served from a local server, with every request outside the site blocked; --jobs
pages (tabs of one browser) print at a time. A page is printed after MathJax has typeset
(MathJax.startup.promise), images have loaded and fonts are ready, with _static/print.css (which hides
the theme's navigation, sidebars, buttons and prev/next links) in force. Each level-2 heading carries an
invisible link to a marker address while it prints: the page of the PDF holding that link's annotation
is the page on which the section starts (the markers are removed with the site's other local links).
pypdf merges the printed pages, adds the bookmarks and writes the page numbers into the footers.
Chromium prints untagged PDFs: tags would double a page's size, and pypdf's merge drops the structure
tree anyway.
"""

import argparse
import asyncio
import html
import functools
import http.server
import io
import os
import re
import shutil
import sys
import threading
import time
from pathlib import Path

import yaml
from playwright.async_api import async_playwright
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

ROOT = Path(__file__).resolve().parents[1]
PRINT_CSS = ROOT / "_static" / "print.css"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MARGIN = {"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}
# The instructor's pages: left out of the student PDF.
INSTRUCTOR_ONLY = re.compile(r"book/(instructor_guide|quizzes|quiz_ch\d+)$")
SOLUTIONS = "Solutions to the exercises"
FOOTER_STYLE = "font-family: sans-serif; font-size: 7.5pt; color: #555;"
# The page numbers written into the footers: Helvetica (a PDF standard font, nothing to embed), the
# footer's size and grey, right-aligned 14 mm from the right edge, on the footer title's baseline.
MM = 72 / 25.4
NUMBER_SIZE, NUMBER_GREY, NUMBER_RIGHT, NUMBER_BASELINE = 7.5, 0.333, 14 * MM, 5.75 * MM
HELVETICA_DIGIT = 0.556  # every digit's advance in Helvetica, in em
# The address of a section's marker link (on the local server, so that it is removed like the others).
MARKER = "/__pdf_section__/"

# Run in each page once it has loaded: wait for MathJax, the images and the fonts; open the folded
# blocks; take the solutions out of the page into a hidden holder (printed later as the appendix);
# give each level-2 heading its marker link; return the page's title, its level-2 sections and its
# number of solutions.
PREPARE = """async (marker) => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
  const images = [...document.images];
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.complete ? null :
    new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done); })));
  await document.fonts.ready;
  document.querySelectorAll(".toggle-hidden").forEach(e => e.classList.remove("toggle-hidden"));
  document.querySelectorAll("details:not(.above-input)").forEach(d => { d.open = true; });
  const article = document.querySelector("article.bd-article");
  const holder = document.createElement("div");
  holder.id = "pdf-solutions";
  holder.style.display = "none";
  article.appendChild(holder);
  document.querySelectorAll("article.bd-article div.solution").forEach(s => holder.appendChild(s));
  const h1 = article.querySelector("h1");
  const title = h1 ? h1.innerText.replace(/#$/, "").trim() : document.title;
  const headings = [...article.querySelectorAll("section > h2")];
  const sections = headings.map(h => h.innerText.replace(/#$/, "").trim());
  headings.forEach((h, i) => {
    const a = document.createElement("a");
    a.href = marker + i;
    a.className = "pdf-marker";
    a.style.cssText = "display: inline-block; width: 1px; height: 1px; margin-right: -1px;";
    h.prepend(a);
  });
  const broken = images.filter(img => !img.naturalWidth).map(img => img.src);
  return {title, sections, solutions: holder.children.length, broken};
}"""

# Then, for the appendix: the page shows only its solutions, under a heading.
SOLUTIONS_ONLY = """(heading) => {
  const article = document.querySelector("article.bd-article");
  const holder = document.getElementById("pdf-solutions");
  [...article.children].forEach(e => { if (e !== holder) e.remove(); });
  const printTitle = document.getElementById("jb-print-docs-body");
  if (printTitle) printTitle.style.display = "none";
  const h = document.createElement("h1");
  h.textContent = heading;
  holder.prepend(h);
  holder.style.display = "block";
}"""


def toc_entries():
    """(file, part caption, chapter file) for every document of _toc.yml, in reading order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    entries = [(toc["root"], None, None)]

    def walk(items, caption, chapter):
        for item in items:
            top = chapter or item["file"]
            entries.append((item["file"], caption, top))
            walk(item.get("sections", []), caption, top)

    for part in toc.get("parts", []):
        walk(part.get("chapters", []), part.get("caption"), None)
    return entries


def numbered_chapters():
    """The chapter files of the numbered part, in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [c["file"] for part in toc.get("parts", []) if part.get("numbered") for c in part["chapters"]]


class Server:
    """The site on http://127.0.0.1:<free port>, from a thread."""

    def __init__(self, folder):
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def footer(text):
    return (f'<div style="{FOOTER_STYLE} width: 100%; margin: 0 14mm; padding-top: 2mm;">'
            f"{html.escape(text)}</div>")


async def print_pdf(page, title, **options):
    """The page printed to PDF bytes (A4, the course's margins, the title in the footer)."""
    settings = dict(format="A4", margin=MARGIN, print_background=True,
                    display_header_footer=True, header_template="<span></span>",
                    footer_template=footer(title))
    settings.update(options)
    return await page.pdf(**settings)


def uri(annotation):
    return str(annotation.get_object().get("/A", {}).get("/URI", ""))


def marker_pages(reader, count):
    """The 0-based page on which each of `count` sections starts: where its marker link landed."""
    pages = [None] * count
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            link = uri(annotation)
            if MARKER in link:
                index = int(link.rsplit("/", 1)[1])
                if index < count and pages[index] is None:
                    pages[index] = number
    return pages


class Printed:
    """One printed PDF (a page of the site, its solutions, the contents) and where its headings are."""

    def __init__(self, data, title, sections=()):
        self.data = data
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = len(self.reader.pages)
        self.title = title
        self.sections = list(zip(sections, marker_pages(self.reader, len(sections))))


def contents_html(groups, numbering):
    """The contents page: parts, pages and their level-2 sections, with page numbers."""
    rows = []
    for caption, items in groups:
        if caption:
            rows.append(f'<h2>{html.escape(caption)}</h2>')
        for printed, start in items:
            rows.append(f'<div class="row page"><span>{html.escape(printed.title)}</span>'
                        f'<span class="dots"></span><span>{start + 1}</span></div>')
            for name, offset in printed.sections:
                if offset is None:
                    continue
                rows.append(f'<div class="row section"><span>{html.escape(name)}</span>'
                            f'<span class="dots"></span><span>{start + offset + 1}</span></div>')
    style = """
      body { font-family: sans-serif; font-size: 9.5pt; color: #111; margin: 0; }
      h1 { font-size: 20pt; margin: 0 0 4mm; } h2 { font-size: 11pt; margin: 5mm 0 1.5mm; }
      .title { font-size: 12pt; color: #444; margin-bottom: 6mm; }
      .row { display: flex; align-items: baseline; break-inside: avoid; line-height: 1.45; }
      .page { font-weight: 600; margin-top: 1.2mm; } .section { padding-left: 7mm; color: #333; }
      .dots { flex: 1; border-bottom: 1px dotted #999; margin: 0 2mm; }
    """
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Contents</title><style>{style}</style>"
            f"</head><body><div class='title'>{html.escape(numbering)}</div><h1>Contents</h1>"
            + "\n".join(rows) + "</body></html>")


async def print_contents(browser_page, parts, groups, title):
    """The contents page for `parts` (printed as often as needed for its own length to settle)."""
    guess, contents = 1, None
    for _ in range(4):
        starts, at = {}, guess
        for printed, _ in parts:
            starts[id(printed)] = at
            at += printed.pages
        laid = [(caption, [(p, starts[id(p)]) for p in items]) for caption, items in groups]
        await browser_page.set_content(contents_html(laid, title))
        contents = Printed(await browser_page.pdf(format="A4", margin=MARGIN), "Contents")
        if contents.pages == guess:
            break
        guess = contents.pages
    return contents


def number_pages(writer):
    """Each page's number (from 1) at the right of its footer, and the links to the local server
    (other pages of the site, the section markers), which lead nowhere once printed, removed."""
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    save = DecodedStreamObject()
    save.set_data(b"q\n")
    save = writer._add_object(save)
    for number, page in enumerate(writer.pages, start=1):
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
        fonts[NameObject("/FPageNumber")] = font
        x = float(page.mediabox.right) - NUMBER_RIGHT - HELVETICA_DIGIT * NUMBER_SIZE * len(str(number))
        stamp = DecodedStreamObject()
        stamp.set_data(f"\nQ\nq {NUMBER_GREY} g BT /FPageNumber {NUMBER_SIZE} Tf {x:.2f} "
                       f"{NUMBER_BASELINE:.2f} Td ({number}) Tj ET Q\n".encode())
        contents = page.get("/Contents")
        existing = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else (
            [contents] if contents is not None else [])
        page[NameObject("/Contents")] = ArrayObject([save, *existing, writer._add_object(stamp)])
        annotations = page.get("/Annots")
        if annotations:
            kept = [a for a in annotations if not uri(a).startswith("http://127.0.0.1")]
            if len(kept) != len(annotations):
                page[NameObject("/Annots")] = ArrayObject(kept)


def assemble(parts, path, contents=None):
    """Merge `parts` (Printed, with their bookmark parent names) into one numbered PDF at `path`,
    after the `contents` page(s) if given."""
    writer = PdfWriter()
    at = 0
    if contents is not None:
        writer.append(contents.reader, import_outline=False)
        writer.add_outline_item(title="Contents", page_number=0)
        at = contents.pages
    captions = {}
    for printed, caption in parts:
        parent = None
        if caption:
            if caption not in captions:
                captions[caption] = writer.add_outline_item(title=caption, page_number=at)
            parent = captions[caption]
        writer.append(printed.reader, import_outline=False)
        item = writer.add_outline_item(title=printed.title, page_number=at, parent=parent)
        for name, offset in printed.sections:
            if offset is not None:
                writer.add_outline_item(title=name, page_number=at + offset, parent=item)
        at += printed.pages
    number_pages(writer)
    writer.page_mode = "/UseOutlines"
    # Objects the printed pages share (the same font subset or image in several PDFs of one page) once.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    with open(path, "wb") as out:
        writer.write(out)
    return len(writer.pages)


async def print_cheatsheet(page, course):
    """The cheat sheet on exactly one landscape A4 page, as large as fits: the scale is searched by
    bisection (each try is one print)."""
    await page.evaluate(
        "() => { const h = document.getElementById('jb-print-docs-body'); if (h) h.style.display = 'none'; }")
    options = dict(format="A4", landscape=True, print_background=True, display_header_footer=False,
                   margin={"top": "8mm", "bottom": "8mm", "left": "9mm", "right": "9mm"})
    await page.emulate_media(media="print")

    async def fits(scale):
        data = await page.pdf(scale=scale, **options)
        return data if len(PdfReader(io.BytesIO(data)).pages) == 1 else None

    best = await fits(1.0)
    if best is None:
        low, high = 0.35, 1.0  # Chromium's smallest scale is 0.1; below 0.35 the sheet is unreadable anyway
        best = await fits(low)
        for _ in range(5):
            middle = round((low + high) / 2, 3)
            data = await fits(middle)
            if data is None:
                high = middle
            else:
                low, best = middle, data
        if best is None:
            best = await page.pdf(scale=low, **options)
    await page.emulate_media(media=None)
    return best


async def print_site(executable, site, origin, entries, course, jobs, problems, blocked):
    """Every page printed (by `jobs` tabs at a time), its solutions, the cheat sheet and the contents:
    (printed, solutions, cheatsheet bytes, contents of course.pdf, contents of the student PDF)."""
    printed, solutions, cheatsheet = {}, {}, {}

    async def route(r):
        if r.request.url.startswith(origin + "/") or r.request.url.startswith("data:"):
            await r.continue_()
        else:
            blocked.add(r.request.url)
            await r.abort("blockedbyclient")

    css = PRINT_CSS.read_text()
    # The longest pages first, so that the last page to print is a short one.
    queue = sorted(entries, key=lambda e: -(site / f"{e[0]}.html").stat().st_size)

    async def work(page):
        while queue:
            file, _, _ = queue.pop(0)
            t0 = time.perf_counter()
            await page.goto(f"{origin}/{file}.html", wait_until="load")
            await page.add_style_tag(content=css)
            info = await page.evaluate(PREPARE, origin + MARKER)
            problems.extend(f"{file}: image did not load: {src}" for src in info["broken"])
            t1 = time.perf_counter()
            printed[file] = Printed(await print_pdf(page, f"{course} · {info['title']}"), info["title"],
                                    info["sections"])
            missing = [name for name, at in printed[file].sections if at is None]
            problems.extend(f"{file}: no page found for section {name!r}" for name in missing)
            t2 = time.perf_counter()
            if info["solutions"]:
                heading = f"Solutions: {info['title']}"
                await page.evaluate(SOLUTIONS_ONLY, heading)
                solutions[file] = Printed(await print_pdf(page, f"{course} · {heading}"), heading)
            if file == "book/cheatsheet":
                cheatsheet["data"] = await print_cheatsheet(page, course)
            print(f"  {file}: {printed[file].pages} pages"
                  + (f" + {solutions[file].pages} of solutions" if file in solutions else "")
                  + f" ({t1 - t0:.1f} s to load, {t2 - t1:.1f} s to print,"
                  f" {time.perf_counter() - t2:.1f} s for the rest)",
                  flush=True)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        context = await browser.new_context(viewport={"width": 1000, "height": 1400})
        context.set_default_timeout(60_000)
        await context.route("**/*", route)
        pages = [await context.new_page() for _ in range(max(1, jobs))]
        for page in pages:
            page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
        await asyncio.gather(*(work(page) for page in pages))
        order = [(file, caption) for file, caption, _ in entries]
        course_parts, student_parts = layout(order, printed, solutions)
        contents = await print_contents(pages[0], course_parts, groups_of(course_parts), course)
        student_contents = await print_contents(pages[0], student_parts, groups_of(student_parts),
                                                f"{course} · student edition")
        await browser.close()
    return printed, solutions, cheatsheet.get("data"), contents, student_contents



def layout(order, printed, solutions):
    """The parts of course.pdf (every page, then the solutions) and of the student PDF."""
    course = [(printed[f], c) for f, c in order]
    course += [(solutions[f], SOLUTIONS) for f, _ in order if f in solutions]
    student = [(printed[f], c) for f, c in order if not INSTRUCTOR_ONLY.match(f)]
    return course, student


def groups_of(parts):
    """The contents' groups: consecutive parts under the same caption."""
    groups = []
    for printed, caption in parts:
        if not groups or groups[-1][0] != caption:
            groups.append((caption, []))
        groups[-1][1].append(printed)
    return groups


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf")
    parser.add_argument("--chromium", default=None)
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("PDF_JOBS", 2)),
                        help="pages printed at a time (default 2, or PDF_JOBS)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        sys.exit(f"No built site in {args.site}: run 'make book' (jupyter-book build .) first.")
    executable = args.chromium or os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable or not shutil.which(executable):
        sys.exit("Chromium not found: run 'make chromium' (Debian's chromium package) or set CHROMIUM.")
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    course = config.get("title", "The course")
    entries = toc_entries()
    server = Server(args.site)
    blocked, problems = set(), []
    try:
        printed, solutions, cheatsheet, contents, student_contents = asyncio.run(print_site(
            shutil.which(executable), args.site, server.origin, entries, course, args.jobs,
            problems, blocked))
    finally:
        server.close()
    printing = time.perf_counter() - started
    order = [(file, caption) for file, caption, _ in entries]
    course_parts, student_parts = layout(order, printed, solutions)
    written = [("course.pdf", assemble(course_parts, args.out / "course.pdf", contents)),
               ("course-student.pdf",
                assemble(student_parts, args.out / "course-student.pdf", student_contents))]
    for chapter in numbered_chapters():
        files = [f for f, _, top in entries if top == chapter]
        parts = [(printed[f], None) for f in files]
        parts += [(solutions[f], SOLUTIONS) for f in files if f in solutions]
        name = Path(chapter).name + ".pdf"
        written.append((name, assemble(parts, args.out / name)))
    if cheatsheet is None:
        problems.append("book/cheatsheet is not in _toc.yml: no cheatsheet.pdf")
    else:
        (args.out / "cheatsheet.pdf").write_bytes(cheatsheet)
        written.append(("cheatsheet.pdf", 1))
    for url in sorted(blocked):
        problems.append(f"request to outside the site (blocked): {url}")
    for name, count in written:
        print(f"{args.out / name}: {count} pages, {(args.out / name).stat().st_size / 1e6:.1f} MB")
    total = time.perf_counter() - started
    print(f"Printed {len(entries)} pages with {args.jobs} at a time in {printing:.0f} s, "
          f"merged in {total - printing:.0f} s.")
    if problems:
        print("Problems:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
