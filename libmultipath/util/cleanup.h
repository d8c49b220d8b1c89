/* Scope-bound cleanup helpers (__attribute__((cleanup))) and tiny macros. */
#ifndef MP_UTIL_CLEANUP_H
#define MP_UTIL_CLEANUP_H

#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
#include <dirent.h>

#define _cleanup_(f) __attribute__((cleanup(f)))

static inline void freep(void *p)
{
	free(*(void **)p);
}

static inline void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

static inline void fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}

static inline void closedirp(DIR **d)
{
	if (*d)
		closedir(*d);
}

#define _cleanup_free_ _cleanup_(freep)
#define _cleanup_close_ _cleanup_(closep)
#define _cleanup_fclose_ _cleanup_(fclosep)
#define _cleanup_closedir_ _cleanup_(closedirp)

/* Hand a pointer out of a cleanup scope: returns it and NULLs the variable. */
#define TAKE_PTR(p)                                                            \
	({                                                                     \
		__typeof__(p) _tmp_ = (p);                                     \
		(p) = NULL;                                                    \
		_tmp_;                                                         \
	})
#define TAKE_FD(fd)                                                            \
	({                                                                     \
		int _tmp_ = (fd);                                              \
		(fd) = -1;                                                     \
		_tmp_;                                                         \
	})

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define streq(a, b) (strcmp((a), (b)) == 0)

#endif
