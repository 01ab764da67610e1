# Fuzzing with clang's libFuzzer (issue 10). Called by the main Makefile: `make fuzz FUZZ_SECONDS=N`.
#   build:  every tests/fuzz/fuzz_*.c is linked against the library sources (and, for fuzz_trial, the
#           cli/ objects) compiled by clang with -fsanitize=fuzzer-no-link,address,undefined.
#   run:    each target for FUZZ_SECONDS (default 60) on a scratch copy of its seed corpus
#           (build-fuzz/corpus/T, seeded from tests/fuzz/corpus/T; the committed corpus never grows),
#           one after the other, niced; a finding stops the run and names the reproducer.
#   seeds:  regenerate the committed seed corpora (tests/fuzz/mkcorpus.sh, tests/fuzz/mkseeds.c).
# A reproducer becomes a regression test by copying it into tests/fuzz/regress/T/ (make check replays it).
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_BUILD   := build-fuzz
FUZZ_JOBS    ?= 1
FUZZ_ONLY    ?=
# nonnull-attribute is recoverable only so that tests/fuzz/ubsan.supp can name reported findings; run.sh
# sets halt_on_error=1, so any report that is not suppressed still stops the run.
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize-recover=nonnull-attribute \
                -fno-omit-frame-pointer
# 256 MiB per allocation: inside libFuzzer's 2 GiB limit, so a huge size read from input shows up as
# our own refusal (a clean error), not as a fuzzer out-of-memory report.
FUZZ_CFLAGS  := -g -O1 $(FUZZ_SAN) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. -I/usr/include/iniparser \
                -DIPSEVAL_VERSION='"fuzz"' '-DCORE_ALLOC_MAX=((size_t)256 << 20)' -Wall -Wextra -Wno-unused-parameter
FUZZ_LDLIBS  := -lxlsxwriter -liniparser -lreadstat -lnettle -lgsl -lgslcblas -lm

FUZZ_LIB_SRC := $(wildcard core/*.c stats/*.c rct/*.c fidelity/*.c cba/*.c realworld/*.c meta/*.c reports/*.c)
FUZZ_CLI_SRC := $(filter-out cli/main.c,$(wildcard cli/*.c))
FUZZ_LIB_OBJ := $(FUZZ_LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_CLI_OBJ := $(FUZZ_CLI_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_SRC     := $(if $(FUZZ_ONLY),$(FUZZ_ONLY:%=tests/fuzz/%.c),$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)

.PHONY: fuzz fuzz-build seeds
fuzz: fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_JOBS=$(FUZZ_JOBS) sh tests/fuzz/run.sh $(FUZZ_BIN)

fuzz-build: $(FUZZ_BIN)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/libipseval-fuzz.a: $(FUZZ_LIB_OBJ) $(FUZZ_CLI_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_BUILD)/libipseval-fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d -o $@ $< $(FUZZ_BUILD)/libipseval-fuzz.a $(FUZZ_LDLIBS)

seeds:
	@mkdir -p $(FUZZ_BUILD) tests/fuzz/corpus/fuzz_dta tests/fuzz/corpus/fuzz_sav
	cc -O1 -o $(FUZZ_BUILD)/mkseeds tests/fuzz/mkseeds.c -lreadstat
	$(FUZZ_BUILD)/mkseeds tests/fuzz/corpus/fuzz_dta tests/fuzz/corpus/fuzz_sav
	sh tests/fuzz/mkcorpus.sh

-include $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_CLI_OBJ:.o=.d) $(FUZZ_BIN:=.d)
