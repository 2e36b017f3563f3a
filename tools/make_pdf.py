"""The printed course: the built site (_build/html) printed with Chromium into _build/pdf.

    python tools/make_pdf.py [--site _build/html] [--out _build/pdf]      (or `make pdf`)

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
browser is downloaded), served from a local server, with every request outside the site blocked. It is
printed after MathJax has typeset (MathJax.startup.promise), images have loaded and fonts are ready,
with _static/print.css (which hides the theme's navigation, sidebars, buttons and prev/next links) in
force. Chromium's outline gives the page on which each heading lands; pypdf merges the printed pages,
adds the bookmarks and stamps the page numbers (a second small print of just the numbers).
"""

import argparse
import functools
import html
import http.server
import io
import re
import shutil
import sys
import threading
import time
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter

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

# Run in each page once it has loaded: wait for MathJax, the images and the fonts; open the folded
# blocks; take the solutions out of the page into a hidden holder (printed later as the appendix);
# return the page's title, its level-2 sections and its number of solutions.
PREPARE = """async () => {
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
  const sections = [...article.querySelectorAll("section > h2")].map(h => h.innerText.replace(/#$/, "").trim());
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


def print_pdf(page, title, **options):
    """The page printed to PDF bytes (A4, the course's margins, the title in the footer)."""
    settings = dict(format="A4", margin=MARGIN, print_background=True, outline=True, tagged=True,
                    display_header_footer=True, header_template="<span></span>",
                    footer_template=footer(title))
    settings.update(options)
    return page.pdf(**settings)


def heading_pages(reader, sections):
    """The 0-based page on which each level-2 section starts, from the PDF's outline (Chromium's)."""
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title.strip(), reader.get_destination_page_number(item)))

    walk(reader.outline)
    # Chromium's outline titles lose the spaces at line breaks and may repeat a number: compare
    # letters and digits only, the section's text within the outline's.
    pages, start = [], 0
    for name in sections:
        for i in range(start, len(found)):
            if normalise(name) in normalise(found[i][0]):
                pages.append(found[i][1])
                start = i + 1
                break
        else:
            pages.append(None)
    return pages


def normalise(text):
    return re.sub(r"\W", "", text)


class Printed:
    """One printed PDF (a page of the site, its solutions, the contents) and where its headings are."""

    def __init__(self, data, title, sections=(), section_pages=()):
        self.data = data
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = len(self.reader.pages)
        self.title = title
        self.sections = list(zip(sections, section_pages))


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


def numbers_html(count):
    """`count` A4 pages that are blank but for their page number at the foot, for stamping."""
    style = ("@page { size: A4; margin: 0; } body { margin: 0; } "
             ".p { height: 297mm; position: relative; break-after: page; overflow: hidden; } "
             f".p span {{ position: absolute; right: 14mm; bottom: 8.2mm; {FOOTER_STYLE} }}")
    pages = "".join(f'<div class="p"><span>{i}</span></div>' for i in range(1, count + 1))
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{style}</style></head><body>{pages}</body></html>"


