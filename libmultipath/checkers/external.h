/* External checkers loaded from the plugin directory (checker_plugin.h
 * describes their ABI). */
#ifndef MP_CHECKERS_EXTERNAL_H
#define MP_CHECKERS_EXTERNAL_H

struct checker_ops;

/* The checker in <dir>/checker_<name>.so, loaded at the first call;
 * NULL (logged) when there is none or it does not fit our ABI. */
const struct checker_ops *checker_plugin_find(const char *dir,
					      const char *name);

#endif
