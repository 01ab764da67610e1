# ipseval — one build. `make demo` and `make check` are the two commands a newcomer types.
# Targets: all (bin/ipseval), deps, demo, demo-nb, docs-config, check, check SAN=1 (address+undefined sanitizers),
#          bench, install PREFIX=..., clean, format.

VERSION   := 0.1.0
CC        ?= cc
PREFIX    ?= /usr/local
BUILD     := build$(if $(SAN),-san,)
BIN       := $(if $(SAN),$(BUILD)/ipseval,bin/ipseval)

WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS    ?= -O2 -g
CFLAGS    += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -I. -I/usr/include/iniparser \
             -DIPSEVAL_VERSION='"$(VERSION)"'
ifeq ($(SAN),1)
CFLAGS    += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS   += -fsanitize=address,undefined
endif
LDLIBS    := -lxlsxwriter -liniparser -lreadstat -lnettle -lgsl -lgslcblas -lm

LIB_SRC   := $(wildcard core/*.c stats/*.c rct/*.c fidelity/*.c cba/*.c cea/*.c realworld/*.c meta/*.c practice/*.c reports/*.c)
CLI_SRC   := $(wildcard cli/*.c)
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC  := $(wildcard tests/unit/test_*.c)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo demo-nb demo-pdf docs-config check check-unit check-reference check-e2e check-bad bench install clean format

all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libipseval.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(BUILD)/libipseval.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libipseval.a $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libipseval.a tests/t_check.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libipseval.a $(LDLIBS)

# Allocation-failure injection: the linker routes malloc & co. of our code through the test; it runs the cli/ code.
AF_OBJ := $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJ))
$(BUILD)/tests/test_allocfail: tests/unit/test_allocfail.c $(AF_OBJ) $(BUILD)/libipseval.a tests/t_check.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=strdup,--wrap=strndup \
	    -o $@ $< $(AF_OBJ) $(BUILD)/libipseval.a $(LDLIBS)

# Debian packages the build and the tests need; installed only when missing.
DEPS_BUILD := gcc make libgsl-dev libxlsxwriter-dev libiniparser-dev libreadstat-dev nettle-dev
# fonts-crosextra-carlito: Calibri's metrics, so LibreOffice lays the workbook out as Excel does (print tests);
# strace: the kill test of tests/hardening/safety.sh
DEPS_TEST  := python3 python3-openpyxl libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito strace
deps:
	@sh tools/deps.sh $(DEPS_BUILD) $(DEPS_TEST)

demo: deps $(BIN)
	@mkdir -p out
	./$(BIN) run configs/demo.ini
	@echo "demo: wrote out/ipseval-demo.xlsx and out/results.csv"

# The demo in Norwegian ([project] language = nb): out/ipseval-demo-nb.xlsx (results-nb.csv is the demo's results.csv)
demo-nb: deps $(BIN)
	@mkdir -p out
	./$(BIN) run configs/demo-nb.ini
	@echo "demo-nb: wrote out/ipseval-demo-nb.xlsx and out/results-nb.csv"

# The demo workbook as a visual record: LibreOffice -> out/ipseval-demo.pdf, pdftoppm -> out/ipseval-demo-pages/*.png
demo-pdf: demo
	@pages=$$(sh tests/workbook/pdf.sh out/ipseval-demo.xlsx out 80) && \
	    echo "demo-pdf: wrote out/ipseval-demo.pdf and $$pages pages in out/ipseval-demo-pages/"

check: deps $(BIN) $(TEST_BIN)
	@BIN=$(BIN) BUILD=$(BUILD) IPSEVAL_SAN=$(if $(SAN),1,0) sh tests/run.sh $(TEST_BIN)

# The configuration reference: printed from the key tables by the program itself; tests/docs/run.sh fails
# when docs/config.md differs from `ipseval help config` (after adding a key: make docs-config).
docs-config: $(BIN)
	./$(BIN) help config > docs/config.md
	@echo "docs-config: wrote docs/config.md"

bench: $(BIN)
	@sh bench/run.sh

# Fuzzing (clang + libFuzzer): each tests/fuzz/fuzz_*.c for FUZZ_SECONDS; rules in tests/fuzz/fuzz.mk.
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz:
	@sh tools/deps.sh clang libclang-rt-dev $(DEPS_BUILD)
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ipseval/configs
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ipseval
	install -m 644 configs/*.ini $(DESTDIR)$(PREFIX)/share/ipseval/configs/

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(wildcard */*.h) $(TEST_SRC)

clean:
	rm -rf build build-san build-fuzz bin out/tmp-check

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
