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
        bench fuzz valgrind

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

$(BUILD)/obj/%.o: src/%.c $(BUILD)/gen/parser.h | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Generated code is compiled with the project's flags, less the warnings
# that flex and bison skeletons trip over.
GEN_CFLAGS = $(filter-out -Wmissing-declarations -Wshadow -Wundef,$(ALL_CFLAGS)) -Wno-unused-function -Wno-sign-compare
$(BUILD)/obj/parser.o: $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.h | $(BUILD)/obj
	$(CC) $(GEN_CFLAGS) -c -o $@ $<
$(BUILD)/obj/lexer.o: $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.h | $(BUILD)/obj
	$(CC) $(GEN_CFLAGS) -c -o $@ $<

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h: grammar/pace.y | $(BUILD)/gen
	$(BISON) -Wall -Werror -o $(BUILD)/gen/parser.c --header=$(BUILD)/gen/parser.h $<
$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h: grammar/pace.l | $(BUILD)/gen
	$(FLEX) -o $(BUILD)/gen/lexer.c --header-file=$(BUILD)/gen/lexer.h $<

$(BUILD)/obj $(BUILD)/gen:
	mkdir -p $@

-include $(wildcard $(BUILD)/obj/*.d)

# The whole suite, then the same suite under the sanitizers.
test: deps $(BUILD)/pace
	sh tests/run.sh $(BUILD)/pace
	$(MAKE) --no-print-directory test-asan

test-fast: deps $(BUILD)/pace
	sh tests/run.sh $(BUILD)/pace

test-asan:
	$(MAKE) --no-print-directory BUILD=build/asan CC=clang \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" build/asan/pace
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    PACE_SANITIZED=1 sh tests/run.sh build/asan/pace

demo: all
	sh rules/demo.sh $(BUILD)/pace

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/pace $(DESTDIR)$(PREFIX)/bin/pace
	install -m 644 docs/pace.1 $(DESTDIR)$(PREFIX)/share/man/man1/pace.1

clean:
	rm -rf $(BUILD) build
