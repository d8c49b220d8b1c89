# Per-test extras for the unit tests (included by the top Makefile).

# plugin_rule FILES SOURCE HEADER: the test plugins FILES built from one
# SOURCE (each with its own PLUGIN_FLAGS) against an ABI HEADER.
define plugin_rule
$(1): $(2) $(3)
	$$(call say,LINK,$$@)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(BASEFLAGS) $$(CFLAGS) $$(PLUGIN_FLAGS) -shared $$(ALL_LDFLAGS) -o $$@ $$<
endef

# test_checkers_plugin loads checker plugins built from tests/unit/plugins/
# into $(B)/tests/plugins: a good one, one of another ABI version, one
# without the descriptor symbol.
CHECKER_PLUGINS := $(addprefix $(B)/tests/plugins/checker_,fake.so badabi.so nosym.so)
$(B)/tests/plugins/checker_fake.so: PLUGIN_FLAGS :=
$(B)/tests/plugins/checker_badabi.so: PLUGIN_FLAGS := -DBAD_ABI -DFAKE_NAME='"badabi"'
$(B)/tests/plugins/checker_nosym.so: PLUGIN_FLAGS := -DNO_SYMBOL
$(eval $(call plugin_rule,$(CHECKER_PLUGINS),tests/unit/plugins/checker_fake.c,libmultipath/checkers/checker_plugin.h))
$(B)/tests/test_checkers_plugin: $(CHECKER_PLUGINS)

# test_scsi_tmo puts a model of the FC transport's checks in front of
# sysfs_write.
test_scsi_tmo_WRAP := -Wl,--wrap=sysfs_write

# test_prio_plugin does the same with prioritizer plugins; prio_myprio.so
# is the one tests/vm/mkinitrd.sh installs in the guest's plugin directory.
PRIO_PLUGINS := $(addprefix $(B)/tests/plugins/prio_,fake.so badabi.so nosym.so myprio.so)
$(B)/tests/plugins/prio_fake.so: PLUGIN_FLAGS :=
$(B)/tests/plugins/prio_badabi.so: PLUGIN_FLAGS := -DBAD_ABI -DFAKE_NAME='"badabi"'
$(B)/tests/plugins/prio_nosym.so: PLUGIN_FLAGS := -DNO_SYMBOL
$(B)/tests/plugins/prio_myprio.so: PLUGIN_FLAGS := -DFAKE_NAME='"myprio"'
$(eval $(call plugin_rule,$(PRIO_PLUGINS),tests/unit/plugins/prio_fake.c,libmultipath/prio/prio_plugin.h))
$(B)/tests/test_prio_plugin: $(PRIO_PLUGINS)

TEST_PLUGINS := $(CHECKER_PLUGINS) $(PRIO_PLUGINS)

# Jobs look their prioritizer up by name: these tests point the lookup at
# their own prioritizers and plugin directory.
test_prio_plugin_WRAP := -Wl,--wrap=prio_lookup
test_prio_paths_WRAP := -Wl,--wrap=prio_lookup

# The tests of multipathd's command language and client link those parts
# (MULTIPATHD_LIB_OBJS, top Makefile).
test_cli_parse_OBJS := $(MULTIPATHD_LIB_OBJS)
test_ipc_client_OBJS := $(MULTIPATHD_LIB_OBJS)
$(B)/tests/test_cli_parse $(B)/tests/test_ipc_client: $(MULTIPATHD_LIB_OBJS)

# multipathd's pure decisions and its event loop
test_daemon_policy_OBJS := $(B)/obj/multipathd/policy.o
test_daemon_loop_OBJS := $(B)/obj/multipathd/loop.o
test_daemon_iosample_OBJS := $(B)/obj/multipathd/iosample.o \
	$(B)/obj/multipathd/loop.o
$(B)/tests/test_daemon_policy: $(test_daemon_policy_OBJS)
$(B)/tests/test_daemon_loop: $(test_daemon_loop_OBJS)
$(B)/tests/test_daemon_iosample: $(test_daemon_iosample_OBJS)

# the console's completion: the command language and the pure completer
test_console_complete_OBJS := $(MULTIPATHD_LIB_OBJS) $(B)/obj/multipathd/complete.o
$(B)/tests/test_console_complete: $(test_console_complete_OBJS)

# mpathpersist's command line (mpathpersist/options.c)
test_mpathpersist_options_OBJS := $(B)/obj/mpathpersist/options.o
$(B)/tests/test_mpathpersist_options: $(B)/obj/mpathpersist/options.o