def assemble(parts, numbers, path, contents_title=None, browser_page=None, groups=None):
    """Merge `parts` (Printed, with their bookmark parent names) into one numbered PDF at `path`.

    parts: list of (Printed, bookmark level-1 caption or None). With groups, a contents page is made
    first (printed as often as needed for its own length to settle).
    """
    contents = None
    if groups is not None:
        guess = 1
        for _ in range(4):
            starts, at = {}, guess
            for printed, _ in parts:
                starts[id(printed)] = at
                at += printed.pages
            laid = [(caption, [(p, starts[id(p)]) for p in items]) for caption, items in groups]
            browser_page.set_content(contents_html(laid, contents_title))
            data = browser_page.pdf(format="A4", margin=MARGIN, outline=False)
            contents = Printed(data, "Contents")
            if contents.pages == guess:
                break
            guess = contents.pages
    writer = PdfWriter()
    at = 0
    if contents is not None:
        writer.append(contents.reader, import_outline=False)
        writer.add_outline_item("Contents", page_number=0)
        at = contents.pages
    captions = {}
    for printed, caption in parts:
        parent = None
        if caption:
            if caption not in captions:
                captions[caption] = writer.add_outline_item(caption, page_number=at)
            parent = captions[caption]
        writer.append(printed.reader, import_outline=False)
        item = writer.add_outline_item(printed.title, page_number=at, parent=parent)
        for name, offset in printed.sections:
            if offset is not None:
                writer.add_outline_item(name, page_number=at + offset, parent=item)
        at += printed.pages
    for page, number in zip(writer.pages, numbers.pages):
        page.merge_page(number)
        # Links to other pages of the local server lead nowhere once printed.
        annotations = page.get("/Annots")
        if annotations:
            kept = [a for a in annotations
                    if not str(a.get_object().get("/A", {}).get("/URI", "")).startswith("http://127.0.0.1")]
            if len(kept) != len(annotations):
                from pypdf.generic import ArrayObject, NameObject
                page[NameObject("/Annots")] = ArrayObject(kept)
    writer.page_mode = "/UseOutlines"
    with open(path, "wb") as out:
        writer.write(out)
    return len(writer.pages)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf")
    parser.add_argument("--chromium", default=None)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        sys.exit(f"No built site in {args.site}: run 'make book' (jupyter-book build .) first.")
    import os
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
    printed, solutions = {}, {}

    def route(r):
        if r.request.url.startswith(server.origin + "/") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.add(r.request.url)
            r.abort("blockedbyclient")

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which(executable), args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport={"width": 1000, "height": 1400})
            context.set_default_timeout(60_000)
            context.route("**/*", route)
            page = context.new_page()
            page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
            for file, caption, _ in entries:
                t0 = time.perf_counter()
                page.goto(f"{server.origin}/{file}.html", wait_until="load")
                page.add_style_tag(content=PRINT_CSS.read_text())
                info = page.evaluate(PREPARE)
                problems.extend(f"{file}: image did not load: {src}" for src in info["broken"])
                t1 = time.perf_counter()
                data = print_pdf(page, f"{course} · {info['title']}")
                t2 = time.perf_counter()
                reader = PdfReader(io.BytesIO(data))
                printed[file] = Printed(data, info["title"], info["sections"],
                                        heading_pages(reader, info["sections"]))
                if info["solutions"]:
                    heading = f"Solutions: {info['title']}"
                    page.evaluate(SOLUTIONS_ONLY, heading)
                    solutions[file] = Printed(print_pdf(page, f"{course} · {heading}", tagged=False, outline=False),
                                              heading)
                if file == "book/cheatsheet":
                    cheatsheet = print_cheatsheet(page, course)
                print(f"  {file}: {printed[file].pages} pages"
                      + (f" + {solutions[file].pages} of solutions" if file in solutions else "")
                      + f" ({t1 - t0:.1f} s to load, {t2 - t1:.1f} s to print, {time.perf_counter() - t2:.1f} s for the rest)", flush=True)
            (args.out / "cheatsheet.pdf").write_bytes(cheatsheet)
            total = sum(p.pages for p in [*printed.values(), *solutions.values()]) + 20
            page.set_content(numbers_html(total))
            numbers = PdfReader(io.BytesIO(page.pdf(format="A4", margin={"top": "0", "bottom": "0"})))
            written = write_outputs(args.out, entries, printed, solutions, numbers, page, course)
            browser.close()
    finally:
        server.close()
    for url in sorted(blocked):
        problems.append(f"request to outside the site (blocked): {url}")
    for name, count in written:
        print(f"{args.out / name}: {count} pages")
    print(f"Printed {len(entries)} pages in {time.perf_counter() - started:.0f} s.")
    if problems:
        print("Problems:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    return 0


def print_cheatsheet(page, course):
    """The cheat sheet on exactly one landscape A4 page: scaled down until it fits."""
    page.evaluate("() => { const h = document.getElementById('jb-print-docs-body'); if (h) h.style.display = 'none'; }")
    options = dict(format="A4", landscape=True, print_background=True, display_header_footer=False,
                   margin={"top": "8mm", "bottom": "8mm", "left": "9mm", "right": "9mm"})
    page.emulate_media(media="print")
    scale = 1.0
    while True:
        data = page.pdf(scale=scale, **options)
        if len(PdfReader(io.BytesIO(data)).pages) == 1 or scale < 0.35:
            page.emulate_media(media=None)
            return data
        scale = round(scale * 0.93, 3)


def write_outputs(out, entries, printed, solutions, numbers, page, course):
    """course.pdf, course-student.pdf and the chapter PDFs from the printed pages."""
    written = []
    order = [(file, caption) for file, caption, _ in entries]
    parts = [(printed[f], c) for f, c in order]
    groups = group_by_caption(parts)
    solution_parts = [(solutions[f], SOLUTIONS) for f, _ in order if f in solutions]
    if solution_parts:
        groups.append((SOLUTIONS, [p for p, _ in solution_parts]))
    n = assemble(parts + solution_parts, numbers, out / "course.pdf", f"{course}", page, groups)
    written.append(("course.pdf", n))
    student = [(printed[f], c) for f, c in order if not INSTRUCTOR_ONLY.match(f)]
    n = assemble(student, numbers, out / "course-student.pdf", f"{course} · student edition", page,
                 group_by_caption(student))
    written.append(("course-student.pdf", n))
    for chapter in numbered_chapters():
        files = [f for f, _, top in entries if top == chapter]
        chapter_parts = [(printed[f], None) for f in files] + [(solutions[f], SOLUTIONS) for f in files if f in solutions]
        name = Path(chapter).name + ".pdf"
        written.append((name, assemble(chapter_parts, numbers, out / name)))
    return written


def group_by_caption(parts):
    groups = []
    for printed, caption in parts:
        if not groups or groups[-1][0] != caption:
            groups.append((caption, []))
        groups[-1][1].append(printed)
    return groups


if __name__ == "__main__":
    sys.exit(main())
