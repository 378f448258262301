# Pace — build, test, demo, install.  `make help` lists the targets.
#
# BUILD selects the output folder, so several builds can live side by
# side (build/ normal, build/asan for the sanitizer run).

CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
FLEX    ?= flex
BISON   ?= bison

WARN    = -Wall -Wextra -Wshadow -Wundef -Wwrite-strings -Wmissing-declarations
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
             -Isrc -I$(BUILD)/gen $(EXTRA_CFLAGS)
LDLIBS  = -lcsv -lpthread -lm

SRCS    = $(wildcard src/*.c)
GEN_C   = $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.c
OBJS    = $(SRCS:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/parser.o $(BUILD)/obj/lexer.o
# The program's objects without main, for the fuzzers and unit drivers.
LIB_OBJS = $(filter-out $(BUILD)/obj/main.o,$(OBJS))

.PHONY: all deps demo test test-fast test-asan check-deps install clean help \
        bench fuzz valgrind fuzz-smoke fuzz-build

all: deps $(BUILD)/pace

help:
	@echo "make            build $(BUILD)/pace (installs flex, bison, libcsv-dev if missing)"
	@echo "make demo       build and run the example rules on the example data"
	@echo "make test       build and run every test, then again under ASan+UBSan"
	@echo "make bench      measure speed and memory on generated exports"
	@echo "make fuzz       run the fuzzers (FUZZ_SECONDS=N each)"
	@echo "make valgrind   run the test suite under valgrind"
	@echo "make install    install pace and its man page (PREFIX, DESTDIR)"
	@echo "make clean      remove build output"

# Installs what a fresh Debian machine lacks.  Skipped when all is there.
deps:
	@sh tests/tools/deps.sh

$(BUILD)/pace: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

# The importer's unit driver: prints what the store holds after reading
# --data files (tests/cases/import/ call it as "$PACE_DIR/store_dump").
$(BUILD)/store_dump: tests/unit/store_dump.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Generated code is compiled with the project's flags, less the warnings
# that flex and bison skeletons trip over.
GEN_CFLAGS = $(filter-out -Wmissing-declarations -Wshadow -Wundef,$(ALL_CFLAGS)) -Wno-unused-function -Wno-sign-compare
$(BUILD)/obj/parser.o: $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.h | $(BUILD)/obj
	$(CC) $(GEN_CFLAGS) -c -o $@ $<
$(BUILD)/obj/lexer.o: $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.h | $(BUILD)/obj
	$(CC) $(GEN_CFLAGS) -c -o $@ $<

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h &: grammar/pace.y | $(BUILD)/gen
	$(BISON) -Wall -Werror -o $(BUILD)/gen/parser.c --header=$(BUILD)/gen/parser.h $<
$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h &: grammar/pace.l | $(BUILD)/gen
	$(FLEX) -o $(BUILD)/gen/lexer.c --header-file=$(BUILD)/gen/lexer.h $<

# Every build step waits for deps (order-only), so `make -j` on a fresh
# machine installs flex, bison and libcsv before it runs any of them.
$(BUILD)/obj $(BUILD)/gen $(BUILD)/bench: | deps
	mkdir -p $@

-include $(wildcard $(BUILD)/obj/*.d)

# Programs the test cases run besides pace: the importer's and the
# writers' unit drivers and the demo-data generator.
TEST_TOOLS = $(BUILD)/store_dump $(BUILD)/out_driver $(BUILD)/gen_demo

# The whole suite, then the same suite under the sanitizers.
test: deps $(BUILD)/pace $(TEST_TOOLS)
	-@sh tests/tools/chromium.sh
	sh tests/run.sh $(BUILD)/pace
	$(MAKE) --no-print-directory test-asan
	$(MAKE) --no-print-directory fuzz-smoke

test-fast: deps $(BUILD)/pace $(TEST_TOOLS)
	-@sh tests/tools/chromium.sh
	sh tests/run.sh $(BUILD)/pace

test-asan:
	$(MAKE) --no-print-directory BUILD=build/asan CC=clang \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" build/asan/pace \
	    build/asan/store_dump build/asan/out_driver build/asan/gen_demo
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    PACE_SANITIZED=1 sh tests/run.sh build/asan/pace

# Fuzzing (tests/fuzz/README.md): libFuzzer harnesses built with clang,
# ASan and UBSan into build/fuzz/, each run FUZZ_SECONDS; `make test` runs
# each for a few seconds (fuzz-smoke) so they keep building and running.
FUZZ_SECONDS ?= 60
FUZZ_BUILD ?= build/fuzz
FUZZ_NAMES = rules csv eval testfile
FUZZ_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
              -fno-sanitize-recover=all

fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_BUILD) 3

fuzz-build: deps
	$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CFLAGS="$(FUZZ_CFLAGS)" \
	    $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.h $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_OBJS) $(LDLIBS)

# The whole suite with every run of pace under valgrind (memcheck): any
# error or definite/indirect leak makes pace exit 99 and fails the case.
valgrind: deps $(BUILD)/pace $(TEST_TOOLS)
	@command -v valgrind >/dev/null 2>&1 || sh tests/tools/deps.sh valgrind
	PACE_VALGRIND_PROG=$(abspath $(BUILD)/pace) PACE_SANITIZED=1 \
	    sh tests/run.sh tests/tools/valgrind-pace.sh

# The output writers' unit driver: hand-built action lists through the
# real writers and the atomic output file (tests/cases/output/).
$(BUILD)/out_driver: tests/unit/out_driver.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS)

# Speed and memory against the libcsv floor and DuckDB (bench/run.sh).
BENCH_PROGS = $(BUILD)/bench/gen $(BUILD)/bench/floor $(BUILD)/bench/timeit \
              $(BUILD)/bench/splitcheck
bench: all $(BENCH_PROGS)
	$(BUILD)/bench/splitcheck 200
	sh bench/run.sh $(BUILD)/pace

$(BUILD)/bench/splitcheck: bench/splitcheck.c $(BUILD)/obj/csvsplit.o $(BUILD)/obj/mem.o | $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/bench/%: bench/%.c | $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

demo: all $(BUILD)/gen_demo
	sh rules/demo.sh $(BUILD)/pace

# The example-data generator `make demo` runs (deterministic: same data
# on every machine).
$(BUILD)/gen_demo: tests/tools/gen_demo.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/pace $(DESTDIR)$(PREFIX)/bin/pace
	install -m 644 docs/pace.1 $(DESTDIR)$(PREFIX)/share/man/man1/pace.1

clean:
	rm -rf $(BUILD) build
