# Per-test extras for the unit tests (included by the top Makefile).

# test_checkers_plugin loads checker plugins built from tests/unit/plugins/
# into $(B)/tests/plugins: a good one, one of another ABI version, one
# without the descriptor symbol.
CHECKER_PLUGIN_SRC := tests/unit/plugins/checker_fake.c
CHECKER_PLUGINS := $(addprefix $(B)/tests/plugins/checker_,fake.so badabi.so nosym.so)
$(B)/tests/plugins/checker_fake.so: PLUGIN_FLAGS :=
$(B)/tests/plugins/checker_badabi.so: PLUGIN_FLAGS := -DBAD_ABI -DFAKE_NAME='"badabi"'
$(B)/tests/plugins/checker_nosym.so: PLUGIN_FLAGS := -DNO_SYMBOL
$(CHECKER_PLUGINS): $(CHECKER_PLUGIN_SRC) libmultipath/checkers/checker_plugin.h
	$(call say,LINK,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASEFLAGS) $(CFLAGS) $(PLUGIN_FLAGS) -shared $(ALL_LDFLAGS) -o $@ $<
$(B)/tests/test_checkers_plugin: $(CHECKER_PLUGINS)

# Jobs look their prioritizer up by name: this test points the lookup at
# its own prioritizer.
test_prio_paths_WRAP := -Wl,--wrap=prio_lookup
