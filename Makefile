# The course's commands. Start with `make book` (build the site) or `make test` (check everything).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REPORTS := _reports
PORT ?= 8000
PIP_VERSION := 26.3
# MathJax is served by the site itself (offline classrooms): npm's `mathjax` package, pinned, checked
# against this SHA-256 of its tarball, unpacked (es5/ only) where html_extra_path copies it into the site.
MATHJAX_VERSION := 3.2.2
MATHJAX_SHA256 := 1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09
MATHJAX_TGZ := .cache/mathjax-$(MATHJAX_VERSION).tgz
MATHJAX_DIR := _vendor/mathjax
MATHJAX_JS := $(MATHJAX_DIR)/tex-mml-chtml.js
# axe-core, the accessibility checker that the site tests inject into every page (tests/site): npm's
# `axe-core` package, pinned and checked against this SHA-256 of its tarball like MathJax. It is a test
# tool, not part of the site, so only axe.min.js (and its licence) is unpacked, into .cache.
AXE_VERSION := 4.14.1
AXE_SHA256 := e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745
AXE_TGZ := .cache/axe-core-$(AXE_VERSION).tgz
AXE_DIR := .cache/axe-core-$(AXE_VERSION)
AXE_JS := $(AXE_DIR)/axe.min.js
# reveal.js, for the lecture slides (tools/make_slides.py): npm's `reveal.js` package, pinned and checked
# against this SHA-256 of its tarball like MathJax. Only dist/, the licence and package.json are unpacked,
# into .cache; make_slides.py copies the files the decks use into _build/slides.
REVEAL_VERSION := 5.2.1
REVEAL_SHA256 := 359b575dd51bbda32f89b2fd4c7dc46ad7389a805572158916c29252f7a27333
REVEAL_TGZ := .cache/reveal.js-$(REVEAL_VERSION).tgz
REVEAL_DIR := .cache/reveal.js-$(REVEAL_VERSION)
REVEAL_JS := $(REVEAL_DIR)/dist/reveal.js
# Whether file $(1) has SHA-256 $(2); Python, since macOS has no sha256sum.
SHA256_MATCHES = $(PYTHON) -c 'import hashlib, sys; sys.exit(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest() != sys.argv[2])' $(1) $(2)
REQUIRE_NPM = @command -v npm >/dev/null || { echo "npm is needed once to fetch $(1) from the npm registry:" \
	"install Node.js (Debian/Ubuntu: apt-get install npm)."; exit 1; }
CHROMIUM ?= chromium
# The site tests run in this many processes (pytest-xdist): most of their time is spent waiting on the
# browser, so two workers finish in about three quarters of the time of one, on two cores.
SITE_TEST_WORKERS ?= 2
# The whole course as one download at the site's root (tools/make_download.py; tests/test_download.py).
DOWNLOAD := _build/html/course-notebooks.zip

.PHONY: help env book zh translations test site-test serve lab clean notebooks student student-site grade slides lock mathjax axe reveal chromium bench pdf

help:
	@echo "make book       create .venv if needed, install everything, build the site into _build/html"
	@echo "                (with course-notebooks.zip, every notebook and the lossutils wheel, at its root)"
	@echo "                and the Chinese edition into _build/html/zh"
	@echo "make zh         the Chinese edition alone, from the notebooks and i18n/zh_CN: _build/html/zh"
	@echo "make translations  after an English change: new and changed text into i18n/zh_CN/*.po (changed"
	@echo "                translations marked fuzzy), then list what is left to translate"
	@echo "make test       unit tests (course download, blank student edition graded), strict nbval over every"
	@echo "                notebook with every solution graded, strict site build, Chinese edition, student site, slides, PDF,"
	@echo "                tests in Chromium (about 20 minutes from a fresh clone on two cores)"
	@echo "make site-test  the site tests alone on the built site: links; every page in headless Chromium, offline;"
	@echo "                axe-core and alt text on every page; the quick start run in JupyterLab; every slide"
	@echo "                deck of _build/slides (make slides) in Chromium, offline"
	@echo "make serve      serve _build/html on http://127.0.0.1:$(PORT)"
	@echo "make lab        open the notebooks of book/ in JupyterLab (from the course's environment)"
	@echo "make notebooks  restart and run all: re-execute the notebooks in place (NB=book/x.ipynb for one)"
	@echo "make student    the student edition: the notebooks without exercise solutions, outputs cleared, in student/"
	@echo "make student-site  the website without any solution, for publishing during a term: _build/student-html"
	@echo "make grade SUBMISSIONS=folder"
	@echo "                run every notebook in the folder, grade its answers with the hidden checks of grading/,"
	@echo "                write folder/grades.csv (notebook,exercise,points,max_points)"
	@echo "make slides     one reveal.js deck per page of the book, made from the built site, in _build/slides"
	@echo "                (index.html lists them; reveal.js and MathJax copied in, so the folder works offline)"
	@echo "make pdf        the printed course from the built site: _build/pdf/course.pdf (contents, solutions in"
	@echo "                an appendix), course-student.pdf, one PDF per chapter and cheatsheet.pdf (one page)"
	@echo "make lock       re-resolve requirements.txt in a scratch venv and rewrite constraints.txt"
	@echo "make clean      remove build outputs (keeps .venv)"
	@echo "make bench      time the losses and the trainer against scikit-learn; writes benchmarks/RESULTS.md"
	@echo "                (about a minute; not part of 'make test'; BENCH_ARGS=--check fails on a missed goal)"

