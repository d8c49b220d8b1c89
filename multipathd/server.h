/* The command socket of the daemon: listening, clients, replies. */
#ifndef MULTIPATHD_SERVER_H
#define MULTIPATHD_SERVER_H

struct daemon;

int server_start(struct daemon *dd);
void server_stop(struct daemon *dd);
unsigned int server_clients(const struct daemon *dd);

#endif
