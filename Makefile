# Top-level build for the multipath tools: libmultipath, the programs, tests.
#
#   make              build everything into $(B)/
#   make test         unit tests (plain and ASan/UBSan), then the VM suite
#   make install      install under $(DESTDIR)$(prefix)
#   make fuzz         build and run each libFuzzer target for $(FUZZ_SECONDS)s
#   make demo         build, then the end-to-end demonstration
#
# One build tree per variant: B=build (default), build/asan for sanitizers.

.DEFAULT_GOAL := all

CC        ?= cc
B         ?= build
SAN       ?=
V         ?=

prefix    ?= /usr
sbindir   ?= $(prefix)/sbin
libdir    ?= $(prefix)/lib
plugindir ?= $(libdir)/multipath
includedir ?= $(prefix)/include
mandir    ?= $(prefix)/share/man
udevdir   ?= $(prefix)/lib/udev
udevrulesdir ?= $(udevdir)/rules.d
unitdir   ?= $(prefix)/lib/systemd/system
tmpfilesdir ?= $(prefix)/lib/tmpfiles.d
modulesloaddir ?= $(prefix)/lib/modules-load.d
initramfsdir ?= $(prefix)/share/initramfs-tools
bashcompdir ?= $(prefix)/share/bash-completion/completions
sysconfdir ?= /etc
runstatedir ?= /run

SONAME_MAJOR := 1
LIBNAME   := libmultipath.so
VERSION   := 0.1.0

# pkg-config is asked lazily, once, when a recipe first needs the flags:
# `make demo` and `make test` install the packages (tests/deps.sh) before
# the build starts, and a plain `make` on a machine without them stops
# with a message that says how to get them instead of failing to link.
PKGS      := libudev devmapper liburcu
pkg_check = $(if $(shell pkg-config --exists $(PKGS) 2>/dev/null && echo y),,$(error \
  pkg-config does not find $(PKGS): run 'make deps' as root, or tests/deps.sh))