env: $(STAMP)

# Reinstalled whenever a requirement changes. constraints.txt pins every transitive dependency.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	@# Build matplotlib's font cache now; on first import it prints a notice that would
	@# otherwise appear in a notebook's output and fail the output comparison.
	MPLBACKEND=Agg $(BIN)/python -c "import matplotlib.pyplot"
	touch $@

mathjax: $(MATHJAX_JS)

# Unpacked again when the Makefile changes (a new version); the tarball is kept in .cache.
$(MATHJAX_JS): Makefile
	$(call REQUIRE_NPM,MathJax)
	mkdir -p .cache
	test -f $(MATHJAX_TGZ) || (cd .cache && npm pack --silent mathjax@$(MATHJAX_VERSION) >/dev/null)
	$(call SHA256_MATCHES,$(MATHJAX_TGZ),$(MATHJAX_SHA256)) \
		|| { rm -f $(MATHJAX_TGZ); echo "$(MATHJAX_TGZ) is not MathJax $(MATHJAX_VERSION) as pinned: removed, try again."; exit 1; }
	rm -rf $(MATHJAX_DIR) && mkdir -p $(MATHJAX_DIR)
	tar -xzf $(MATHJAX_TGZ) -C $(MATHJAX_DIR) -m --strip-components=1 package/LICENSE
	tar -xzf $(MATHJAX_TGZ) -C $(MATHJAX_DIR) -m --strip-components=2 package/es5

axe: $(AXE_JS)

$(AXE_JS): Makefile
	$(call REQUIRE_NPM,axe-core)
	mkdir -p .cache
	test -f $(AXE_TGZ) || (cd .cache && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null)
	$(call SHA256_MATCHES,$(AXE_TGZ),$(AXE_SHA256)) \
		|| { rm -f $(AXE_TGZ); echo "$(AXE_TGZ) is not axe-core $(AXE_VERSION) as pinned: removed, try again."; exit 1; }
	rm -rf $(AXE_DIR) && mkdir -p $(AXE_DIR)
	tar -xzf $(AXE_TGZ) -C $(AXE_DIR) -m --strip-components=1 package/axe.min.js package/LICENSE

reveal: $(REVEAL_JS)

$(REVEAL_JS): Makefile
	$(call REQUIRE_NPM,reveal.js)
	mkdir -p .cache
	test -f $(REVEAL_TGZ) || (cd .cache && npm pack --silent reveal.js@$(REVEAL_VERSION) >/dev/null)
	$(call SHA256_MATCHES,$(REVEAL_TGZ),$(REVEAL_SHA256)) \
		|| { rm -f $(REVEAL_TGZ); echo "$(REVEAL_TGZ) is not reveal.js $(REVEAL_VERSION) as pinned: removed, try again."; exit 1; }
	rm -rf $(REVEAL_DIR) && mkdir -p $(REVEAL_DIR)
	tar -xzf $(REVEAL_TGZ) -C $(REVEAL_DIR) -m --strip-components=1 package/LICENSE package/package.json package/dist

# One reveal.js deck per page of the book, made from the built site (built first if it is missing).
slides: $(STAMP) $(MATHJAX_JS) $(REVEAL_JS)
	@test -f _build/html/index.html || $(MAKE) --no-print-directory book
	$(BIN)/python tools/make_slides.py --site _build/html --out _build/slides --reveal $(REVEAL_DIR) \
		--mathjax $(MATHJAX_DIR)
	@echo "The slides are in _build/slides: open _build/slides/index.html."

# Debian's Chromium for the browser tests, with a CJK font (the glossary's Chinese terms, in the browser
# and in the PDF) and poppler-utils (pdftotext, which tests/site/test_pdf.py reads the PDFs with); the
# tests never download a browser of their own.
BROWSER_PACKAGES := chromium fonts-noto-cjk poppler-utils
chromium:
	@missing=""; command -v $(CHROMIUM) >/dev/null || missing="chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	if [ -z "$$missing" ]; then exit 0; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "The site tests need Debian's packages $$missing: install them as root" \
		"(apt-get install $(BROWSER_PACKAGES)), or set CHROMIUM=/path/to/chromium."; exit 1; fi

book: $(STAMP) $(MATHJAX_JS)
	$(BIN)/jupyter-book build .
	$(BIN)/python tools/make_download.py $(DOWNLOAD)
	$(BIN)/python tools/make_zh.py _build/html/zh
	@echo "The site is in _build/html (the Chinese edition in _build/html/zh): open _build/html/index.html, or run 'make serve'."

# The Chinese edition (tools/make_zh.py): the English notebooks with their text from i18n/zh_CN.
zh: $(STAMP) $(MATHJAX_JS)
	$(BIN)/python tools/make_zh.py _build/html/zh

