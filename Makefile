# GAN Workbook. `make chapter-3` and `make test` do all set-up on a fresh Debian machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian packages the workbook needs: libgd (figures), OpenBLAS (matrix products), zlib,
# DejaVu fonts (figure text), Fashion-MNIST (image chapters).
PACKAGES := libgd-dev libopenblas-dev zlib1g-dev fonts-dejavu-core dataset-fashion-mnist pkg-config
CHAPTERS := 1 2 3 4 5 6 7 8 9 10
CHAPTER_TARGETS := $(addprefix chapter-,$(CHAPTERS))
SWIFT_BUILD := swift build -c release
BIN := .build/release
# Extra arguments for a chapter run, e.g. `make chapter-3 ARGS="--seed 7"`.
ARGS ?=
# `make assignment CHAPTER=N` and `make grade SUBMISSIONS=DIR [CHAPTER=N]` (INSTRUCTORS.md).
CHAPTER ?=
SUBMISSIONS ?=

.PHONY: help setup build test quick book bench bench-images bench-venv assignment grade clean $(CHAPTER_TARGETS)

help:
	@echo "GAN Workbook"
	@echo "  make chapter-N   build in release mode and run chapter N in full (N = $(CHAPTERS))"
	@echo "                   figures/chapter-NN/, results/chapter-NN.json, chapters/NN-*/README.md"
	@echo "  make quick       every chapter in --quick mode (seconds each; writes to .build/quick)"
	@echo "  make book        every chapter in full, then RESULTS.md"
	@echo "  make test        the whole test suite (property tests, figures, chapters in --quick)"
	@echo "  make bench       speed and memory beside the references; writes bench/RESULTS.md"
	@echo "  make bench-images  only the image core beside PyTorch (bench section 4; prints, writes nothing)"
	@echo "  make bench-venv  install PyTorch (CPU) into .bench-venv for the reference"
	@echo "  make assignment CHAPTER=N        the student package of chapter N in assignments/chapter-NN"
	@echo "  make grade SUBMISSIONS=DIR [CHAPTER=N]  grade every student folder in DIR; reports in DIR/../grades-chapter-NN"
	@echo "  make setup       install the Debian packages listed in PACKAGES"

# Installs the missing Debian packages; uses sudo when not root and says what to run otherwise.
setup:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "setup: installing Debian packages:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; \
	else echo "setup: cannot install as $$(whoami) without sudo; run: sudo apt-get update && sudo apt-get install -y$$missing" >&2; exit 1; fi; \
	if ! $$sudo apt-get install -y -qq $$missing >/dev/null 2>&1; then \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing \
	  || { echo "setup: apt-get install failed; run: sudo apt-get update && sudo apt-get install -y$$missing" >&2; exit 1; }; \
	fi

build: setup
	$(SWIFT_BUILD)

# A static pattern rule: make skips implicit (plain pattern) rules for .PHONY targets, so
# `chapter-%:` alone would do nothing for chapter-3.
$(CHAPTER_TARGETS): chapter-%: setup
	$(SWIFT_BUILD) --product chapter-$*
	$(BIN)/chapter-$* $(ARGS)

chapter-%:
	@echo "no chapter $*; chapters: $(CHAPTERS)" >&2; exit 2

quick: build
	@for n in $(CHAPTERS); do $(BIN)/chapter-$$n --quick --no-progress --out .build/quick || exit 1; done

book: build
	@for n in $(CHAPTERS); do $(BIN)/chapter-$$n $(ARGS) || exit 1; done

# Release build for the tests too: the chapter tests train models, which debug builds make 10-100x slower.
test: setup
	$(SWIFT_BUILD)
	swift test -c release

# Speed and memory beside the references (bench/reference/); writes bench/RESULTS.md.
# The PyTorch reference runs when .bench-venv exists: `make bench-venv` creates it.
bench: setup
	$(SWIFT_BUILD) --product bench
	@mkdir -p .build/bench
	cc -O2 bench/reference/gemm_floor_sine.c $$(pkg-config --cflags --libs openblas) -o .build/bench/gemm_floor_sine
	cc -O2 bench/reference/gemm_direct.c $$(pkg-config --cflags --libs openblas) -o .build/bench/gemm_direct
	$(BIN)/bench

bench-images: setup
	$(SWIFT_BUILD) --product bench
	$(BIN)/bench --only images

bench-venv:
	@[ -x .bench-venv/bin/python ] || python3 -m venv .bench-venv
	@.bench-venv/bin/python -c "import torch" 2>/dev/null || .bench-venv/bin/pip install -q "torch==2.13.0+cpu" numpy
	@.bench-venv/bin/python -c "import torch; print('torch', torch.__version__)"

# Course assignments (INSTRUCTORS.md): the student package of a chapter, and the grades of a
# folder of submissions (one folder per student).
assignment: setup
	@[ -n "$(CHAPTER)" ] || { echo "make assignment: say which chapter, e.g. make assignment CHAPTER=1" >&2; exit 2; }
	$(SWIFT_BUILD) --product workbook
	$(BIN)/workbook assign --chapter $(CHAPTER)

grade: setup
	@[ -n "$(SUBMISSIONS)" ] || { echo "make grade: say where the submissions are, e.g. make grade SUBMISSIONS=~/submissions CHAPTER=1" >&2; exit 2; }
	$(SWIFT_BUILD) --product workbook
	$(BIN)/workbook grade --submissions "$(SUBMISSIONS)" $(if $(CHAPTER),--chapter $(CHAPTER))

clean:
	rm -rf .build