PKG_CFLAGS = $(eval PKG_CFLAGS := $(pkg_check)$(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $(pkg_check)$(shell pkg-config --libs $(PKGS)) -laio -lpthread -ldl)$(PKG_LIBS)

WARNFLAGS := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wno-unused-parameter \
             -Wstrict-prototypes -Wmissing-prototypes -Wvla
CFLAGS    ?= -O2 -g
BASEFLAGS := -std=gnu11 $(WARNFLAGS) -fPIC -pthread \
             -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
             -D_GNU_SOURCE -Ilibmultipath -I$(B)/gen \
             -DMP_VERSION='"$(VERSION)"' \
             -DMP_PLUGIN_DIR='"$(plugindir)"' \
             -DMP_SYSCONFDIR='"$(sysconfdir)"' \
             -DMP_RUNDIR='"$(runstatedir)"'
ifeq ($(SAN),1)
  CFLAGS := -O1 -g -fno-omit-frame-pointer
  BASEFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=undefined -U_FORTIFY_SOURCE
  LDSAN := -fsanitize=address,undefined
endif
ALL_CFLAGS = $(BASEFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
LDFLAGS   ?= -Wl,-z,relro -Wl,-z,now
ALL_LDFLAGS = $(LDFLAGS) $(LDSAN)

ifeq ($(V),)
  Q := @
  say = @printf '  %-7s %s\n' $(1) $(2)
else
  Q :=
  say =
endif

# ---- libmultipath ---------------------------------------------------------
LIB_SRCS  := $(sort $(wildcard libmultipath/*/*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(B)/obj/%.o)
LIB_A     := $(B)/libmultipath.a
LIB_SO    := $(B)/lib/$(LIBNAME).$(SONAME_MAJOR)

# ---- programs -------------------------------------------------------------
PROGRAMS  := multipath multipathd kpartx mpathpersist
multipath_SRCS := $(sort $(wildcard multipath/*.c))
mpathpersist_SRCS := $(sort $(wildcard mpathpersist/*.c))
multipathd_SRCS := $(sort $(wildcard multipathd/*.c))
kpartx_SRCS := $(sort $(wildcard kpartx/*.c))
# the interactive console (multipathd/console.c) reads lines with readline
multipathd_LIBS := -lreadline

define program_rules
$(1)_OBJS := $$($(1)_SRCS:%.c=$$(B)/obj/%.o)
# Programs find the library through $ORIGIN/../lib, which is right both in
# the build tree (build/sbin, build/lib) and once installed (sbin, lib).
$$(B)/sbin/$(1): $$($(1)_OBJS) $$(LIB_SO)
	$$(call say,LINK,$$@)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(ALL_LDFLAGS) -o $$@ $$($(1)_OBJS) -L$$(B)/lib -l:$$(LIBNAME).$$(SONAME_MAJOR) \
		-Wl,-rpath,'$$$$ORIGIN/../lib' $$(PKG_LIBS) $$($(1)_LIBS)
ALL_OBJS += $$($(1)_OBJS)
endef
$(foreach p,$(PROGRAMS),$(eval $(call program_rules,$(p))))

# ---- multipathd parts -----------------------------------------------------
# The command language (multipathd/cli_*.c) and the one-shot client, part
# of the daemon program, also linked by their unit tests and the parser's
# fuzz target.
MULTIPATHD_LIB_SRCS := $(sort $(wildcard multipathd/cli_*.c multipathd/client.c))
MULTIPATHD_LIB_OBJS := $(MULTIPATHD_LIB_SRCS:%.c=$(B)/obj/%.o)
build/fuzz/fuzz_cli: FUZZ_EXTRA_SRCS := $(MULTIPATHD_LIB_SRCS)
build/fuzz/fuzz_cli: $(MULTIPATHD_LIB_SRCS)

# ---- unit tests -----------------------------------------------------------
TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))
TEST_BINS := $(TEST_SRCS:tests/unit/%.c=$(B)/tests/%)
TEST_HELPER_SRCS := $(filter-out $(TEST_SRCS),$(wildcard tests/unit/*.c))
TEST_HELPER_OBJS := $(TEST_HELPER_SRCS:%.c=$(B)/obj/%.o)
# per-test extra objects and link flags (e.g. --wrap mocks) live in tests/unit/tests.mk
-include tests/unit/tests.mk

ALL_OBJS += $(LIB_OBJS) $(TEST_HELPER_OBJS) $(TEST_SRCS:%.c=$(B)/obj/%.o)

.PHONY: all test-plugins
all: $(LIB_SO) $(addprefix $(B)/sbin/,$(PROGRAMS))

# the plugins the tests load (tests/unit/tests.mk), for the VM image too
test-plugins: $(TEST_PLUGINS)

$(B)/obj/tests/%.o: EXTRA_CFLAGS = -DTEST_DATA_DIR='"$(CURDIR)/tests/unit/data"' -Itests/unit -Imultipathd -Impathpersist

$(B)/obj/%.o: %.c
	$(call say,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) $(EXTRA_CFLAGS) -c -o $@ $<

$(LIB_A): $(LIB_OBJS)
	$(call say,AR,$@)
	@rm -f $@
	$(Q)ar rcs $@ $^

LIB_VERSION_SCRIPT ?= libmultipath/libmultipath.version
$(LIB_SO): $(LIB_OBJS) $(LIB_VERSION_SCRIPT)
	$(call say,LINK,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -shared $(ALL_LDFLAGS) -Wl,-soname,$(LIBNAME).$(SONAME_MAJOR) \
		-Wl,--version-script=$(LIB_VERSION_SCRIPT) \
		-o $@ $(LIB_OBJS) $(PKG_LIBS)
	$(Q)ln -sf $(LIBNAME).$(SONAME_MAJOR) $(B)/lib/$(LIBNAME)

$(B)/tests/%: $(B)/obj/tests/unit/%.o $(TEST_HELPER_OBJS) $(LIB_A)
	$(call say,LINK,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(TEST_HELPER_OBJS) $($*_OBJS) $($*_WRAP) $(LIB_A) $(PKG_LIBS) -lcmocka

.SECONDARY:


# ---- test targets ---------------------------------------------------------
.PHONY: unit unit-plain unit-asan test check check-vm vm-shell deps
deps:
	@tests/deps.sh

unit-plain: $(TEST_BINS)
	@B=$(B) tests/unit/run.sh $(TEST_BINS)

unit-asan:
	$(Q)$(MAKE) --no-print-directory B=build/asan SAN=1 unit-plain

unit: unit-plain unit-asan

# Programs the VM tests run in the guest (tests/vm/helpers/*.c), linked
# statically with the library: $(B)/tests/vm-helpers/.
VM_HELPER_SRCS := $(sort $(wildcard tests/vm/helpers/*.c))
VM_HELPERS := $(VM_HELPER_SRCS:tests/vm/helpers/%.c=$(B)/tests/vm-helpers/%)
ALL_OBJS += $(VM_HELPER_SRCS:%.c=$(B)/obj/%.o)
$(B)/tests/vm-helpers/%: $(B)/obj/tests/vm/helpers/%.o $(LIB_A)
	$(call say,LINK,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB_A) $(PKG_LIBS)
.PHONY: vm-helpers
vm-helpers: $(VM_HELPERS)

# VM_TESTS="t_a t_b" selects tests; see tests/vm/run.sh
check-vm: all vm-helpers
	@B=$(B) VM_TESTS="$(VM_TESTS)" tests/vm/run.sh

# Benchmarks print figures; they never pass or fail on time.
BENCHES = $(basename $(notdir $(wildcard tests/bench/bench_*.sh)))
.PHONY: bench
bench: all vm-helpers
	@B=$(B) VM_TESTS="$(or $(BENCH),$(BENCHES))" VM_RESULTS=build/vm/bench-results tests/vm/run.sh

# Long runs that make test leaves out (tests/vm/soak_*.sh): figures in
# the console, results in build/vm/soak-results. SOAK="soak_storm" picks.
SOAKS = $(basename $(notdir $(wildcard tests/vm/soak_*.sh)))
.PHONY: soak
soak: all vm-helpers
	@B=$(B) VM_TESTS="$(or $(SOAK),$(SOAKS))" VM_RESULTS=build/vm/soak-results tests/vm/run.sh

# The VM tests with the ASan/UBSan build (build/asan): any report of a
# sanitizer in the guest fails the test that ran (tests/vm/runner.sh).
# VM_TESTS as for check-vm; make test runs the daemon's tests this way.
.PHONY: check-vm-asan
check-vm-asan:
	$(Q)$(MAKE) --no-print-directory B=build/asan SAN=1 all vm-helpers
	@B=build/asan VM_TESTS="$(VM_TESTS)" tests/vm/run.sh

# The root file system on a multipathed disk, booted through an initramfs
# that initramfs-tools makes with the project's hook (tests/vm/root.sh).
.PHONY: check-root
check-root: all vm-helpers
	@B=$(B) MAKE="$(MAKE)" tests/vm/root.sh

vm-shell: all vm-helpers
	@B=$(B) VM_TESTS="$(VM_TESTS)" tests/vm/run.sh --shell

# The packages come first; the build is a sub-make so that nothing reads
# pkg-config before they are there.
test: deps
	@MAKE="$(MAKE)" tests/run-all.sh

check: test

# ---- fuzzing --------------------------------------------------------------
FUZZ_SECONDS ?= 60
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/%)
FUZZ_CFLAGS = -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-D_GNU_SOURCE -Ilibmultipath -DMP_VERSION='"$(VERSION)"' \
	-DMP_PLUGIN_DIR='"$(plugindir)"' -DMP_SYSCONFDIR='"$(sysconfdir)"' \
	-DMP_RUNDIR='"$(runstatedir)"' $(PKG_CFLAGS)

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BINS)
build/fuzz/%: tests/fuzz/%.c $(LIB_SRCS)
	@mkdir -p $(dir $@)
	$(call say,FUZZ,$@)
	$(Q)clang $(FUZZ_CFLAGS) -Imultipathd -o $@ $< $(LIB_SRCS) $(FUZZ_EXTRA_SRCS) $(PKG_LIBS)
fuzz: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BINS)

# The corpora replayed without libFuzzer (tests/fuzz/replay_main.c), with
# the compiler and sanitizers of $(B): make test runs it with build/asan.
REPLAY_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(B)/tests/replay/%)
ALL_OBJS += $(FUZZ_SRCS:%.c=$(B)/obj/%.o) $(B)/obj/tests/fuzz/replay_main.o
# (the targets declare their entry point, not all before defining it)
$(B)/obj/tests/fuzz/%.o: EXTRA_CFLAGS = -Imultipathd -Wno-missing-prototypes
$(B)/tests/replay/%: $(B)/obj/tests/fuzz/%.o $(B)/obj/tests/fuzz/replay_main.o \
		$(MULTIPATHD_LIB_OBJS) $(LIB_A)
	$(call say,LINK,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(B)/obj/tests/fuzz/replay_main.o \
		$(MULTIPATHD_LIB_OBJS) $(LIB_A) $(PKG_LIBS)
.PHONY: fuzz-replay fuzz-replay-asan
fuzz-replay: $(REPLAY_BINS)
	@B=$(B) tests/fuzz/replay.sh $(REPLAY_BINS)
fuzz-replay-asan:
	$(Q)$(MAKE) --no-print-directory B=build/asan SAN=1 fuzz-replay

# ---- demo -----------------------------------------------------------------
.PHONY: demo
demo: deps
	$(Q)$(MAKE) --no-print-directory all vm-helpers
	@tests/demo.sh

# ---- install --------------------------------------------------------------
# Besides programs, library and manuals: the ABI headers of external path
# checkers and prioritizers, $(includedir)/multipath/checker_plugin.h and
# $(includedir)/multipath/prio_plugin.h.
.PHONY: install uninstall
# udev rules and units name the programs where they are installed
UDEV_RULES := 56-dm-mpath.rules 56-dm-parts.rules 60-multipath.rules \
	60-kpartx.rules 68-del-part-nodes.rules
SUBST = sed -e 's|@SBINDIR@|$(sbindir)|g' -e 's|@UDEVDIR@|$(udevdir)|g' \
	-e 's|@PLUGINDIR@|$(plugindir)|g'
# bash completion scripts (completion/)
COMPLETIONS := multipath multipathd kpartx
# initramfs-tools: the hook, and the scripts that start and stop the daemon
INITRAMFS_FILES := hooks/multipath:hook scripts/local-top/multipath:local-top \
	scripts/init-bottom/multipath:init-bottom
install: all
	install -d $(DESTDIR)$(sbindir) $(DESTDIR)$(libdir) $(DESTDIR)$(plugindir) \
		$(DESTDIR)$(mandir)/man5 $(DESTDIR)$(mandir)/man8
	install -m 755 $(addprefix $(B)/sbin/,$(PROGRAMS)) $(DESTDIR)$(sbindir)/
	install -m 755 $(LIB_SO) $(DESTDIR)$(libdir)/
	ln -sf $(LIBNAME).$(SONAME_MAJOR) $(DESTDIR)$(libdir)/$(LIBNAME)
	install -m 644 multipath.conf.5 $(DESTDIR)$(mandir)/man5/
	install -d $(DESTDIR)$(includedir)/multipath
	install -m 644 libmultipath/checkers/checker_plugin.h \
		libmultipath/prio/prio_plugin.h $(DESTDIR)$(includedir)/multipath/
	install -m 644 multipath/multipath.8 $(DESTDIR)$(mandir)/man8/
	install -m 644 multipathd/multipathd.8 $(DESTDIR)$(mandir)/man8/
	install -m 644 kpartx/kpartx.8 $(DESTDIR)$(mandir)/man8/
	install -m 644 mpathpersist/mpathpersist.8 $(DESTDIR)$(mandir)/man8/
	install -d $(DESTDIR)$(bashcompdir)
	install -m 644 $(addprefix completion/,$(COMPLETIONS)) $(DESTDIR)$(bashcompdir)/

	install -d $(DESTDIR)$(udevrulesdir) $(DESTDIR)$(unitdir) \
		$(DESTDIR)$(tmpfilesdir) $(DESTDIR)$(modulesloaddir)
	for r in $(UDEV_RULES); do \
		$(SUBST) udev/$$r* > $(DESTDIR)$(udevrulesdir)/$$r || exit 1; \
		chmod 644 $(DESTDIR)$(udevrulesdir)/$$r; done
	install -m 755 udev/kpartx_id $(DESTDIR)$(udevdir)/kpartx_id
	$(SUBST) systemd/multipathd.service.in > $(DESTDIR)$(unitdir)/multipathd.service
	install -m 644 systemd/multipathd.socket $(DESTDIR)$(unitdir)/
	install -m 644 systemd/tmpfiles.conf $(DESTDIR)$(tmpfilesdir)/multipath.conf
	install -m 644 systemd/modules-load.conf $(DESTDIR)$(modulesloaddir)/multipath.conf
	for f in $(INITRAMFS_FILES); do \
		install -d $(DESTDIR)$(initramfsdir)/$${f%/*:*} && \
		$(SUBST) initramfs/$${f#*:}.in > $(DESTDIR)$(initramfsdir)/$${f%:*} && \
		chmod 755 $(DESTDIR)$(initramfsdir)/$${f%:*} || exit 1; done

uninstall:
	rm -f $(addprefix $(DESTDIR)$(udevrulesdir)/,$(UDEV_RULES)) \
		$(DESTDIR)$(udevdir)/kpartx_id
	rm -f $(DESTDIR)$(unitdir)/multipathd.service $(DESTDIR)$(unitdir)/multipathd.socket \
		$(DESTDIR)$(tmpfilesdir)/multipath.conf $(DESTDIR)$(modulesloaddir)/multipath.conf
	for f in $(INITRAMFS_FILES); do rm -f $(DESTDIR)$(initramfsdir)/$${f%:*}; done
	rm -f $(addprefix $(DESTDIR)$(sbindir)/,$(PROGRAMS))
	rm -f $(DESTDIR)$(libdir)/$(LIBNAME) $(DESTDIR)$(libdir)/$(LIBNAME).$(SONAME_MAJOR)
	rm -f $(DESTDIR)$(mandir)/man5/multipath.conf.5 $(DESTDIR)$(mandir)/man8/multipath.8
	rm -f $(DESTDIR)$(includedir)/multipath/checker_plugin.h \
		$(DESTDIR)$(includedir)/multipath/prio_plugin.h
	rm -f $(DESTDIR)$(mandir)/man8/kpartx.8 $(DESTDIR)$(mandir)/man8/multipathd.8 \
		$(DESTDIR)$(mandir)/man8/mpathpersist.8
	rm -f $(addprefix $(DESTDIR)$(bashcompdir)/,$(COMPLETIONS))

# Export exactly what the programs use (after a program starts to use
# another library function).
.PHONY: exports
exports:
	@MAKE="$(MAKE)" libmultipath/update-exports.sh

.PHONY: clean
clean:
	rm -rf build

# ---- the model benchmark (no VM) ------------------------------------------
# Discovery, the daemon's model and the assembly core over fake sysfs
# trees of 1k, 4k and 16k paths: the cost per path (make bench-model).
.PHONY: bench-model
$(B)/tests/bench_model: $(B)/obj/tests/bench/bench_model.o $(LIB_A)
	$(call say,LINK,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB_A) $(PKG_LIBS)
ALL_OBJS += $(B)/obj/tests/bench/bench_model.o
bench-model: $(B)/tests/bench_model
	@$(B)/tests/bench_model $(BENCH_PATHS)

# dependencies of every object, once all are known
-include $(ALL_OBJS:.o=.d)