# After an English change (README.md, "Translations"): the PO files in step, then what needs translating.
translations: $(STAMP)
	$(BIN)/python tools/i18n.py update
	@$(BIN)/python tools/i18n.py check || echo "Translate the units above (README.md, 'Translations')."

test: $(STAMP) $(MATHJAX_JS) $(AXE_JS) $(REVEAL_JS) chromium
	rm -rf $(REPORTS) && mkdir -p $(REPORTS)
	@echo "== unit tests (with the blank student edition graded, and the course download installed and run)"
	$(BIN)/python -m pytest tests -q --ignore=tests/site --ignore=tests/after_notebooks \
		--junitxml=$(REPORTS)/unit.xml
	@echo "== notebooks: every cell re-executed, outputs compared with the committed ones, every solution graded"
	LOSSUTILS_GRADE_LOG=$(abspath $(REPORTS))/answers.jsonl LOSSUTILS_HIDDEN=$(abspath grading/hidden) \
		$(BIN)/python -m pytest book --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg --ignore=_build -q \
		--junitxml=$(REPORTS)/notebooks.xml
	LOSSUTILS_GRADE_LOG=$(abspath $(REPORTS))/answers.jsonl \
		$(BIN)/python -m pytest tests/after_notebooks -q --junitxml=$(REPORTS)/grades.xml
	@echo "== site: strict build from an empty _build; the Chinese edition, the student website, the slides and the PDF"
	rm -rf _build
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(BIN)/python tools/make_download.py $(DOWNLOAD)
	@# The Chinese edition builds on the second core while the student site and the slides are made.
	$(BIN)/python tools/make_zh.py _build/html/zh > $(REPORTS)/zh-build.log 2>&1 & zh=$$!; \
	$(BIN)/python tools/make_student_site.py _build/student-html && \
	$(BIN)/python tools/make_slides.py --reveal $(REVEAL_DIR) --mathjax $(MATHJAX_DIR); made=$$?; \
	wait $$zh; zh_status=$$?; tail -n 1 $(REPORTS)/zh-build.log; \
	if [ $$zh_status != 0 ]; then cat $(REPORTS)/zh-build.log; exit $$zh_status; fi; exit $$made
	CHROMIUM=$$(command -v $(CHROMIUM)) $(BIN)/python tools/make_pdf.py
	@echo "== site: internal links, every page and slide deck opened offline in headless Chromium, the PDF"
	$(MAKE) --no-print-directory site-test
	$(BIN)/python tools/summarise_tests.py $(REPORTS)

# On the site in _build/html. Screenshots of every page and the page weights go to _build/site-review.
site-test: $(STAMP) $(AXE_JS) chromium
	@mkdir -p $(REPORTS)
	CHROMIUM=$$(command -v $(CHROMIUM)) AXE_JS=$(abspath $(AXE_JS)) \
		$(BIN)/python -m pytest tests/site -q -n $(SITE_TEST_WORKERS) --junitxml=$(REPORTS)/site.xml

serve:
	@test -f _build/html/index.html || { echo "No site yet: run 'make book' first."; exit 1; }
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# JupyterLab from the course's environment, rooted at book/; it opens a browser tab, or prints the
# address to open. Jupyter refuses to run as root unless told (containers, CI machines).
lab: $(STAMP)
	$(BIN)/jupyter lab book/ $$(test "$$(id -u)" != 0 || echo --allow-root)

# The install cell is written first (from _config.yml), so a rebuilt notebook cannot lose it.
notebooks: $(STAMP)
	$(BIN)/python tools/sync_install_cell.py $(NB)
	$(BIN)/python tools/execute_notebooks.py $(NB)

# The notebooks to hand out: solutions removed, outputs cleared (tools/make_student.py; tests/test_student.py).
student: $(STAMP)
	$(BIN)/python tools/make_student.py student

# The site without solutions (tools/make_student_site.py; tests/site/test_student_site.py).
student-site: $(STAMP) $(MATHJAX_JS)
	$(BIN)/python tools/make_student_site.py _build/student-html

# The site printed with Debian's Chromium, offline, into _build/pdf (tools/make_pdf.py; tests/site/test_pdf.py).
pdf: $(STAMP) $(MATHJAX_JS) chromium
	@test -f _build/html/index.html || $(MAKE) --no-print-directory book
	CHROMIUM=$$(command -v $(CHROMIUM)) $(BIN)/python tools/make_pdf.py

# Submitted notebooks graded by the hidden checks in grading/hidden (tools/grade.py; tests/test_grading.py).
grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "Give the folder of submitted notebooks: make grade SUBMISSIONS=folder"; exit 1; }
	$(BIN)/python tools/grade.py "$(SUBMISSIONS)" $(if $(GRADES),--out "$(GRADES)")

lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet pip==$(PIP_VERSION)
	.venv-lock/bin/python -m pip install --quiet -r requirements.txt
	{ echo "# Every package of the environment, pinned: the lock that requirements.txt is installed against."; \
	  echo "# Regenerate with: make lock"; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^lossutils'; } > constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf _build $(REPORTS)

# Timings depend on the machine and its load, so this is not part of `make test`.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
