# Veilig op school – kennisbank. `make help` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed
SITE ?= site
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install build serve check test test-tools debian browser rsync pango clean pagina regio controle-rapport bench node woordenboek faketime pdftotext spelling leesbaarheid links-extern

help: ## Deze lijst
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# The packages of requirements.txt are installed by uv (pinned here, put into the venv by pip): the
# same versions as pip would choose, in half the time, and from its cache (UV_CACHE_DIR, else
# ~/.cache/uv) in a few seconds, which the GitLab jobs and the test of the check job use.
UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv pip install --quiet --python $(VENV)/bin/python

# Bytecode is written when a module is first imported: uv does not compile the venv's ~4,600
# files ahead (most are never imported). A machine that sets PYTHONDONTWRITEBYTECODE (container
# images do) would then compile them again in every process.
unexport PYTHONDONTWRITEBYTECODE

$(STAMP): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-compile uv==$(UV_VERSION)
	$(UV) -r requirements.txt
	$(UV) --no-deps --editable .
	touch $(STAMP)

install: $(STAMP) ## Python-omgeving in .venv installeren

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
# so a fresh machine runs one apt-get update and one apt-get install.
HAVE_browser := command -v chromium
DEB_browser := chromium
HAVE_npm := command -v npm
DEB_npm := nodejs npm
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
DEBIAN_TOOLS := browser npm rsync faketime pango pdftotext woordenboek
# $(call apt,tools): the packages of the tools that are missing, in one apt-get.
apt = @missing="$(foreach t,$(1),$$({ $(HAVE_$(t)); } >/dev/null 2>&1 || echo $(DEB_$(t))))"; \
	if [ -n "$${missing// }" ]; then echo "Debian-pakketten installeren:" $$missing; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

debian: ## Alle Debian-pakketten voor make test in één keer installeren (als root)
	$(call apt,$(DEBIAN_TOOLS))

browser: ## Chromium uit Debian installeren voor de browsertests (als root)
	$(call apt,browser)

# Only the npm registry: no package downloads a browser (lighthouse uses Debian's chromium via
# CHROME_PATH); PUPPETEER_SKIP_DOWNLOAD and --ignore-scripts make sure of that.
node_modules/.package-lock.json: package.json package-lock.json
	$(call apt,npm)
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts

node: node_modules/.package-lock.json ## axe-core en lighthouse uit npm installeren (versies vast in package-lock.json)

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

# A fresh machine: the Debian packages and then npm, beside the Python packages (make -j2; apt and npm one after
# the other, as npm may come from apt), then the checks and the tests.
test: ## Alles: unit-tests, strenge build, controles en browsertests
	$(MAKE) --no-print-directory -j2 -Otarget $(STAMP) test-tools
	$(MAKE) check
	$(PY) -m pytest -q -n auto --dist loadfile

test-tools:
	@$(MAKE) --no-print-directory debian && $(MAKE) --no-print-directory node

clean: ## Gebouwde bestanden weggooien (ook de buildcache .cache/build: de volgende build maakt alles opnieuw)
	rm -rf site .pytest_cache .cache/build

pagina: $(STAMP) ## Nieuwe pagina: make pagina sectie=wetgeving titel="Titel"
	$(PY) -m scripts.new_page --sectie "$(sectie)" --titel "$(titel)"

regio: $(STAMP) ## Profiel van een nieuwe regio beginnen (regio/profiel.yml, met open plekken); make regio vervang=ja begint opnieuw
	$(PY) -m scripts.new_region $(if $(vervang),--vervang)

controle-rapport: $(STAMP) ## Pagina's waarvan de controledatum (bijna) verlopen is
	$(PY) -m scripts.check --rapport

bench: build node browser ## Benchmarks: vindbaarheid (zoeken) en prestaties (build, groei, gewicht, Lighthouse)
	$(PY) -m scripts.bench.search_bench --site $(SITE) --vergelijk --browser
	$(PY) -m scripts.bench.performance

# Issue 22. Not in `make build`: WeasyPrint adds about 3 s (four cards) to a 2.5 s build and the
# whole-site PDF takes about 50 s. The pages job runs this target; see .gitlab-ci.yml.
.PHONY: downloads
downloads: $(STAMP) pango ## Site met de stapkaarten als pdf, plus de hele kennisbank als pdf en als map (zip) in $(SITE)/downloads
	KENNISBANK_PDF=1 $(MKDOCS) build --strict --site-dir $(SITE)
	$(MKDOCS) build --strict -f mkdocs-print.yml --site-dir build/print
	$(PY) -m scripts.exports.print_pdf --kennisbank build/print/print_page/index.html $(SITE)/downloads/kennisbank.pdf
	KENNISBANK_PDF=1 $(MKDOCS) build --strict -f mkdocs-offline.yml --site-dir build/offline
	$(PY) -m scripts.exports.offline_zip build/offline $(SITE)/downloads/kennisbank-offline.zip
