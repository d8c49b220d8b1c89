/* PERSISTENT RESERVE IN and OUT on one path device through SG_IO, with
 * the reference's retries, results as PR_STATUS_* codes. */
#ifndef MP_PERSIST_PR_IO_H
#define MP_PERSIST_PR_IO_H

#include <stddef.h>
#include <stdint.h>

/* commands that take longer are given up (ms) */
#define PR_IO_TIMEOUT_MS 30000

/*
 * PR IN service action sa on /dev/<dev> for at most len bytes (at most
 * 65535) into buf (zeroed first); *got is what the device sent.
 * Returns PR_STATUS_SUCCESS or the failure's status.
 */
int pr_in(const char *dev, int sa, uint8_t *buf, size_t len, size_t *got);

/* PR OUT service action sa with scope and type and the parameter list
 * params (plen bytes) on /dev/<dev>. */
int pr_out(const char *dev, int sa, unsigned scope, unsigned type,
	   const uint8_t *params, size_t plen);

/* The same on an open path device (dev names it in messages). */
int pr_in_fd(int fd, const char *dev, int sa, uint8_t *buf, size_t len,
	     size_t *got);
int pr_out_fd(int fd, const char *dev, int sa, unsigned scope,
	      unsigned type, const uint8_t *params, size_t plen);

#endif
